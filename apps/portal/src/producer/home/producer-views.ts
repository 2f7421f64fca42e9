import type { Schema } from '../../common/api/types';

export type Producer = Schema<'catalogue.ProducerView'>;
export type Product = Schema<'catalogue.ProductView'>;
export type GrowingArea = Schema<'traceability.GrowingAreaView'>;
export type Batch = Schema<'traceability.BatchView'>;

/** rating's certificate view (its OpenAPI document leaves the answer untyped). */
export interface Certificate {
  certificateId: string;
  number: string;
  productId: string;
  productName: string;
  stars: number;
  issuedAt: string;
  expiresAt: string;
  status: string;
  verifyUrl: string;
}

/** lookup's scan statistics, one row per product, day (Viet Nam) and district. */
export interface ScanRow {
  productId: string;
  day: string;
  districtCode: string | null;
  scans: number;
}

export interface Page<T> {
  items: T[];
  nextCursor?: string;
}
