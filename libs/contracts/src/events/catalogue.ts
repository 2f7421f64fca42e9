import { eventType } from '../subjects';

/**
 * The catalogue's facts: who makes what, where. Every event carries the whole current record (not a diff), so
 * that a read model (lookup, rating, notifications) can be built from the stream alone and a consumer that
 * missed an update catches up with the next one. `changed` names what this change touched.
 */
export const CatalogueEvents = {
  producerRegistered: eventType('catalogue', 'producer', 'registered'),
  producerUpdated: eventType('catalogue', 'producer', 'updated'),
  producerVerified: eventType('catalogue', 'producer', 'verified'),
  producerSuspended: eventType('catalogue', 'producer', 'suspended'),
  producerChangeRejected: eventType('catalogue', 'producer', 'change-rejected'),
  productCreated: eventType('catalogue', 'product', 'created'),
  productUpdated: eventType('catalogue', 'product', 'updated'),
  productActivated: eventType('catalogue', 'product', 'activated'),
  productDiscontinued: eventType('catalogue', 'product', 'discontinued'),
} as const;

export type ProducerType = 'household' | 'cooperative-group' | 'cooperative' | 'enterprise';
/**
 * `pending-reverification`: a verified producer asked to change its identity (decision 0024). It stays public with
 * its last verified identity, which is what every snapshot's fields hold; the asked-for one is `pendingChange`.
 */
export type ProducerStatus = 'pending' | 'verified' | 'pending-reverification' | 'suspended';
export type ProductStatus = 'draft' | 'active' | 'discontinued';
export type ProductGroupCode = 'food' | 'beverages' | 'herbal' | 'handicrafts' | 'ornamentals' | 'tourism';

/**
 * Editions of the administrative map: Ben Tre as of 2022 (province 83, with districts) and the merged Vinh Long
 * from 1 July 2025 (province 86, communes directly under the province).
 */
export type UnitMapId = 'bt-2022' | 'vl-2025-07';

/** A place in one map's GSO codes. Missing codes are unknown (e.g. a 2025 commune spanning two 2022 districts). */
export interface PlaceV1 {
  provinceCode: string;
  districtCode?: string;
  communeCode?: string;
}

export interface ProducerAddressV1 {
  street?: string;
  /** The map the commune code was valid in when the record was made. */
  unitMap: UnitMapId;
  communeCode?: string;
  /** The same place under each map, so consumers can report under either without the unit tables. */
  places: Record<UnitMapId, PlaceV1>;
}

export interface ProducerSnapshotV1 {
  producerId: string;
  type: ProducerType;
  name: string;
  tradingName?: string;
  nameEn?: string;
  taxCode?: string;
  gs1CompanyPrefix?: string;
  legalRepresentative: { fullName: string; position?: string; woman: boolean; ethnicMinority: boolean };
  address: ProducerAddressV1;
  contact: { phone?: string; email?: string; website?: string };
  status: ProducerStatus;
  /** An identity change waiting for an officer; absent when there is none (and from older catalogues). */
  pendingChange?: ProducerIdentityChangeV1;
  updatedAt: string;
}

/**
 * The identity a producer asked for and an officer has not yet accepted: never shown to the public. Whole, like
 * every snapshot; `changed` names the fields that differ from the verified identity.
 */
export interface ProducerIdentityChangeV1 {
  type: ProducerType;
  name: string;
  tradingName?: string;
  nameEn?: string;
  taxCode?: string;
  legalRepresentative: ProducerSnapshotV1['legalRepresentative'];
  address: ProducerAddressV1;
  changed: string[];
  requestedAt: string;
  requestedBy: string;
}

/** The product's current OCOP certification, as the catalogue learnt it from the rating service. */
export interface OcopCertificationV1 {
  stars: 3 | 4 | 5;
  certificateId: string;
  certificateNumber: string;
  issuedAt: string;
  expiresAt: string;
  decisionRef: string;
}

export interface ProductSnapshotV1 {
  productId: string;
  producerId: string;
  nameVi: string;
  nameEn?: string;
  /** OCOP product set of QĐ 148 (1–26) and its group. */
  productSet: number;
  productGroup: ProductGroupCode;
  descriptionVi?: string;
  descriptionEn?: string;
  images: { url: string; caption?: string }[];
  /** GTIN-14, check digit verified. */
  gtins: string[];
  packageSizes: { quantity: number; unit: string; label?: string }[];
  ingredients?: string;
  allergens: string[];
  shelfLifeDays?: number;
  certifications: {
    scheme: string;
    name?: string;
    certificateNumber?: string;
    issuer?: string;
    validUntil?: string;
  }[];
  geographicalIndication?: string;
  trademark?: string;
  salesLinks: { channel: string; url: string }[];
  status: ProductStatus;
  ocop: OcopCertificationV1 | null;
  updatedAt: string;
}

export interface ProducerRegisteredV1 {
  producer: ProducerSnapshotV1;
  actorId: string;
}
/** `changed` names what the edit touched; identity fields among them may wait in `producer.pendingChange`. */
export interface ProducerUpdatedV1 {
  producer: ProducerSnapshotV1;
  changed: string[];
  actorId: string;
}
export interface ProducerVerifiedV1 {
  producer: ProducerSnapshotV1;
  actorId: string;
}
export interface ProducerSuspendedV1 {
  producer: ProducerSnapshotV1;
  reason: string;
  actorId: string;
}
/** An officer turned down the identity change in `rejected`; the producer keeps its verified identity. */
export interface ProducerChangeRejectedV1 {
  producer: ProducerSnapshotV1;
  rejected: ProducerIdentityChangeV1;
  reason: string;
  actorId: string;
}
export interface ProductCreatedV1 {
  product: ProductSnapshotV1;
  actorId: string;
}
export interface ProductUpdatedV1 {
  product: ProductSnapshotV1;
  changed: string[];
  actorId: string;
}
export interface ProductActivatedV1 {
  product: ProductSnapshotV1;
  actorId: string;
}
export interface ProductDiscontinuedV1 {
  product: ProductSnapshotV1;
  reason?: string;
  actorId: string;
}

/** Request-reply questions the catalogue answers (`<namespace>.rpc.<name>`). */
export const CatalogueRpc = {
  productOwner: 'catalogue.product.owner',
  productSummary: 'catalogue.product.summary',
  producerHolder: 'catalogue.producer.holder',
  producerReviewable: 'catalogue.producer.reviewable',
} as const;

/**
 * `catalogue.producer.reviewable`: whether an officer of this territory reviews this producer (the catalogue's own
 * rule, by the producer's verified place), which identity asks before an officer invites an account for it.
 */
export interface ProducerReviewableQueryV1 {
  producerId: string;
  scope: { provinceCode: string; districtCode?: string; communeCode?: string };
}

export interface ProducerReviewableV1 {
  reviewable: boolean;
}

/** `catalogue.producer.holder`: which producer, if any, holds this tax code or personal ID (self-registration). */
export interface ProducerHolderQueryV1 {
  taxCode: string;
}

export interface ProducerHolderV1 {
  producerId?: string;
}

export interface ProductRefV1 {
  productId: string;
}

/** `catalogue.product.owner`: who owns the product. A missing product is a `not-found` DomainError. */
export interface ProductOwnerV1 {
  productId: string;
  producerId: string;
  status: ProductStatus;
  producerStatus: ProducerStatus;
}

/** `catalogue.product.summary`: what another service shows about a product (labels, dossiers, notifications). */
export interface ProductSummaryV1 {
  productId: string;
  producerId: string;
  producerName: string;
  nameVi: string;
  nameEn?: string;
  productSet: number;
  productGroup: ProductGroupCode;
  status: ProductStatus;
  /** Active product of a verified producer: shown in the public catalogue. */
  public: boolean;
  gtins: string[];
  imageUrl?: string;
  place: Record<UnitMapId, PlaceV1>;
  ocop: OcopCertificationV1 | null;
}
