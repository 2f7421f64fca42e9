import {
  gtinCheckDigit,
  parseDigitalLink,
  parseProductCodeLink,
  productCodePath,
  productIdOfCode,
} from '@ocop/ocop-domain';

/**
 * EPCs as EPCIS 2.0 carries them, in either syntax: EPC URNs (urn:epc:id:sgtin:…, urn:epc:class:lgtin:…) or GS1
 * Digital Link URIs on any domain. Both are reduced to one key per thing, so that a query for the URN finds an
 * event captured with the Digital Link and the other way round, and so that EPCs can be matched to batches
 * (GTIN + lot) and serialised units (GTIN + serial). Units and lots of products without GTIN are their label's
 * /t/{code}/{lot}[/{serial}] URI on any domain (decision 0048): `code-unit` and `code-lot`, the product's id read
 * from the code.
 */
export type EpcKind = 'sgtin' | 'lgtin' | 'gtin' | 'code-unit' | 'code-lot' | 'other';

export interface Epc {
  kind: EpcKind;
  /**
   * sgtin:{gtin}:{serial}, lgtin:{gtin}:{lot}, gtin:{gtin} (a class pattern), t:/t/{code}/{lot}[/{serial}] (the
   * path as labels write it), or the URI itself.
   */
  key: string;
  gtin?: string;
  /** The product of a /t/ EPC. */
  productId?: string;
  serial?: string;
  lot?: string;
}

/** Whether the EPC names one serialised unit (GS1 or /t/). */
export const isUnitEpc = (epc: Epc): boolean => epc.kind === 'sgtin' || epc.kind === 'code-unit';
/** Whether the EPC names one lot (GS1 or /t/). */
export const isLotEpc = (epc: Epc): boolean => epc.kind === 'lgtin' || epc.kind === 'code-lot';

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
  if (/^https?:\/\/[^/?#]+\/t\//i.test(uri)) {
    const parsed = parseProductCodeLink(uri);
    // A label's signature (and any other query) is not part of the unit's name, as with a Digital Link's 8030.
    if (!parsed.ok) return other;
    const { code, lot, serial } = parsed.value;
    const productId = productIdOfCode(code) as string;
    const key = `t:${productCodePath({ code, lot, serial })}`;
    return serial !== undefined
      ? { kind: 'code-unit', key, productId, lot, serial }
      : { kind: 'code-lot', key, productId, lot };
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

/**
 * Which field of an event names an EPC, as the EPCIS query parameters tell them apart: MATCH_epc looks at `epc`
 * (epcList, childEPCs), MATCH_parentID at `parent`, MATCH_inputEPC/outputEPC at `input`/`output`, MATCH_epcClass at
 * `class` (quantityList, childQuantityList), MATCH_inputEPCClass/outputEPCClass at `inputClass`/`outputClass`;
 * MATCH_anyEPC and MATCH_anyEPCClass at every instance or every class role.
 */
export type EpcRole = 'epc' | 'parent' | 'input' | 'output' | 'class' | 'inputClass' | 'outputClass';

export const INSTANCE_ROLES: EpcRole[] = ['epc', 'parent', 'input', 'output'];
export const CLASS_ROLES: EpcRole[] = ['class', 'inputClass', 'outputClass'];

/** Where an event names its things: JSON path (for error messages), the URI, and the role it plays. */
export interface EpcReference {
  path: string;
  uri: string;
  role: EpcRole;
}

const LISTS: [string, EpcRole][] = [
  ['epcList', 'epc'],
  ['childEPCs', 'epc'],
  ['inputEPCList', 'input'],
  ['outputEPCList', 'output'],
];
const QUANTITIES: [string, EpcRole][] = [
  ['quantityList', 'class'],
  ['childQuantityList', 'class'],
  ['inputQuantityList', 'inputClass'],
  ['outputQuantityList', 'outputClass'],
];

export function epcReferences(event: Record<string, unknown>): EpcReference[] {
  const refs: EpcReference[] = [];
  for (const [field, role] of LISTS) {
    const value = event[field];
    if (!Array.isArray(value)) continue;
    value.forEach((uri, i) => {
      if (typeof uri === 'string') refs.push({ path: `${field}[${i}]`, uri, role });
    });
  }
  if (typeof event['parentID'] === 'string')
    refs.push({ path: 'parentID', uri: event['parentID'], role: 'parent' });
  for (const [field, role] of QUANTITIES) {
    const value = event[field];
    if (!Array.isArray(value)) continue;
    value.forEach((q, i) => {
      const epcClass = (q as { epcClass?: unknown })?.epcClass;
      if (typeof epcClass === 'string') refs.push({ path: `${field}[${i}].epcClass`, uri: epcClass, role });
    });
  }
  return refs;
}

/** The searchable key of an EPC in a role: what the trace_events.epc_refs column holds and queries look for. */
export const roleKey = (role: EpcRole, key: string): string => `${role}|${key}`;

/**
 * Every key an event is found by: each EPC under its role, and, for units and lots, their GTIN under the same role
 * too, so that a GTIN pattern (urn:epc:idpat:sgtin:….*, or a Digital Link with the GTIN alone) finds every unit or
 * lot of that product.
 */
export function epcRefKeys(refs: { role: EpcRole; epc: Epc }[]): string[] {
  const keys = new Set<string>();
  for (const { role, epc } of refs) {
    keys.add(roleKey(role, epc.key));
    if (epc.gtin && epc.kind !== 'gtin') keys.add(roleKey(role, `gtin:${epc.gtin}`));
  }
  return [...keys];
}
