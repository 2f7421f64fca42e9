import { Controller, Logger } from '@nestjs/common';
import { CatalogueEvents, CloudEvent, ProducerSnapshotV1, ProductSnapshotV1 } from '@ocop/contracts';
import { EventContext, OnEvent } from '@ocop/messaging';
import { ReadModelWriter } from './read-model-writer';

/**
 * Keeps the local copy of the catalogue's producers and products. Every catalogue event carries the whole
 * current record, so one handler per entity serves all its event types.
 */
@Controller()
export class CatalogueEventsController {
  private readonly logger = new Logger(CatalogueEventsController.name);

  @OnEvent('ocop.catalogue.producer.*')
  async producer(event: CloudEvent<{ producer?: ProducerSnapshotV1 }>, ctx: EventContext): Promise<void> {
    if (!event.data?.producer) return this.skip(event);
    await ReadModelWriter.upsertProducer(ctx.manager, event.data.producer);
  }

  @OnEvent('ocop.catalogue.product.*')
  async product(event: CloudEvent<{ product?: ProductSnapshotV1 }>, ctx: EventContext): Promise<void> {
    if (!event.data?.product) return this.skip(event);
    await ReadModelWriter.upsertProductFromEvent(ctx.manager, event.data.product);
  }

  /** A newer catalogue may add event types we do not know; they carry nothing for us, so they are acked. */
  private skip(event: CloudEvent): void {
    const known = Object.values<string>(CatalogueEvents).includes(event.type);
    this.logger.warn({ type: event.type, known }, 'catalogue event without the snapshot we read: skipped');
  }
}
