import { Column, Entity, PrimaryColumn } from 'typeorm';

export type CertificateState = 'issued' | 'revoked' | 'expired' | 'superseded';

/**
 * Every OCOP certificate the rating service has told the catalogue about, in its latest known state. The
 * product's current star is derived from these rows, so events arriving late or twice cannot leave a revoked
 * certificate showing, an old one shadowing a newer one, or a superseded one coming back when its successor goes.
 */
@Entity({ name: 'ocop_certificates' })
export class OcopCertificate {
  @PrimaryColumn({ name: 'certificate_id', type: 'uuid' })
  certificateId!: string;

  /** No foreign key: a certificate may arrive before the catalogue has seen its product's creation. */
  @Column({ name: 'product_id', type: 'uuid' })
  productId!: string;

  @Column({ name: 'producer_id', type: 'uuid' })
  producerId!: string;

  @Column({ name: 'certificate_number', type: 'text' })
  certificateNumber!: string;

  @Column({ type: 'smallint' })
  stars!: 3 | 4 | 5;

  @Column({ name: 'issued_at', type: 'timestamptz' })
  issuedAt!: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ name: 'decision_ref', type: 'text' })
  decisionRef!: string;

  @Column({ type: 'text' })
  state!: CertificateState;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  @Column({ name: 'revoke_reason', type: 'text', nullable: true })
  revokeReason!: string | null;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
