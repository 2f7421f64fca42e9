import type { CertifiedStars } from '@ocop/ocop-domain';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The ministry's decision on a product the province proposed for 5★ (decision 0033). The province does not score
 * the central level: it sends the proposal package and records here what the ministry decided, once.
 */
@Entity({ name: 'ministry_decisions' })
export class MinistryDecision {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  /** The province result that proposed the product. */
  @Column({ name: 'result_id', type: 'uuid' })
  resultId!: string;

  @Column({ name: 'dossier_id', type: 'uuid' })
  dossierId!: string;

  @Column({ name: 'product_id', type: 'uuid' })
  productId!: string;

  /** E.g. "789/QĐ-BNNMT". */
  @Column({ name: 'decision_ref', type: 'text' })
  decisionRef!: string;

  @Column({ name: 'decision_date', type: 'date' })
  decisionDate!: string;

  @Column({ type: 'smallint' })
  stars!: CertifiedStars;

  /** The certificate the decision issued, or the province's certificate it kept. */
  @Column({ name: 'certificate_id', type: 'uuid', nullable: true })
  certificateId!: string | null;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Column({ name: 'recorded_by', type: 'uuid' })
  recordedBy!: string;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;
}
