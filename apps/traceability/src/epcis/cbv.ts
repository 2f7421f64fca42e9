/**
 * CBV 2.0 vocabulary terms appear as bare words ("shipping"), as Web URIs (https://ref.gs1.org/cbv/BizStep-
 * shipping) and as URNs (urn:epcglobal:cbv:bizstep:shipping). Stored and queried as the bare word, so every
 * spelling finds every other; terms outside CBV stay as their URI.
 */
const FORMS: Record<'bizStep' | 'disposition', RegExp[]> = {
  bizStep: [/^https:\/\/ref\.gs1\.org\/cbv\/BizStep-(\w+)$/, /^urn:epcglobal:cbv:bizstep:(\w+)$/],
  disposition: [/^https:\/\/ref\.gs1\.org\/cbv\/Disp-(\w+)$/, /^urn:epcglobal:cbv:disp:(\w+)$/],
};

export function cbvTerm(kind: 'bizStep' | 'disposition', value: string): string {
  for (const form of FORMS[kind]) {
    const match = form.exec(value);
    if (match) return match[1];
  }
  return value;
}
