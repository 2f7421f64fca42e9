import { Inject, Injectable, Logger } from '@nestjs/common';
import { CloudEvent, DomainError, isCloudEvent, Problems } from '@ocop/contracts';
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

  /**
   * Open rows (neither replayed nor discarded), oldest first: what an operator still has to decide. With
   * `settled`, the most recently settled rows instead, newest first, for the record of what was decided.
   */
  list(options: { settled?: boolean; limit?: number } = {}): Promise<DeadLetterRecord[]> {
    const repository = this.dataSource.getRepository(DeadLetterRecord);
    const take = options.limit ?? 1000;
    const consumer = this.options.serviceName;
    if (!options.settled)
      return repository.find({
        where: { consumer, replayedAt: IsNull(), discardedAt: IsNull() },
        order: { failedAt: 'ASC' },
        take,
      });
    return repository
      .createQueryBuilder('d')
      .where('d.consumer = :consumer', { consumer })
      .andWhere('(d.replayed_at IS NOT NULL OR d.discarded_at IS NOT NULL)')
      .orderBy('coalesce(d.replayed_at, d.discarded_at)', 'DESC')
      .take(take)
      .getMany();
  }

  /** One row of this service, open or settled. */
  async get(id: string): Promise<DeadLetterRecord> {
    const row = UUID.test(id)
      ? await this.dataSource
          .getRepository(DeadLetterRecord)
          .findOneBy({ id, consumer: this.options.serviceName })
      : null;
    if (!row) throw Problems.notFound('Dead letter', `No dead letter ${id} for ${this.options.serviceName}.`);
    return row;
  }

  /** Counts of open rows, and when the oldest of them failed: the "needs an operator" signal. */
  async openSummary(): Promise<{ open: number; oldestFailedAt: Date | null }> {
    const [row] = await this.dataSource.query(
      `SELECT count(*)::int AS open, min(failed_at) AS oldest FROM dead_letter
       WHERE consumer = $1 AND replayed_at IS NULL AND discarded_at IS NULL`,
      [this.options.serviceName],
    );
    return { open: row.open, oldestFailedAt: row.oldest ? new Date(row.oldest) : null };
  }

  /**
   * Closes an open row without running its handlers, keeping who and why: for an event that no longer applies
   * or a message that was never an event. The row and its payload stay, as the record of the decision.
   */
  async discard(id: string, reason: string, by: string | null): Promise<DeadLetterRecord> {
    const row = await this.get(id);
    if (row.replayedAt) throw settledProblem(id, 'replayed');
    if (row.discardedAt) throw settledProblem(id, 'discarded');
    // TypeORM answers an UPDATE on PostgreSQL with [rows, affected count].
    const [, updated] = (await this.dataSource.query(
      `UPDATE dead_letter SET discarded_at = now(), discarded_by = $2, discard_reason = $3
       WHERE id = $1 AND replayed_at IS NULL AND discarded_at IS NULL`,
      [id, by, reason],
    )) as [unknown[], number];
    // Settled meanwhile by another operator or a replay-all: say so rather than overwrite their decision.
    if (!updated) throw settledProblem(id, 'meanwhile');
    this.logger.warn({ deadLetterId: id, eventId: row.eventId, by, reason }, 'dead letter discarded');
    return this.get(id);
  }

  /**
   * Runs this service's handlers for a dead-lettered event again, through the inbox like a delivery (so an event
   * that was applied meanwhile is not applied twice), and marks the row replayed. Throws if the handler fails
   * again; the row then stays open with the new error.
   */
  async replay(id: string, by: string | null = null): Promise<ReplayResult> {
    const row = await this.get(id);
    if (row.replayedAt) return { id, eventId: row.eventId, outcome: 'already-replayed' };
    if (row.discardedAt) throw settledProblem(id, 'discarded');
    if (!isCloudEvent(row.payload))
      throw Problems.conflict(
        'dead-letter-not-replayable',
        `Dead letter ${id} is not a CloudEvent and cannot be replayed; discard it with a reason.`,
      );

    const event: CloudEvent = row.payload;
    const handlers = this.catalog.invokersFor(event.type);
    if (!handlers.length)
      throw Problems.conflict(
        'dead-letter-not-replayable',
        `${this.options.serviceName} has no @OnEvent handler for ${event.type}; discard it with a reason.`,
      );
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
    await this.dataSource.query(
      'UPDATE dead_letter SET replayed_at = now(), replayed_by = $2 WHERE id = $1',
      [id, by],
    );
    this.logger.log({ deadLetterId: id, eventId: event.id, outcome, by }, 'dead letter replayed');
    return { id, eventId: event.id, outcome };
  }

  /** Replays every open row of this service, oldest first, carrying on past failures. */
  async replayAll(by: string | null = null): Promise<ReplayResult[]> {
    const results: ReplayResult[] = [];
    for (const row of await this.list()) {
      try {
        results.push(await this.replay(row.id, by));
      } catch (err) {
        results.push({ id: row.id, eventId: row.eventId, error: (err as Error).message });
      }
    }
    return results;
  }
}

function settledProblem(id: string, how: 'replayed' | 'discarded' | 'meanwhile'): DomainError {
  const detail = {
    replayed: `Dead letter ${id} was already replayed.`,
    discarded: `Dead letter ${id} was discarded; it cannot be replayed or discarded again.`,
    meanwhile: `Dead letter ${id} was settled by someone else meanwhile.`,
  }[how];
  return Problems.conflict('dead-letter-settled', detail);
}
