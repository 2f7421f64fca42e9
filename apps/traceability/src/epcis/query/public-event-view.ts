import { productCodeOf, productCodePath } from '@ocop/ocop-domain';
import { Epc, isLotEpc, isUnitEpc, parseEpc } from '../epc-identifiers';

/**
 * The public view of an event: what anyone who scans a label may read about its lot or unit without logging in
 * (decision 0044). Like the consumer page's journey, it says what happened to the product, when, and at which
 * registered place — never who bought or sold it, for how much, under which order, which sensor, nor the serials of
 * the lot's other units (a serial is what makes a copied label detectable). Fields are kept by name, never dropped
 * by name, so a field added to EPCIS later stays private until someone decides otherwise.
 */

/** Event types with a public view. Transactions (orders, invoices) and associations (sensors, assets) are B2B. */
export const PUBLIC_EVENT_TYPES = ['ObjectEvent', 'AggregationEvent', 'TransformationEvent'];

const COPIED = ['type', 'eventID', 'eventTime', 'eventTimeZoneOffset', 'action'];
const INSTANCE_LISTS = ['epcList', 'childEPCs', 'inputEPCList', 'outputEPCList'];
const QUANTITY_LISTS = ['quantityList', 'childQuantityList', 'inputQuantityList', 'outputQuantityList'];
/** The quantity list where an instance list's unnamed units are counted. */
const COUNTED_IN: Record<string, string> = {
  epcList: 'quantityList',
  childEPCs: 'childQuantityList',
  inputEPCList: 'inputQuantityList',
  outputEPCList: 'outputQuantityList',
};

/**
 * Instance/lot master data the consumer page shows too (dates, origin, the growing-area and packing-house codes
 * that QĐ 3156 makes public on the label).
 */
const PUBLIC_ILMD = [
  'cbvmda:lotNumber',
  'cbvmda:countryOfOrigin',
  'cbvmda:itemExpirationDate',
  'cbvmda:bestBeforeDate',
  'cbvmda:sellByDate',
  'cbvmda:harvestStartDate',
  'cbvmda:harvestEndDate',
  'ocop:growingAreaCodes',
  'ocop:packingHouseCode',
];

/** The platform's own extension fields that are public: a recall's reason is on the consumer page's verdict. */
const PUBLIC_PLATFORM_FIELDS = ['ocop:recallReason'];

/** CBV terms in any spelling (bare word, Web URI, URN): a term of someone's own vocabulary may name a person. */
const CBV = [
  /^[a-z_]+$/,
  /^https:\/\/ref\.gs1\.org\/cbv\/(BizStep|Disp|ER)-[a-z_]+$/,
  /^urn:epcglobal:cbv:(bizstep|disp|er):[a-z_]+$/,
];
const isCbv = (value: unknown): value is string =>
  typeof value === 'string' && CBV.some((re) => re.test(value));

/**
 * A registered location: an SGLN, or a Digital Link of a GLN (AI 414, on any domain). Other location URIs are
 * free text chosen by the capturer and may be a household's address.
 */
const isGln = (value: unknown): value is string =>
  typeof value === 'string' &&
  (/^urn:epc:id:sgln:\d+\.\d*\.[^/?#\s]+$/.test(value) ||
    /^https?:\/\/[^/?#]+(\/[^?#]*)?\/414\/\d{13}(\/254\/[^/?#]+)?$/.test(value));

export interface PublicViewInput {
  document: Record<string, unknown>;
  recordTime: string;
  /** Captured (anyone's extension fields) or recorded by the platform itself (its own fields may be public). */
  source: 'capture' | 'platform';
}

export class PublicEventView {
  /**
   * @param year for reading Digital Links' dates
   * @param shownUnits keys (sgtin:…) of the units the query named: their serials are already the asker's.
   * Other units are counted, per product, in the matching quantity list: what happened stays visible, the serials
   * do not.
   */
  constructor(
    private readonly year: number,
    private readonly shownUnits: ReadonlySet<string>,
    /** Where a product's GTIN-level class is written (the resolver's base URL): the class of an unnamed unit. */
    private readonly productBase: string,
  ) {}

  /** Lots and products (classes) are public, like the label; a unit only if the asker named it. */
  private shown(uri: unknown): uri is string {
    if (typeof uri !== 'string') return false;
    const epc = parseEpc(uri, this.year);
    return isLotEpc(epc) || epc.kind === 'gtin' || (isUnitEpc(epc) && this.shownUnits.has(epc.key));
  }

  /**
   * The class an unnamed unit is counted in: its product (GTIN-level), or for a unit without GTIN its lot (a /t/
   * identifier always names the lot, which labels show anyway).
   */
  private classOf(epc: Epc): string | undefined {
    if (epc.kind === 'sgtin' && epc.gtin) return `${this.productBase}/01/${epc.gtin}`;
    if (epc.kind === 'code-unit') {
      const code = productCodeOf(epc.productId as string);
      return `${this.productBase}${productCodePath({ code, lot: epc.lot as string })}`;
    }
    return undefined;
  }

  /** The view, or null when nothing the event is about may be shown (e.g. an aggregation of SSCCs only). */
  of({ document, recordTime, source }: PublicViewInput): Record<string, unknown> | null {
    const view: Record<string, unknown> = {};
    for (const field of COPIED) if (document[field] !== undefined) view[field] = document[field];
    view['recordTime'] = recordTime;
    for (const field of ['bizStep', 'disposition']) {
      if (isCbv(document[field])) view[field] = document[field];
    }
    for (const field of ['readPoint', 'bizLocation']) {
      const id = (document[field] as { id?: unknown } | undefined)?.id;
      if (isGln(id)) view[field] = { id };
    }
    if (this.shown(document['parentID'])) view['parentID'] = document['parentID'];
    // Unnamed units become a count of their product (GTIN-level class) in the matching quantity list; other
    // identifiers not public (SSCCs, assets …) go. A list left empty goes, as the schema wants.
    const counted: Record<string, Map<string, number>> = {};
    for (const field of INSTANCE_LISTS) {
      const list = document[field];
      if (!Array.isArray(list)) continue;
      const shown: string[] = [];
      for (const uri of list) {
        if (this.shown(uri)) shown.push(uri);
        else if (typeof uri === 'string') {
          const epc = parseEpc(uri, this.year);
          const epcClass = this.classOf(epc);
          if (!epcClass) continue;
          const counts = (counted[COUNTED_IN[field]] ??= new Map<string, number>());
          counts.set(epcClass, (counts.get(epcClass) ?? 0) + 1);
        }
      }
      if (shown.length) view[field] = shown;
    }
    for (const field of QUANTITY_LISTS) {
      const list: unknown[] = Array.isArray(document[field]) ? (document[field] as unknown[]) : [];
      const shown = [
        ...list
          .filter((q) => this.shown((q as { epcClass?: unknown })?.epcClass))
          .map((q) => {
            const { epcClass, quantity, uom } = q as Record<string, unknown>;
            return {
              epcClass,
              ...(typeof quantity === 'number' ? { quantity } : {}),
              ...(typeof uom === 'string' ? { uom } : {}),
            };
          }),
        ...[...(counted[field] ?? [])].map(([epcClass, quantity]) => ({ epcClass, quantity })),
      ];
      if (shown.length) view[field] = shown;
    }
    // An ObjectEvent about identifiers none of which are public still says that something was observed.
    if (view['type'] === 'ObjectEvent' && Array.isArray(document['epcList']) && !namesWhatItIsAbout(view)) {
      view['epcList'] = [];
    }
    if (!namesWhatItIsAbout(view)) return null;
    const ilmd = document['ilmd'];
    if (ilmd && typeof ilmd === 'object') {
      const kept = Object.fromEntries(
        Object.entries(ilmd).filter(
          ([k]) => PUBLIC_ILMD.includes(k) && (source === 'platform' || !k.startsWith('ocop:')),
        ),
      );
      if (Object.keys(kept).length) view['ilmd'] = kept;
    }
    const declaration = document['errorDeclaration'] as Record<string, unknown> | undefined;
    if (declaration && typeof declaration === 'object') {
      view['errorDeclaration'] = {
        declarationTime: declaration['declarationTime'],
        ...(isCbv(declaration['reason']) ? { reason: declaration['reason'] } : {}),
        ...(Array.isArray(declaration['correctiveEventIDs'])
          ? { correctiveEventIDs: declaration['correctiveEventIDs'] }
          : {}),
      };
    }
    if (source === 'platform') {
      for (const field of PUBLIC_PLATFORM_FIELDS)
        if (document[field] !== undefined) view[field] = document[field];
    }
    return view;
  }
}

/** What EPCIS 2.0 requires each event type to name (its JSON Schema's anyOf), still there once private EPCs went. */
function namesWhatItIsAbout(view: Record<string, unknown>): boolean {
  const has = (field: string) => Array.isArray(view[field]) && (view[field] as unknown[]).length > 0;
  switch (view['type']) {
    case 'ObjectEvent':
      return 'epcList' in view || has('quantityList') || 'readPoint' in view;
    case 'AggregationEvent':
      return has('childEPCs') || has('childQuantityList');
    default:
      // A transformation names what went in and what came out (its transformationID is not public).
      return (
        (has('inputEPCList') || has('inputQuantityList')) &&
        (has('outputEPCList') || has('outputQuantityList'))
      );
  }
}

/** Whether a public view uses the platform's ocop: terms, and so needs them in its @context. */
export const usesPlatformTerms = (view: Record<string, unknown>): boolean =>
  Object.keys(view).some((k) => k.startsWith('ocop:')) ||
  Object.keys((view['ilmd'] as object | undefined) ?? {}).some((k) => k.startsWith('ocop:'));
