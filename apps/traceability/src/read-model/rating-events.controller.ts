import { Controller } from '@nestjs/common';
import {
  CertificateRevokedV1,
  CertificateSupersededV1,
  CertificateV1,
  CloudEvent,
  RatingEvents,
} from '@ocop/contracts';
import { EventContext, OnEvent } from '@ocop/messaging';

type CertificateEvent = CertificateV1 &
  Partial<Pick<CertificateRevokedV1, 'revokedAt'>> &
  Partial<Pick<CertificateSupersededV1, 'supersededAt'>>;

/** The certificate events that carry a whole certificate; a newer rating service may send others. */
const CERTIFICATE_EVENTS: readonly string[] = [
  RatingEvents.certificateIssued,
  RatingEvents.certificateRevoked,
  RatingEvents.certificateExpired,
  RatingEvents.certificateExpiring,
  RatingEvents.certificateSuperseded,
];

/**
 * OCOP certificates, straight from the rating service: a label shows the star of the certificate in force when
 * it is printed. Events may arrive in any order, so a withdrawal (revoked, or superseded by a newer certificate)
 * is remembered and wins over a late "issued"; expiry needs nothing beyond expires_at, which every event carries.
 */
@Controller()
export class RatingEventsController {
  @OnEvent('ocop.rating.certificate.*')
  async certificate(event: CloudEvent<CertificateEvent>, ctx: EventContext): Promise<void> {
    if (!CERTIFICATE_EVENTS.includes(event.type)) return;
    const c = event.data;
    const withdrawnAt =
      event.type === RatingEvents.certificateRevoked
        ? (c.revokedAt ?? event.time)
        : event.type === RatingEvents.certificateSuperseded
          ? (c.supersededAt ?? event.time)
          : null;
    await ctx.manager.query(
      `INSERT INTO ocop_certificates (certificate_id, product_id, stars, issued_at, expires_at, withdrawn_at)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (certificate_id) DO UPDATE
         SET stars = EXCLUDED.stars, issued_at = EXCLUDED.issued_at, expires_at = EXCLUDED.expires_at,
             withdrawn_at = COALESCE(ocop_certificates.withdrawn_at, EXCLUDED.withdrawn_at)`,
      [c.certificateId, c.productId, c.stars, c.issuedAt, c.expiresAt, withdrawnAt],
    );
  }
}
