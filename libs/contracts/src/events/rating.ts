import { eventType } from '../subjects';

/** Certificate facts of the rating service; the catalogue, lookup and notifications consume them. */
export const RatingEvents = {
  certificateIssued: eventType('rating', 'certificate', 'issued'),
  certificateRevoked: eventType('rating', 'certificate', 'revoked'),
  certificateExpired: eventType('rating', 'certificate', 'expired'),
} as const;

/** v1 — an OCOP certificate (3★–5★) as approved by the provincial People's Committee or the ministry. */
export interface CertificateV1 {
  certificateId: string;
  certificateNumber: string;
  productId: string;
  producerId: string;
  stars: 3 | 4 | 5;
  /** ISO 8601 instants. A certificate is valid for 36 months from issue. */
  issuedAt: string;
  expiresAt: string;
  /** The approving decision, e.g. "1234/QĐ-UBND ngày 15/03/2023". */
  decisionRef: string;
}

export type CertificateIssuedV1 = CertificateV1;
export type CertificateExpiredV1 = CertificateV1;
export interface CertificateRevokedV1 extends CertificateV1 {
  revokedAt: string;
  reason: string;
}
