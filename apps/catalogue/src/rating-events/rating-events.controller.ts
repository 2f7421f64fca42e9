import { Controller } from '@nestjs/common';
import {
  CertificateExpiredV1,
  CertificateIssuedV1,
  CertificateRevokedV1,
  CertificateSupersededV1,
  CloudEvent,
  RatingEvents,
} from '@ocop/contracts';
import { EventContext, OnEvent } from '@ocop/messaging';
import { OcopCertificates } from './ocop-certificates';

/** The rating service's certificate facts, which are the only way a product's OCOP star changes. */
@Controller()
export class RatingEventsController {
  constructor(private readonly certificates: OcopCertificates) {}

  @OnEvent(RatingEvents.certificateIssued)
  issued(event: CloudEvent<CertificateIssuedV1>, ctx: EventContext) {
    return this.certificates.apply(ctx.manager, 'issued', event.data);
  }

  @OnEvent(RatingEvents.certificateRevoked)
  revoked(event: CloudEvent<CertificateRevokedV1>, ctx: EventContext) {
    return this.certificates.apply(ctx.manager, 'revoked', event.data);
  }

  @OnEvent(RatingEvents.certificateExpired)
  expired(event: CloudEvent<CertificateExpiredV1>, ctx: EventContext) {
    return this.certificates.apply(ctx.manager, 'expired', event.data);
  }

  @OnEvent(RatingEvents.certificateSuperseded)
  superseded(event: CloudEvent<CertificateSupersededV1>, ctx: EventContext) {
    return this.certificates.apply(ctx.manager, 'superseded', event.data);
  }
}
