import { Controller } from '@nestjs/common';
import {
  CertificateRevokedV1,
  CertificateSupersededV1,
  CertificateV1,
  CloudEvent,
  RatingEvents,
} from '@ocop/contracts';
import { EventContext, OnEvent } from '@ocop/messaging';
import { CacheInvalidation } from '../common/cache-invalidation';
import { tags } from '../common/tagged-cache';

type CertificateEvent = CertificateV1 &
  Partial<Pick<CertificateRevokedV1, 'revokedAt' | 'reason'>> &
  Partial<Pick<CertificateSupersededV1, 'supersededAt' | 'supersededBy'>>;

const WHOLE_CERTIFICATE_EVENTS: readonly string[] = [
  RatingEvents.certificateIssued,
  RatingEvents.certificateRevoked,
  RatingEvents.certificateExpired,
  RatingEvents.certificateExpiring,
  RatingEvents.certificateSuperseded,
];

/**
 * OCOP certificates. Events may arrive in any order: a revocation or supersession, once seen, is kept whatever
 * arrives later (COALESCE), and expiry needs nothing beyond expires_at, which every event carries.
 */
@Controller()
export class RatingEventsController {
  constructor(private readonly invalidation: CacheInvalidation) {}

  @OnEvent('ocop.rating.certificate.*')
  async certificate(event: CloudEvent<CertificateEvent>, ctx: EventContext): Promise<void> {
    if (!WHOLE_CERTIFICATE_EVENTS.includes(event.type)) return;
    const c = event.data;
    const revoked = event.type === RatingEvents.certificateRevoked;
    const superseded = event.type === RatingEvents.certificateSuperseded;
    await ctx.manager.query(
      `INSERT INTO rm_certificates (id, number, product_id, producer_id, stars, issued_at, expires_at, decision_ref,
                                    revoked_at, revoke_reason, superseded_at, superseded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
       ON CONFLICT (id) DO UPDATE
         SET number = EXCLUDED.number, stars = EXCLUDED.stars, issued_at = EXCLUDED.issued_at,
             expires_at = EXCLUDED.expires_at, decision_ref = EXCLUDED.decision_ref,
             revoked_at = COALESCE(rm_certificates.revoked_at, EXCLUDED.revoked_at),
             revoke_reason = COALESCE(rm_certificates.revoke_reason, EXCLUDED.revoke_reason),
             superseded_at = COALESCE(rm_certificates.superseded_at, EXCLUDED.superseded_at),
             superseded_by = COALESCE(rm_certificates.superseded_by, EXCLUDED.superseded_by)`,
      [
        c.certificateId,
        c.certificateNumber,
        c.productId,
        c.producerId,
        c.stars,
        c.issuedAt,
        c.expiresAt,
        c.decisionRef,
        revoked ? (c.revokedAt ?? event.time) : null,
        revoked ? (c.reason ?? null) : null,
        superseded ? (c.supersededAt ?? event.time) : null,
        superseded && c.supersededBy ? JSON.stringify(c.supersededBy) : null,
      ],
    );
    this.invalidation.touch(ctx.manager, tags.product(c.productId));
  }
}
