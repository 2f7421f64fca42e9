import type { CertificateV1 } from '@ocop/contracts';
import type { CertifiedStars, RoundLevel } from '@ocop/ocop-domain';
import { Column, Entity, PrimaryColumn } from 'typeorm';

export type CertificateStatus = 'issued' | 'revoked' | 'expired' | 'superseded';

/** An OCOP certificate ("giấy chứng nhận"): 3★–5★, valid 36 months from issue. */
@Entity({ name: 'certificates' })
export class Certificate {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'text' })
  number!: string;

  @Column({ name: 'product_id', type: 'uuid' })
  productId!: string;

  @Column({ name: 'producer_id', type: 'uuid' })
  producerId!: string;

  /** Names as certified, printed on the certificate. */
  @Column({ name: 'product_name', type: 'text' })
  productName!: string;

  @Column({ name: 'producer_name', type: 'text' })
  producerName!: string;

  @Column({ type: 'smallint' })
  stars!: CertifiedStars;

  /** The deciding document, e.g. "1234/QĐ-UBND". */
  @Column({ name: 'decision_ref', type: 'text' })
  decisionRef!: string;

  @Column({ name: 'decision_date', type: 'date' })
  decisionDate!: string;

  @Column({ name: 'issued_at', type: 'timestamptz' })
  issuedAt!: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ type: 'text' })
  status!: CertificateStatus;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  @Column({ name: 'revoke_reason', type: 'text', nullable: true })
  revokeReason!: string | null;

  @Column({ name: 'superseded_at', type: 'timestamptz', nullable: true })
  supersededAt!: Date | null;

  @Column({ name: 'superseded_by', type: 'uuid', nullable: true })
  supersededBy!: string | null;

  /** From an approved council result, or imported from before the platform. */
  @Column({ type: 'text' })
  source!: 'round' | 'import';

  @Column({ type: 'text', nullable: true })
  level!: RoundLevel | null;

  @Column({ name: 'result_id', type: 'uuid', nullable: true })
  resultId!: string | null;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/** "1234/QĐ-UBND ngày 15/03/2023": the reference as people cite it, and as the events carry it. */
export function decisionCitation(c: Pick<Certificate, 'decisionRef' | 'decisionDate'>): string {
  const [y, m, d] = c.decisionDate.split('-');
  return `${c.decisionRef} ngày ${d}/${m}/${y}`;
}

export function certificateV1(c: Certificate): CertificateV1 {
  return {
    certificateId: c.id,
    certificateNumber: c.number,
    productId: c.productId,
    producerId: c.producerId,
    stars: c.stars,
    issuedAt: c.issuedAt.toISOString(),
    expiresAt: c.expiresAt.toISOString(),
    decisionRef: decisionCitation(c),
  };
}

export function certificateView(c: Certificate, verifyUrl: string) {
  return {
    certificateId: c.id,
    number: c.number,
    productId: c.productId,
    producerId: c.producerId,
    productName: c.productName,
    producerName: c.producerName,
    stars: c.stars,
    decision: { ref: c.decisionRef, date: c.decisionDate },
    issuedAt: c.issuedAt.toISOString(),
    expiresAt: c.expiresAt.toISOString(),
    status: c.status,
    ...(c.revokedAt ? { revokedAt: c.revokedAt.toISOString(), revokeReason: c.revokeReason } : {}),
    ...(c.supersededAt ? { supersededAt: c.supersededAt.toISOString(), supersededBy: c.supersededBy } : {}),
    source: c.source,
    level: c.level,
    verifyUrl,
  };
}
