import { ProductGroupCode, ProductStatus } from '@ocop/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';

export interface ProductImage {
  url: string;
  caption?: string;
}
export interface PackageSize {
  quantity: number;
  unit: string;
  label?: string;
}
export interface Certification {
  scheme: string;
  name?: string;
  certificateNumber?: string;
  issuer?: string;
  validUntil?: string;
}
export interface SalesLink {
  channel: string;
  url: string;
}

@Entity({ name: 'products' })
export class Product {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'producer_id', type: 'uuid' })
  producerId!: string;

  /**
   * The producer's names, copied by a trigger (with its status, type and places, which only the public search reads)
   * so that the search index covers "kẹo dừa Đông Á". Never written by the application.
   */
  @Column({ name: 'producer_name', type: 'text', insert: false, update: false })
  producerName!: string;

  @Column({ name: 'name_vi', type: 'text' })
  nameVi!: string;

  @Column({ name: 'name_en', type: 'text', nullable: true })
  nameEn!: string | null;

  /** catalogue_fold(name_vi), computed by Postgres: exact-name ranking and list order. */
  @Column({ name: 'name_folded', type: 'text', insert: false, update: false })
  nameFolded!: string;

  /** OCOP product set of QĐ 148 (1–26); the group follows from it and is stored for filtering. */
  @Column({ name: 'product_set', type: 'smallint' })
  productSet!: number;

  @Column({ name: 'product_group', type: 'text' })
  productGroup!: ProductGroupCode;

  @Column({ name: 'description_vi', type: 'text', nullable: true })
  descriptionVi!: string | null;

  @Column({ name: 'description_en', type: 'text', nullable: true })
  descriptionEn!: string | null;

  @Column({ type: 'jsonb' })
  images!: ProductImage[];

  /** GTIN-14s; one product and one producer per GTIN are kept by product_gtins and gtin_claims (GtinClaims). */
  @Column({ type: 'text', array: true })
  gtins!: string[];

  @Column({ name: 'package_sizes', type: 'jsonb' })
  packageSizes!: PackageSize[];

  @Column({ type: 'text', nullable: true })
  ingredients!: string | null;

  @Column({ type: 'text', array: true })
  allergens!: string[];

  @Column({ name: 'shelf_life_days', type: 'integer', nullable: true })
  shelfLifeDays!: number | null;

  @Column({ type: 'jsonb' })
  certifications!: Certification[];

  @Column({ name: 'geographical_indication', type: 'text', nullable: true })
  geographicalIndication!: string | null;

  @Column({ type: 'text', nullable: true })
  trademark!: string | null;

  @Column({ name: 'sales_links', type: 'jsonb' })
  salesLinks!: SalesLink[];

  @Column({ type: 'text' })
  status!: ProductStatus;

  @Column({ name: 'status_changed_at', type: 'timestamptz', nullable: true })
  statusChangedAt!: Date | null;

  /**
   * The current OCOP certificate, written only by rating events (never by the API): see
   * rating-events/ocop-certificates.ts. Null when the product has none in force.
   */
  @Column({ name: 'ocop_stars', type: 'smallint', nullable: true })
  ocopStars!: 3 | 4 | 5 | null;

  @Column({ name: 'ocop_certificate_id', type: 'uuid', nullable: true })
  ocopCertificateId!: string | null;

  @Column({ name: 'ocop_certificate_number', type: 'text', nullable: true })
  ocopCertificateNumber!: string | null;

  @Column({ name: 'ocop_issued_at', type: 'timestamptz', nullable: true })
  ocopIssuedAt!: Date | null;

  @Column({ name: 'ocop_expires_at', type: 'timestamptz', nullable: true })
  ocopExpiresAt!: Date | null;

  @Column({ name: 'ocop_decision_ref', type: 'text', nullable: true })
  ocopDecisionRef!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'created_by', type: 'text' })
  createdBy!: string;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
