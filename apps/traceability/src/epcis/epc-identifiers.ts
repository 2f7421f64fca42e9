import { gtinCheckDigit, parseDigitalLink } from '@ocop/ocop-domain';

/**
 * EPCs as EPCIS 2.0 carries them, in either syntax: EPC URNs (urn:epc:id:sgtin:…, urn:epc:class:lgtin:…) or GS1
 * Digital Link URIs on any domain. Both are reduced to one key per thing, so that a query for the URN finds an
 * event captured with the Digital Link and the other way round, and so that EPCs can be matched to batches
 * (GTIN + lot) and serialised units (GTIN + serial).
 */
export type EpcKind = 'sgtin' | 'lgtin' | 'gtin' | 'other';

export interface Epc {
  kind: EpcKind;
  /** sgtin:{gtin}:{serial}, lgtin:{gtin}:{lot}, gtin:{gtin} (a class pattern), or the URI itself. */
  key: string;
  gtin?: string;
  serial?: string;
  lot?: string;
}

/** GTIN-14 from the company prefix and indicator/item reference fields of an EPC URN (TDS 2.0, §6.3.1). */
function gtinFromUrnFields(companyPrefix: string, itemReference: string): string | undefined {
  if (!/^\d+$/.test(companyPrefix) || !/^\d+$/.test(itemReference)) return undefined;
  if (companyPrefix.length + itemReference.length !== 13) return undefined;
  const body = `${itemReference[0]}${companyPrefix}${itemReference.slice(1)}`;
  return `${body}${gtinCheckDigit(body)}`;
}

function urnValue(raw: string): string | undefined {
  try {
    return decodeURIComponent(raw);
  } catch {
    return undefined;
  }
}

export function parseEpc(uri: string, currentYear: number): Epc {
  const other: Epc = { kind: 'other', key: uri };
  const urn = /^urn:epc:(id|class|idpat):(sgtin|lgtin):(\d+)\.(\d+)\.(.+)$/.exec(uri);
  if (urn) {
    const [, form, scheme, companyPrefix, itemReference, rest] = urn;
    const gtin = gtinFromUrnFields(companyPrefix, itemReference);
    if (!gtin) return other;
    if (form === 'idpat') return rest === '*' ? { kind: 'gtin', key: `gtin:${gtin}`, gtin } : other;
    const value = urnValue(rest);
    if (value === undefined) return other;
    if (form === 'id' && scheme === 'sgtin')
      return { kind: 'sgtin', key: `sgtin:${gtin}:${value}`, gtin, serial: value };
    if (form === 'class' && scheme === 'lgtin')
      return { kind: 'lgtin', key: `lgtin:${gtin}:${value}`, gtin, lot: value };
    return other;
  }
  if (/^https?:\/\//i.test(uri)) {
    const parsed = parseDigitalLink(uri, currentYear);
    if (!parsed.ok) return other;
    const { gtin, serial, lot } = parsed.value;
    if (serial !== undefined) return { kind: 'sgtin', key: `sgtin:${gtin}:${serial}`, gtin, serial };
    if (lot !== undefined) return { kind: 'lgtin', key: `lgtin:${gtin}:${lot}`, gtin, lot };
    return { kind: 'gtin', key: `gtin:${gtin}`, gtin };
  }
  return other;
}

/** Where an event names its things: JSON path (for error messages), the URI, and whether MATCH_epc counts it. */
export interface EpcReference {
  path: string;
  uri: string;
  /** epcList and childEPCs: what MATCH_epc looks at. MATCH_anyEPC also looks at parents, inputs and outputs. */
  direct: boolean;
  /** A quantity's epcClass rather than an instance. */
  isClass: boolean;
}

export function epcReferences(event: Record<string, unknown>): EpcReference[] {
  const refs: EpcReference[] = [];
  const list = (field: string, direct: boolean) => {
    const value = event[field];
    if (Array.isArray(value)) {
      value.forEach((uri, i) => {
        if (typeof uri === 'string') refs.push({ path: `${field}[${i}]`, uri, direct, isClass: false });
      });
    }
  };
  const quantities = (field: string) => {
    const value = event[field];
    if (Array.isArray(value)) {
      value.forEach((q, i) => {
        const epcClass = (q as { epcClass?: unknown })?.epcClass;
        if (typeof epcClass === 'string')
          refs.push({ path: `${field}[${i}].epcClass`, uri: epcClass, direct: true, isClass: true });
      });
    }
  };
  list('epcList', true);
  list('childEPCs', true);
  list('inputEPCList', false);
  list('outputEPCList', false);
  if (typeof event['parentID'] === 'string')
    refs.push({ path: 'parentID', uri: event['parentID'], direct: false, isClass: false });
  for (const field of ['quantityList', 'childQuantityList', 'inputQuantityList', 'outputQuantityList'])
    quantities(field);
  return refs;
}
