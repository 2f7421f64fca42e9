import { ProductStatus } from '@ocop/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * What traceability knows about a product, kept from the catalogue's product events. `source = 'rpc'` marks a
 * row learnt by asking the catalogue before its event arrived; its updatedAt is the epoch so that the event,
 * whenever it comes, replaces it.
 */
@Entity({ name: 'catalogue_products' })
export class CatalogueProduct {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'producer_id', type: 'uuid' })
  producerId!: string;

  @Column({ name: 'name_vi', type: 'text' })
  nameVi!: string;

  @Column({ name: 'name_en', type: 'text', nullable: true })
  nameEn!: string | null;

  @Column({ type: 'text' })
  status!: ProductStatus;

  /** GTIN-14s, check digits verified by the catalogue. */
  @Column({ type: 'text', array: true })
  gtins!: string[];

  @Column({ name: 'shelf_life_days', type: 'integer', nullable: true })
  shelfLifeDays!: number | null;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ type: 'text' })
  source!: 'event' | 'rpc';
}
