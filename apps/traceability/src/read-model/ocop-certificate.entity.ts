import { Column, Entity, PrimaryColumn } from 'typeorm';

/** OCOP certificates from the rating service's events: the star a label may show. */
@Entity({ name: 'ocop_certificates' })
export class OcopCertificate {
  @PrimaryColumn({ name: 'certificate_id', type: 'uuid' })
  certificateId!: string;

  @Column({ name: 'product_id', type: 'uuid' })
  productId!: string;

  @Column({ type: 'smallint' })
  stars!: 3 | 4 | 5;

  @Column({ name: 'issued_at', type: 'timestamptz' })
  issuedAt!: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  /** Set by a revocation or a newer certificate: it never counts again, whatever arrives later. */
  @Column({ name: 'withdrawn_at', type: 'timestamptz', nullable: true })
  withdrawnAt!: Date | null;
}
