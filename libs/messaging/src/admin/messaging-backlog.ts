import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DeadLetters } from '../dead-letter/dead-letters';
import { MESSAGING_OPTIONS, ResolvedMessagingOptions } from '../messaging.options';
import { NatsConnector } from '../nats/nats-connector';
import { ConsumerBacklog, MessagingBacklogView } from './messaging-admin.dto';

const NATS_ANSWER_MS = 2000;

/**
 * How far behind this service's events are, both ways: what it wrote and has not published (the outbox), what
 * the streams it reads hold for it and it has not taken, and what it gave up on (open dead letters).
 */
@Injectable()
export class MessagingBacklog {
  constructor(
    private readonly dataSource: DataSource,
    private readonly deadLetters: DeadLetters,
    private readonly nats: NatsConnector,
    @Inject(MESSAGING_OPTIONS) private readonly options: ResolvedMessagingOptions,
  ) {}

  get serviceName(): string {
    return this.options.serviceName;
  }

  async read(): Promise<MessagingBacklogView> {
    const [[outbox], deadLetters] = await Promise.all([
      this.dataSource.query(
        'SELECT count(*)::int AS pending, min(created_at) AS oldest FROM outbox WHERE published_at IS NULL',
      ),
      this.deadLetters.openSummary(),
    ]);
    const view: MessagingBacklogView = {
      service: this.options.serviceName,
      outboxPending: outbox.pending,
      outboxOldestAt: outbox.oldest ? new Date(outbox.oldest).toISOString() : null,
      deadLettersOpen: deadLetters.open,
      deadLettersOldestAt: deadLetters.oldestFailedAt?.toISOString() ?? null,
      consumers: [],
    };
    try {
      view.consumers = await this.consumers();
    } catch (err) {
      view.natsError = (err as Error).message;
    }
    return view;
  }

  /** This service's durable consumer on every stream of the namespace that has one. */
  private async consumers(): Promise<ConsumerBacklog[]> {
    const { serviceName, namespace } = this.options;
    const timeout = AbortSignal.timeout(NATS_ANSWER_MS);
    const nc = await this.nats.whenConnected(timeout);
    const jsm = await nc.jetstreamManager({ timeout: NATS_ANSWER_MS });
    const prefix = `${namespace}_`.toUpperCase();
    const found: ConsumerBacklog[] = [];
    for await (const stream of jsm.streams.names()) {
      if (!stream.startsWith(prefix)) continue;
      try {
        const info = await jsm.consumers.info(stream, serviceName);
        found.push({
          stream,
          pending: info.num_pending,
          inFlight: info.num_ack_pending,
          redelivered: info.num_redelivered,
        });
      } catch {
        // No consumer of this service on that stream (its own stream, or one it does not read).
      }
    }
    return found.sort((a, b) => a.stream.localeCompare(b.stream));
  }
}
