import { Injectable } from '@nestjs/common';
import { CertificateRevokedV1, CertificateV1 } from '@ocop/contracts';
import { isCertifiedStars } from '@ocop/ocop-domain';
import { isUUID } from 'class-validator';
import { EntityManager } from 'typeorm';
import { CertificateState } from './ocop-certificate.entity';

/** A payload the catalogue cannot apply; the consumer retries it and then dead-letters it with this reason. */
export class MalformedCertificateEvent extends Error {
  constructor(reason: string) {
    super(`Malformed certificate event: ${reason}`);
    this.name = 'MalformedCertificateEvent';
  }
}

const isInstant = (value: unknown): value is string =>
  typeof value === 'string' && !Number.isNaN(Date.parse(value));

export function checkCertificate(data: unknown): CertificateV1 {
  const c = (data ?? {}) as Partial<CertificateV1>;
  if (!isUUID(c.certificateId ?? '', 'all')) throw new MalformedCertificateEvent('certificateId');
  if (!isUUID(c.productId ?? '', 'all')) throw new MalformedCertificateEvent('productId');
  if (!isUUID(c.producerId ?? '', 'all')) throw new MalformedCertificateEvent('producerId');
  if (typeof c.certificateNumber !== 'string' || !c.certificateNumber)
    throw new MalformedCertificateEvent('certificateNumber');
  if (!isCertifiedStars(c.stars)) throw new MalformedCertificateEvent('stars must be 3, 4 or 5');
  if (!isInstant(c.issuedAt) || !isInstant(c.expiresAt))
    throw new MalformedCertificateEvent('issuedAt/expiresAt');
  if (typeof c.decisionRef !== 'string') throw new MalformedCertificateEvent('decisionRef');
  return c as CertificateV1;
}

/**
 * Applies certificate facts from the rating service and re-derives the product's current OCOP star: the most
 * recently issued certificate that is not revoked, expired or superseded. Those are final: a late or repeated
 * "issued" never brings a certificate back, nor does revoking its successor.
 */
@Injectable()
export class OcopCertificates {
  async apply(manager: EntityManager, state: CertificateState, data: unknown): Promise<void> {
    const c = checkCertificate(data);
    const revoked = state === 'revoked' ? (data as CertificateRevokedV1) : undefined;
    // Events of one product are handled in parallel; serialising them per product makes each re-derivation see
    // the certificates the others just committed (the lock waits, then every statement reads fresh data).
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [c.productId]);
    const onConflict = {
      issued: 'DO NOTHING',
      revoked: `DO UPDATE SET state = 'revoked', revoked_at = EXCLUDED.revoked_at, revoke_reason = EXCLUDED.revoke_reason, updated_at = now()`,
      expired: `DO UPDATE SET state = 'expired', updated_at = now() WHERE ocop_certificates.state = 'issued'`,
      superseded: `DO UPDATE SET state = 'superseded', updated_at = now() WHERE ocop_certificates.state = 'issued'`,
    }[state];
    await manager.query(
      `INSERT INTO ocop_certificates (certificate_id, product_id, producer_id, certificate_number, stars, issued_at,
                                      expires_at, decision_ref, state, revoked_at, revoke_reason, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, now())
       ON CONFLICT (certificate_id) ${onConflict}`,
      [
        c.certificateId,
        c.productId,
        c.producerId,
        c.certificateNumber,
        c.stars,
        c.issuedAt,
        c.expiresAt,
        c.decisionRef,
        state,
        revoked && isInstant(revoked.revokedAt) ? revoked.revokedAt : null,
        revoked?.reason ?? null,
      ],
    );
    await this.refreshProduct(manager, c.productId);
  }

  async refreshProduct(manager: EntityManager, productId: string): Promise<void> {
    await manager.query(
      `UPDATE products p
          SET ocop_stars = c.stars, ocop_certificate_id = c.certificate_id, ocop_certificate_number = c.certificate_number,
              ocop_issued_at = c.issued_at, ocop_expires_at = c.expires_at, ocop_decision_ref = c.decision_ref
         FROM (SELECT $1::uuid AS id) target
         LEFT JOIN LATERAL (
           SELECT * FROM ocop_certificates
            WHERE product_id = target.id AND state = 'issued' AND expires_at > now()
            ORDER BY issued_at DESC, certificate_id DESC
            LIMIT 1
         ) c ON true
        WHERE p.id = target.id`,
      [productId],
    );
  }
}
