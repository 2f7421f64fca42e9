import { BatchStatus } from '@ocop/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { numericColumn } from '../common/numeric';

/**
 * A batch (lot) of one trade item (GTIN) of a product: GTIN + lot identify it worldwide. A product without GTIN has
 * batches too, identified by the product's code and the lot (/t/ labels, decision 0048).
 */
@Entity({ name: 'batches' })
export class Batch {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'producer_id', type: 'uuid' })
  producerId!: string;

  @Column({ name: 'product_id', type: 'uuid' })
  productId!: string;

  @Column({ type: 'text', nullable: true })
  gtin!: string | null;

  @Column({ type: 'text' })
  lot!: string;

  @Column({ type: 'numeric', transformer: numericColumn })
  quantity!: number;

  @Column({ type: 'text' })
  unit!: string;

  @Column({ name: 'harvest_date', type: 'date', nullable: true })
  harvestDate!: string | null;

  @Column({ name: 'production_date', type: 'date', nullable: true })
  productionDate!: string | null;

  @Column({ name: 'packing_date', type: 'date', nullable: true })
  packingDate!: string | null;

  @Column({ name: 'expiry_date', type: 'date', nullable: true })
  expiryDate!: string | null;

  @Column({ name: 'best_before_date', type: 'date', nullable: true })
  bestBeforeDate!: string | null;

  @Column({ name: 'packing_house_id', type: 'uuid', nullable: true })
  packingHouseId!: string | null;

  @Column({ type: 'text' })
  status!: BatchStatus;

  @Column({ name: 'released_at', type: 'timestamptz', nullable: true })
  releasedAt!: Date | null;

  @Column({ name: 'recalled_at', type: 'timestamptz', nullable: true })
  recalledAt!: Date | null;

  @Column({ name: 'recall_reason', type: 'text', nullable: true })
  recallReason!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ type: 'integer' })
  version!: number;
}
