import { eventType } from '../subjects';

/**
 * Traceability's facts: growing areas and packing houses with their official codes, batches (lots), serialised
 * units and EPCIS trace events. The lookup service builds the consumer-facing view from them and the
 * notifications service tells people about recalls. Site and batch events carry the whole current record.
 */
export const TraceabilityEvents = {
  growingAreaRegistered: eventType('traceability', 'growing-area', 'registered'),
  growingAreaIssued: eventType('traceability', 'growing-area', 'issued'),
  growingAreaReissued: eventType('traceability', 'growing-area', 'reissued'),
  growingAreaRejected: eventType('traceability', 'growing-area', 'rejected'),
  growingAreaSuspended: eventType('traceability', 'growing-area', 'suspended'),
  growingAreaCancelled: eventType('traceability', 'growing-area', 'cancelled'),
  growingAreaExportCodeRecorded: eventType('traceability', 'growing-area', 'export-code-recorded'),
  packingHouseRegistered: eventType('traceability', 'packing-house', 'registered'),
  packingHouseIssued: eventType('traceability', 'packing-house', 'issued'),
  packingHouseReissued: eventType('traceability', 'packing-house', 'reissued'),
  packingHouseRejected: eventType('traceability', 'packing-house', 'rejected'),
  packingHouseSuspended: eventType('traceability', 'packing-house', 'suspended'),
  packingHouseCancelled: eventType('traceability', 'packing-house', 'cancelled'),
  packingHouseExportCodeRecorded: eventType('traceability', 'packing-house', 'export-code-recorded'),
  batchCreated: eventType('traceability', 'batch', 'created'),
  batchReleased: eventType('traceability', 'batch', 'released'),
  /** Published the moment a recall commits: every unit of the batch shows as recalled from then on. */
  batchRecalled: eventType('traceability', 'batch', 'recalled'),
  /** One event per generation request, whatever the number of units: counts and sequence ranges, no serials. */
  unitsGenerated: eventType('traceability', 'units', 'generated'),
  /**
   * The serials a generation made, in parts of at most UNITS_ISSUED_PART_SIZE units, published in the same
   * transaction as units.generated: the lookup knows every unit issued without asking traceability.
   */
  unitsIssued: eventType('traceability', 'units', 'issued'),
  /**
   * EPCIS events stored (captured, or recorded by the platform for a batch's creation, transformation and
   * recall): one message per capture, in parts of at most 500 events, never one per event.
   */
  traceEventsCaptured: eventType('traceability', 'trace-events', 'captured'),
  labelKeyPublished: eventType('traceability', 'label-key', 'published'),
  labelKeyRevoked: eventType('traceability', 'label-key', 'revoked'),
} as const;

/** Request-reply questions traceability answers (`<namespace>.rpc.<name>`). */
export const TraceabilityRpc = {
  /** {gtin, serial} → UnitStatusV1; an unknown unit is the `not-found` DomainError ("not ours"). */
  unitStatus: 'traceability.unit.status',
} as const;

/** pending: registered, awaiting an officer; issued: has its code; rejected may be amended and resubmitted. */
export type SiteStatus = 'pending' | 'issued' | 'rejected' | 'suspended' | 'cancelled';
export type CropCycle = 'perennial' | 'annual';
export type FarmingStandard = 'vietgap' | 'globalgap' | 'organic' | 'basic-gap' | 'other';

/** A code granted with an importing country (PUC for growing areas, PHC for packing houses), kept as a reference. */
export interface ExportCodeV1 {
  scheme: 'PUC' | 'PHC';
  code: string;
  /** ISO 3166-1 alpha-2 of the importing country, e.g. CN. */
  importingCountry: string;
  grantedOn?: string;
  note?: string;
}

export interface SitePlaceV1 {
  provinceCode: string;
  districtCode?: string;
  communeCode: string;
}

/** v1 — a growing area (vùng trồng) as registered and, once issued, with its code (QĐ 3156/QĐ-BNN-TT). */
export interface GrowingAreaSnapshotV1 {
  growingAreaId: string;
  producerId: string;
  name: string;
  crop: string;
  variety: string;
  cropCycle: CropCycle;
  areaHa: number;
  standard: FarmingStandard;
  standardDetail?: string;
  expectedYieldTonnesPerYear: number;
  facilityName: string;
  place: SitePlaceV1;
  /** Area of the GeoJSON boundary when one was given (the boundary itself stays in traceability). */
  boundaryAreaHa?: number;
  status: SiteStatus;
  code?: string;
  facilityNumber?: number;
  exportCodes: ExportCodeV1[];
  updatedAt: string;
}

/** v1 — a packing house (cơ sở đóng gói). */
export interface PackingHouseSnapshotV1 {
  packingHouseId: string;
  producerId: string;
  name: string;
  address?: string;
  place: SitePlaceV1;
  capacityTonnesPerDay?: number;
  products: string[];
  status: SiteStatus;
  code?: string;
  facilityNumber?: number;
  exportCodes: ExportCodeV1[];
  updatedAt: string;
}

export interface GrowingAreaChangedV1 {
  growingArea: GrowingAreaSnapshotV1;
  /** Why an officer issued, re-issued, rejected, suspended or cancelled it (absent on registration). */
  reason?: string;
  /** The code before a re-issue. */
  previousCode?: string;
  actorId: string;
}

export interface PackingHouseChangedV1 {
  packingHouse: PackingHouseSnapshotV1;
  reason?: string;
  previousCode?: string;
  actorId: string;
}

/** open: being produced and labelled; released: on the market; recalled: withdrawn, for good. */
export type BatchStatus = 'open' | 'released' | 'recalled';

/**
 * v1 — a batch (lot) of a product: GTIN + lot identify it worldwide. Dates are ISO calendar dates (YYYY-MM-DD,
 * Vietnam time); a batch past its expiry or best-before date is expired whatever its status.
 */
export interface BatchSnapshotV1 {
  batchId: string;
  producerId: string;
  productId: string;
  /** GTIN-14; absent when the product had none, and the batch's labels name it by productCode (decision 0048). */
  gtin?: string;
  /** The product's public code, for a batch without GTIN: its labels are /t/{productCode}/{lot}[/{serial}]. */
  productCode?: string;
  lot: string;
  quantity: number;
  /** UN/ECE Recommendation 20 code, as EPCIS uses: KGM, TNE, LTR, H87 (piece)… */
  unit: string;
  harvestDate?: string;
  productionDate?: string;
  packingDate?: string;
  expiryDate?: string;
  bestBeforeDate?: string;
  growingAreas: { growingAreaId: string; code: string }[];
  packingHouse?: { packingHouseId: string; code: string };
  /** Batches this one was made from (coconuts → coconut candy). */
  inputs: {
    batchId: string;
    gtin?: string;
    productCode?: string;
    lot: string;
    quantity?: number;
    unit?: string;
  }[];
  status: BatchStatus;
  /** The batch's GS1 Digital Link (or /t/ URI) without serial, as printed on batch-level labels. */
  digitalLink: string;
  releasedAt?: string;
  recalledAt?: string;
  recallReason?: string;
  updatedAt: string;
}

export interface BatchCreatedV1 {
  batch: BatchSnapshotV1;
  actorId: string;
}

export interface BatchReleasedV1 {
  batch: BatchSnapshotV1;
  actorId: string;
}

export interface BatchRecalledV1 {
  batch: BatchSnapshotV1;
  /** The product's names when the batch was recalled, so that a notice names what to take off the shelves. */
  productName?: string;
  productNameEn?: string;
  reason: string;
  recalledAt: string;
  /** Serialised units of the batch at the time of the recall; all of them are recalled. */
  unitCount: number;
  actorId: string;
}

export interface UnitsGeneratedV1 {
  batchId: string;
  producerId: string;
  productId: string;
  /** As in BatchSnapshotV1: one of the two names the batch. */
  gtin?: string;
  productCode?: string;
  lot: string;
  generationId: string;
  count: number;
  /** Units are numbered 1, 2, 3… within their batch; this generation made firstSeq..lastSeq. */
  firstSeq: number;
  lastSeq: number;
  /** Units of the batch after this generation. */
  totalUnits: number;
  /** Whether every unit of this generation carries a signature (AI 8030, or sig= on /t/), and under which key. */
  signed: boolean;
  keyId?: string;
  actorId: string;
}

/** A label-signing public key (JWK, Ed25519); labels signed with it verify for as long as it is not revoked. */
export interface LabelKeyPublishedV1 {
  kid: string;
  publicJwk: { kty: 'OKP'; crv: 'Ed25519'; x: string };
  createdAt: string;
  /** The key it replaces as the signing key, which stays published for the labels it signed. */
  replaces?: string;
}

export interface LabelKeyRevokedV1 {
  kid: string;
  revokedAt: string;
  reason: string;
}

export const UNITS_ISSUED_PART_SIZE = 1000;

export interface IssuedUnitV1 {
  seq: number;
  serial: string;
}

export interface UnitsIssuedV1 {
  batchId: string;
  productId: string;
  producerId: string;
  /** As in BatchSnapshotV1: one of the two names the batch. */
  gtin?: string;
  productCode?: string;
  lot: string;
  generationId: string;
  /** Whether these units' labels carry an AI 8030 signature (a scan of one without it is not genuine). */
  signed: boolean;
  keyId?: string;
  units: IssuedUnitV1[];
  /** 1-based part of this generation and the number of parts. */
  part: number;
  parts: number;
}

export interface UnitStatusRequestV1 {
  gtin: string;
  serial: string;
}

/** What the lookup needs to answer a scan of a serialised unit. */
export interface UnitStatusV1 {
  gtin: string;
  serial: string;
  batchId: string;
  productId: string;
  producerId: string;
  lot: string;
  /** The batch's status; `expired` when past its expiry or best-before date and not recalled. */
  status: BatchStatus | 'expired';
  recallReason?: string;
  signed: boolean;
  keyId?: string;
}

/** What the lookup shows of an EPCIS event on a batch's timeline; the full event is at GET /events/{eventID}. */
export interface TraceEventSummaryV1 {
  traceEventId: string;
  /** The EPCIS eventID (assigned as urn:uuid:… when the capturer gave none). */
  eventID: string;
  type: string;
  eventTime: string;
  eventTimeZoneOffset: string;
  action?: string;
  /** CBV terms as bare words (shipping, recalled…); other vocabularies as their URI. */
  bizStep?: string;
  disposition?: string;
  readPoint?: string;
  bizLocation?: string;
  /** Batches the event names, directly (lot) or through their units. */
  batchIds: string[];
  /** This event declares an earlier one with the same eventID erroneous (EPCIS errorDeclaration). */
  errorDeclaration: boolean;
}

export interface TraceEventsCapturedV1 {
  /** The capture job, or absent for events the platform recorded itself. */
  captureId?: string;
  source: 'capture' | 'platform';
  events: TraceEventSummaryV1[];
  /** 1-based part of this capture and the number of parts. */
  part: number;
  parts: number;
}
