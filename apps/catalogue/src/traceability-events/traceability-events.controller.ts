import { Controller, Logger } from '@nestjs/common';
import { BatchSnapshotV1, CloudEvent } from '@ocop/contracts';
import { EventContext, OnEvent } from '@ocop/messaging';
import { GtinClaims } from '../products/gtin-claims';

/**
 * Traceability's batches, for one fact only: a GTIN was used. Every batch event carries the whole batch, and any
 * of them (created, released, recalled) proves labels may carry its GTIN, so each makes its producer's claim
 * permanent (decision 0023). A new catalogue consumer starts at the beginning of the stream: batches made before
 * this rule existed are counted too.
 */
@Controller()
export class TraceabilityEventsController {
  private readonly logger = new Logger(TraceabilityEventsController.name);

  @OnEvent('ocop.traceability.batch.*')
  async batch(event: CloudEvent<{ batch?: BatchSnapshotV1 }>, ctx: EventContext): Promise<void> {
    const batch = event.data?.batch;
    if (!batch) {
      this.logger.warn({ type: event.type }, 'batch event without the snapshot we read: skipped');
      return;
    }
    // A batch of a product without GTIN (labels under /t/, decision 0048) uses no GTIN to claim.
    if (batch.gtin === undefined) return;
    await GtinClaims.markUsed(ctx.manager, batch.gtin, batch.producerId, event.time);
  }
}
