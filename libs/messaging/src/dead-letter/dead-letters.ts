import { Inject, Injectable, Logger } from '@nestjs/common';
import { CloudEvent, isCloudEvent, Problems } from '@ocop/contracts';
import { DataSource, IsNull } from 'typeorm';
import { EventInbox, InboxOutcome } from '../consumer/event-inbox';
import { MessagingMetrics } from '../messaging.metrics';
import { MESSAGING_OPTIONS, ResolvedMessagingOptions } from '../messaging.options';
import { DeadLetterRecord } from './dead-letter.record';
import { EventHandlerCatalog } from './event-handler-catalog';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface DeadLetterEntry {
  subject: string;
  /** The parsed event, or `{ raw }` for a message that was not one. */
  payload: unknown;
  error: unknown;
  attempts: number;
}

export type ReplayOutcome = InboxOutcome | 'already-replayed';

export interface ReplayResult {
  id: string;
  eventId: string | null;
  outcome?: ReplayOutcome;
  /** Set when the handler failed again; the row stays open. */
  error?: string;
}

/** The dead-letter table of this consuming service: writing it, reading it, and replaying from it. */
@Injectable()
export class DeadLetters {
  private readonly logger = new Logger('DeadLetters');

  constructor(
    private readonly dataSource: DataSource,
    private readonly inbox: EventInbox,
    private readonly catalog: EventHandlerCatalog,
    private readonly metrics: MessagingMetrics,
    @Inject(MESSAGING_OPTIONS) private readonly options: ResolvedMessagingOptions,
  ) {}

  /**
   * Records an event given up on. An open row for the same event is kept as it is (a consumer that dies between
   * writing the row and terminating the message gets the event again and gives up again).
   */
  async record(entry: DeadLetterEntry): Promise<void> {
    const event = isCloudEvent(entry.payload) ? entry.payload : undefined;
    const error = entry.error instanceof Error ? entry.error : new Error(String(entry.error));
    await this.dataSource.query(
      `INSERT INTO dead_letter (consumer, event_id, event_type, subject, payload, error, error_stack, attempts)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING`,
      [
        this.options.serviceName,
        event?.id ?? null,
        event?.type ?? null,
        entry.subject,
        JSON.stringify(entry.payload),
        error.message,
        error.stack ?? null,
        entry.attempts,
      ],
    );
    this.metrics.eventsDeadLettered.inc({ type: event?.type ?? 'invalid' });
    this.logger.error(
      { eventId: event?.id, type: event?.type, subject: entry.subject, attempts: entry.attempts, err: error },
      'event dead-lettered',
    );
  }

  /** Rows not yet replayed (or all of them), oldest first. */
  list(options: { includeReplayed?: boolean; limit?: number } = {}): Promise<DeadLetterRecord[]> {
    return this.dataSource.getRepository(DeadLetterRecord).find({
      where: {
        consumer: this.options.serviceName,
        ...(options.includeReplayed ? {} : { replayedAt: IsNull() }),
      },
      order: { failedAt: 'ASC' },
      take: options.limit ?? 1000,
    });
  }

  /**
   * Runs this service's handlers for a dead-lettered event again, through the inbox like a delivery (so an event
   * that was applied meanwhile is not applied twice), and marks the row replayed. Throws if the handler fails
   * again; the row then stays open with the new error.
   */
  async replay(id: string): Promise<ReplayResult> {
    const row = UUID.test(id)
      ? await this.dataSource
          .getRepository(DeadLetterRecord)
          .findOneBy({ id, consumer: this.options.serviceName })
      : null;
    if (!row) throw Problems.notFound('Dead letter', `No dead letter ${id} for ${this.options.serviceName}.`);
    if (row.replayedAt) return { id, eventId: row.eventId, outcome: 'already-replayed' };
    if (!isCloudEvent(row.payload))
      throw new Error(`Dead letter ${id} is not a CloudEvent and cannot be replayed`);

    const event: CloudEvent = row.payload;
    const handlers = this.catalog.invokersFor(event.type);
    if (!handlers.length)
      throw new Error(`${this.options.serviceName} has no @OnEvent handler for ${event.type}`);
    let outcome: InboxOutcome;
    try {
      outcome = await this.inbox.process(
        event,
        { subject: row.subject, attempt: row.attempts + 1 },
        handlers,
      );
    } catch (err) {
      const error = err instanceof Error ? err : new Error(String(err));
      await this.dataSource.query(
        'UPDATE dead_letter SET attempts = attempts + 1, error = $2, error_stack = $3 WHERE id = $1',
        [id, error.message, error.stack ?? null],
      );
      throw error;
    }
    await this.dataSource.query('UPDATE dead_letter SET replayed_at = now() WHERE id = $1', [id]);
    this.logger.log({ deadLetterId: id, eventId: event.id, outcome }, 'dead letter replayed');
    return { id, eventId: event.id, outcome };
  }

  /** Replays every open row of this service, oldest first, carrying on past failures. */
  async replayAll(): Promise<ReplayResult[]> {
    const results: ReplayResult[] = [];
    for (const row of await this.list()) {
      try {
        results.push(await this.replay(row.id));
      } catch (err) {
        results.push({ id: row.id, eventId: row.eventId, error: (err as Error).message });
      }
    }
    return results;
  }
}
