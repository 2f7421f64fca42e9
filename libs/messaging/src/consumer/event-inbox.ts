import { Inject, Injectable } from '@nestjs/common';
import { CloudEvent } from '@ocop/contracts';
import { runWithContext } from '@ocop/service-kit';
import { DataSource } from 'typeorm';
import { MessagingMetrics } from '../messaging.metrics';
import { MESSAGING_OPTIONS, ResolvedMessagingOptions } from '../messaging.options';
import { EventContext } from './on-event.decorator';

/** One handler of an event, however it is reached (the live transport or dead-letter replay). */
export type EventInvoker = (event: CloudEvent, ctx: EventContext) => Promise<void>;

export type InboxOutcome = 'handled' | 'duplicate';

/**
 * Applies an event at most once per consuming service: in one transaction it records the event id in the inbox
 * and runs the handlers. A redelivery (the consumer died after commit and before ack, or the relay re-published
 * after the duplicate window) finds the id and runs nothing; a concurrent delivery of the same event waits on
 * the inbox row and then finds it. Handlers run in the event's context, so that the events they emit and the
 * requests they make carry the original correlation id.
 */
@Injectable()
export class EventInbox {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(MESSAGING_OPTIONS) private readonly options: ResolvedMessagingOptions,
    private readonly metrics: MessagingMetrics,
  ) {}

  async process(
    event: CloudEvent,
    delivery: { subject: string; attempt: number },
    handlers: readonly EventInvoker[],
  ): Promise<InboxOutcome> {
    const labels = { type: event.type };
    const endTimer = this.metrics.handlerDuration.startTimer(labels);
    try {
      const outcome = await runWithContext(
        { requestId: event.id, correlationId: event.correlationid ?? event.id },
        () =>
          this.dataSource.transaction(async (manager): Promise<InboxOutcome> => {
            const claimed = (await manager.query(
              `INSERT INTO inbox (consumer, event_id, event_type) VALUES ($1, $2, $3)
             ON CONFLICT DO NOTHING RETURNING event_id`,
              [this.options.serviceName, event.id, event.type],
            )) as unknown[];
            if (!claimed.length) return 'duplicate';
            const ctx: EventContext = { manager, attempt: delivery.attempt, subject: delivery.subject };
            for (const handler of handlers) await handler(event, ctx);
            return 'handled';
          }),
      );
      (outcome === 'handled' ? this.metrics.eventsHandled : this.metrics.eventsDuplicate).inc(labels);
      return outcome;
    } catch (err) {
      this.metrics.eventsFailed.inc(labels);
      throw err;
    } finally {
      endTimer();
    }
  }
}
