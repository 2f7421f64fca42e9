import { Controller } from '@nestjs/common';
import { CloudEvent, IdentityEvents, LookupEvents, RatingEvents, TraceabilityEvents } from '@ocop/contracts';
import { EventContext, OnEvent } from '@ocop/messaging';
import { NotificationPlanner } from './notification-planner';

/**
 * The platform's events that start a notification workflow (see workflow-registry.ts). One handler per type, as
 * the durable consumer routes by subject; each plans through the handler's transaction, so the plan commits with
 * the inbox entry that makes it once-only.
 */
@Controller()
export class WorkflowEventsController {
  constructor(private readonly planner: NotificationPlanner) {}

  private plan(event: CloudEvent, ctx: EventContext) {
    return this.planner.plan(event, ctx.manager);
  }

  @OnEvent(IdentityEvents.invitationIssued)
  invitationIssued(event: CloudEvent, ctx: EventContext) {
    return this.plan(event, ctx);
  }

  @OnEvent(IdentityEvents.passwordResetRequested)
  passwordResetRequested(event: CloudEvent, ctx: EventContext) {
    return this.plan(event, ctx);
  }

  @OnEvent(IdentityEvents.registrationRepeated)
  registrationRepeated(event: CloudEvent, ctx: EventContext) {
    return this.plan(event, ctx);
  }

  @OnEvent(RatingEvents.dossierReturned)
  dossierReturned(event: CloudEvent, ctx: EventContext) {
    return this.plan(event, ctx);
  }

  @OnEvent(RatingEvents.dossierAccepted)
  dossierAccepted(event: CloudEvent, ctx: EventContext) {
    return this.plan(event, ctx);
  }

  @OnEvent(RatingEvents.dossierDecided)
  dossierDecided(event: CloudEvent, ctx: EventContext) {
    return this.plan(event, ctx);
  }

  @OnEvent(RatingEvents.dossierSubmitted)
  dossierSubmitted(event: CloudEvent, ctx: EventContext) {
    return this.plan(event, ctx);
  }

  @OnEvent(RatingEvents.roundScoringStarted)
  roundScoringStarted(event: CloudEvent, ctx: EventContext) {
    return this.plan(event, ctx);
  }

  @OnEvent(RatingEvents.productCertified)
  productCertified(event: CloudEvent, ctx: EventContext) {
    return this.plan(event, ctx);
  }

  @OnEvent(RatingEvents.certificateExpiring)
  certificateExpiring(event: CloudEvent, ctx: EventContext) {
    return this.plan(event, ctx);
  }

  @OnEvent(RatingEvents.certificateExpired)
  certificateExpired(event: CloudEvent, ctx: EventContext) {
    return this.plan(event, ctx);
  }

  @OnEvent(RatingEvents.certificateRevoked)
  certificateRevoked(event: CloudEvent, ctx: EventContext) {
    return this.plan(event, ctx);
  }

  @OnEvent(TraceabilityEvents.batchRecalled)
  batchRecalled(event: CloudEvent, ctx: EventContext) {
    return this.plan(event, ctx);
  }

  @OnEvent(TraceabilityEvents.growingAreaIssued)
  growingAreaIssued(event: CloudEvent, ctx: EventContext) {
    return this.plan(event, ctx);
  }

  @OnEvent(TraceabilityEvents.growingAreaRejected)
  growingAreaRejected(event: CloudEvent, ctx: EventContext) {
    return this.plan(event, ctx);
  }

  @OnEvent(LookupEvents.scanSuspicious)
  scanSuspicious(event: CloudEvent, ctx: EventContext) {
    return this.plan(event, ctx);
  }

  @OnEvent(LookupEvents.reportFiled)
  reportFiled(event: CloudEvent, ctx: EventContext) {
    return this.plan(event, ctx);
  }
}
