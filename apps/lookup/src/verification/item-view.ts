/** What the read model knows about a scanned item, loaded in one round trip (see ItemStore). */
export interface ProductRow {
  id: string;
  producer_id: string;
  name_vi: string;
  name_en: string | null;
  description_vi: string | null;
  description_en: string | null;
  image_url: string | null;
  image_caption: string | null;
  product_set: number;
  status: string;
  sales_links: { channel: string; url: string }[];
  /** VietGAP, HACCP… as the producer declared them in the catalogue (ProductSnapshotV1.certifications). */
  certifications: ProductCertification[];
  updated_at: string;
}

export interface ProductCertification {
  scheme: string;
  name?: string | null;
  certificateNumber?: string | null;
  issuer?: string | null;
  /** YYYY-MM-DD. */
  validUntil?: string | null;
}

export interface ProducerRow {
  id: string;
  name: string;
  name_en: string | null;
  trading_name: string | null;
  type: string;
  status: string;
  unit_map: string;
  street: string | null;
  places: Record<string, { provinceCode: string; districtCode?: string; communeCode?: string }>;
  phone: string | null;
  website: string | null;
}

export interface BatchRow {
  id: string;
  product_id: string;
  producer_id: string;
  gtin: string;
  lot: string;
  status: 'open' | 'released' | 'recalled';
  quantity: string | null;
  unit: string | null;
  harvest_date: string | null;
  production_date: string | null;
  packing_date: string | null;
  expiry_date: string | null;
  best_before_date: string | null;
  growing_areas: { growingAreaId: string; code: string }[];
  packing_house: { packingHouseId: string; code: string } | null;
  recalled_at: string | null;
  recall_reason: string | null;
}

export interface UnitRow {
  gtin: string;
  serial: string;
  batch_id: string;
  lot: string;
  seq: number;
  signed: boolean;
  key_id: string | null;
}

export interface CertificateRow {
  id: string;
  number: string;
  product_id: string;
  stars: 3 | 4 | 5;
  issued_at: string;
  expires_at: string;
  decision_ref: string;
  revoked_at: string | null;
  revoke_reason: string | null;
  superseded_at: string | null;
}

export interface GrowingAreaRow {
  id: string;
  name: string;
  crop: string;
  variety: string;
  standard: string;
  code: string | null;
  status: string;
  place: { provinceCode: string; districtCode?: string; communeCode: string };
}

export interface TraceEventRow {
  id: string;
  event_id: string;
  type: string;
  event_time: string;
  event_time_zone_offset: string;
  action: string | null;
  biz_step: string | null;
  disposition: string | null;
  read_point: string | null;
  biz_location: string | null;
  error_declaration: boolean;
}

export interface ItemView {
  product: ProductRow;
  producer: ProducerRow | null;
  /** The batch named by the lot, or the unit's batch when only the serial was given. */
  batch: BatchRow | null;
  unit: UnitRow | null;
  /** Newest first. */
  certificates: CertificateRow[];
  growingAreas: GrowingAreaRow[];
  /** Oldest first. */
  traceEvents: TraceEventRow[];
}
