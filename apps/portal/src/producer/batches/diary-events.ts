/**
 * The farm diary's four forms as EPCIS 2.0 events (JSON-LD), so that a producer writes "sprayed 20 ml of X, 7 days
 * before harvest" and never sees EPCIS. Every event is an ObjectEvent about the whole lot (its class-level EPC in
 * the quantity list), at the time the producer gives on Viet Nam's clock (+07:00, no daylight saving).
 */

export const EPCIS_CONTEXT_URL = 'https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld';
export const VIETNAM_OFFSET = '+07:00';

/** The business step of an input application: CBV 2.0 has none, so it is a term of the platform's vocabulary. */
export const INPUT_APPLICATION_STEP = 'BizStep-input_application';

export type DiaryKind = 'harvest' | 'input' | 'packing' | 'shipping';
export type InputKind = 'fertiliser' | 'pesticide';

/** Dose units a farmer writes in a spray or fertiliser log; stored as these codes, shown in words. */
export const DOSE_UNITS = ['ml/16l', 'ml/l', 'g/16l', 'l/ha', 'kg/ha', 'g/tree', 'kg/tree'] as const;
export type DoseUnit = (typeof DOSE_UNITS)[number];

/** What the diary needs of a batch: its Digital Link (whose path names the lot) and its unit. */
export interface DiaryBatch {
  digitalLink: string;
  unit: string;
}

interface When {
  /** YYYY-MM-DD, a day in Viet Nam. */
  date: string;
  /** HH:mm on Viet Nam's clock. */
  time: string;
}

export interface HarvestValues extends When {
  quantity: number;
  unit: string;
}

export interface InputValues extends When {
  inputKind: InputKind;
  inputName: string;
  dose: number;
  doseUnit: DoseUnit;
  /** Pre-harvest interval: whole days between the last application and a harvest. */
  preHarvestDays: number;
}

export interface PackingValues extends When {
  quantity: number;
  unit: string;
}

export interface ShippingValues extends When {
  quantity: number;
  unit: string;
  shipTo: string;
  destination: string;
}

export type DiaryValues = HarvestValues | InputValues | PackingValues | ShippingValues;

/** The lot as an EPCIS class: its Digital Link without the date attributes of the query string. */
export const batchClass = (batch: DiaryBatch): string => batch.digitalLink.split('?')[0];

/**
 * The platform's vocabulary (its `ocop:` terms) lives on the resolver that also serves the lot's Digital Link:
 * `{resolver}/voc/`. The resolver's base is what precedes the GS1 path (/01/…) or the product-code path (/t/…).
 */
export function vocabularyOf(batch: DiaryBatch): string {
  const link = batchClass(batch);
  const url = new URL(link);
  const path = url.pathname;
  const cut = path.search(/\/(01|t)\//);
  return `${url.origin}${cut > 0 ? path.slice(0, cut) : ''}/voc/`;
}

/** 2026-12-04 and 06:30 → 2026-12-04T06:30:00+07:00. */
export const vietnamTime = ({ date, time }: When): string => `${date}T${time}:00${VIETNAM_OFFSET}`;

const randomId = (): string => `urn:uuid:${globalThis.crypto.randomUUID()}`;

function common(batch: DiaryBatch, when: When) {
  return {
    '@context': [EPCIS_CONTEXT_URL, { ocop: vocabularyOf(batch) }],
    type: 'ObjectEvent',
    eventID: randomId(),
    eventTime: vietnamTime(when),
    eventTimeZoneOffset: VIETNAM_OFFSET,
  };
}

function quantityOf(batch: DiaryBatch, quantity?: number, unit?: string) {
  return [
    {
      epcClass: batchClass(batch),
      ...(quantity !== undefined ? { quantity, uom: unit ?? batch.unit } : {}),
    },
  ];
}

/** Harvest: the lot comes into being (CBV creating_class_instance), as lookup names a shopper's "Harvested". */
export function harvestEvent(batch: DiaryBatch, v: HarvestValues): Record<string, unknown> {
  return {
    ...common(batch, v),
    action: 'ADD',
    bizStep: 'creating_class_instance',
    disposition: 'active',
    epcList: [],
    quantityList: quantityOf(batch, v.quantity, v.unit),
  };
}

/** Fertiliser or pesticide put on the crop of the lot: what, how much, and how long before a harvest is safe. */
export function inputEvent(batch: DiaryBatch, v: InputValues): Record<string, unknown> {
  return {
    ...common(batch, v),
    action: 'OBSERVE',
    bizStep: `${vocabularyOf(batch)}${INPUT_APPLICATION_STEP}`,
    epcList: [],
    quantityList: quantityOf(batch),
    'ocop:inputKind': v.inputKind,
    'ocop:inputName': v.inputName.trim(),
    'ocop:dose': v.dose,
    'ocop:doseUnit': v.doseUnit,
    'ocop:preHarvestIntervalDays': v.preHarvestDays,
  };
}

export function packingEvent(batch: DiaryBatch, v: PackingValues): Record<string, unknown> {
  return {
    ...common(batch, v),
    action: 'OBSERVE',
    bizStep: 'packing',
    disposition: 'in_progress',
    epcList: [],
    quantityList: quantityOf(batch, v.quantity, v.unit),
  };
}

/**
 * Shipping: who receives the goods and where stay in the platform's own fields, which the public view of an event
 * never shows (a buyer is not a shopper's business); the shopper reads "Shipped".
 */
export function shippingEvent(batch: DiaryBatch, v: ShippingValues): Record<string, unknown> {
  return {
    ...common(batch, v),
    action: 'OBSERVE',
    bizStep: 'shipping',
    disposition: 'in_transit',
    epcList: [],
    quantityList: quantityOf(batch, v.quantity, v.unit),
    'ocop:shipTo': v.shipTo.trim(),
    'ocop:destination': v.destination.trim(),
  };
}

export function diaryEvent(kind: DiaryKind, batch: DiaryBatch, values: DiaryValues): Record<string, unknown> {
  switch (kind) {
    case 'harvest':
      return harvestEvent(batch, values as HarvestValues);
    case 'input':
      return inputEvent(batch, values as InputValues);
    case 'packing':
      return packingEvent(batch, values as PackingValues);
    case 'shipping':
      return shippingEvent(batch, values as ShippingValues);
  }
}

/**
 * Where a problem the service names in an event (its field path, e.g. "quantityList[0].quantity") is shown in the
 * diary's forms.
 */
export const DIARY_FIELDS: Record<string, string> = {
  eventTime: 'date',
  eventTimeZoneOffset: 'time',
  'quantityList[0].quantity': 'quantity',
  'quantityList[0].uom': 'unit',
  'ocop:inputKind': 'inputKind',
  'ocop:inputName': 'inputName',
  'ocop:dose': 'dose',
  'ocop:doseUnit': 'doseUnit',
  'ocop:preHarvestIntervalDays': 'preHarvestDays',
  'ocop:shipTo': 'shipTo',
  'ocop:destination': 'destination',
};

/** A pesticide application read back from the diary: when, what, and its pre-harvest interval. */
export interface PesticideApplication {
  eventTime: string;
  inputName: string;
  preHarvestDays: number;
}

/** The pesticide applications among a batch's events (corrected ones excluded by the caller). */
export function pesticideApplications(events: Record<string, unknown>[]): PesticideApplication[] {
  return events
    .filter((e) => e['ocop:inputKind'] === 'pesticide' && typeof e['eventTime'] === 'string')
    .map((e) => ({
      eventTime: e['eventTime'] as string,
      inputName: String(e['ocop:inputName'] ?? ''),
      preHarvestDays: Number(e['ocop:preHarvestIntervalDays'] ?? 0),
    }));
}

const DAY_MS = 86_400_000;
const VIETNAM_MS = 7 * 3_600_000;
/** The Vietnamese calendar day of an instant, as YYYY-MM-DD. */
const vietnamDay = (instant: string): string =>
  new Date(new Date(instant).getTime() + VIETNAM_MS).toISOString().slice(0, 10);
const addDays = (day: string, days: number): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

/**
 * The pesticide whose pre-harvest interval is not over on `day` (YYYY-MM-DD, Viet Nam), with the first day the
 * produce may be harvested or shipped; undefined when every interval has run out. The interval counts whole days
 * from the day of spraying (sprayed on the 1st with 7 days: safe from the 8th).
 */
export function unsafeBefore(
  applications: PesticideApplication[],
  day: string,
): (PesticideApplication & { safeFrom: string }) | undefined {
  return applications
    .map((a) => ({ ...a, safeFrom: addDays(vietnamDay(a.eventTime), a.preHarvestDays) }))
    .filter((a) => vietnamDay(a.eventTime) <= day && day < a.safeFrom)
    .sort((a, b) => b.safeFrom.localeCompare(a.safeFrom))[0];
}

/** Today on Viet Nam's clock, for the forms' defaults: { date: YYYY-MM-DD, time: HH:mm }. */
export function nowInVietnam(now: Date = new Date()): When {
  const local = new Date(now.getTime() + VIETNAM_MS).toISOString();
  return { date: local.slice(0, 10), time: local.slice(11, 16) };
}
