import { BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';
import { JetStreamClient, NatsConnection, PubAck } from 'nats';
import { DataSource, QueryRunner } from 'typeorm';
import { PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresConnectionOptions';
import { pause } from '../internal/pause';
import { WakeSignal } from '../internal/wake-signal';
import { MessagingMetrics } from '../messaging.metrics';
import { MESSAGING_OPTIONS, ResolvedMessagingOptions } from '../messaging.options';
import { NatsConnector } from '../nats/nats-connector';
import { ensureStream } from '../streams/streams';
import { pgClientConfig } from '@ocop/persistence';
import { OutboxListener } from './outbox-listener';

const PUBLISH_TIMEOUT_MS = 5_000;
const RETRY_BASE_MS = 500;
const RETRY_MAX_MS = 60_000;
const ERROR_PAUSE_MS = 1_000;
const PURGE_INTERVAL_MS = 60 * 60 * 1000;
const PURGE_CHUNK = 5_000;
const MAX_ERROR_LENGTH = 2_000;

interface ClaimedRow {
  id: string;
  type: string;
  subject: string;
  payload: string;
  attempts: number;
}

/** Claimed rows and the open transaction that holds their locks. */
interface ClaimedBatch {
  runner: QueryRunner;
  rows: ClaimedRow[];
}

/** Rolls back whatever the runner still has open and returns its connection to the pool (which would not). */
async function abandon(runner: QueryRunner): Promise<void> {
  if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
  await runner.release();
}

/** Delay before a row's next publish attempt after its n-th failure (n ≥ 1): 0.5 s, 1 s, 2 s … capped at 60 s. */
export function relayRetryDelayMs(failures: number): number {
  return Math.min(RETRY_BASE_MS * 2 ** (failures - 1), RETRY_MAX_MS);
}

/**
 * Publishes committed outbox rows to JetStream.
 *
 * Each batch of due rows is claimed in commit order with `FOR UPDATE SKIP LOCKED`, so any number of relays
 * (one per replica) work side by side without publishing a row twice. Its rows are published all at once (one
 * connection keeps them in order on the wire) and every ack is awaited; then, in the same transaction, the acked
 * rows are marked published and each failed row gets its own exponential retry delay. A relay that dies after
 * publishing and before committing leaves the rows unmarked: the next pass re-publishes them with the same
 * `Nats-Msg-Id`, which JetStream drops within its duplicate window.
 *
 * It wakes on the NOTIFY of each commit that wrote events, and polls as a fallback for rows waiting out a retry.
 */
@Injectable()
export class OutboxRelay implements BeforeApplicationShutdown {
  private readonly logger = new Logger('OutboxRelay');
  private readonly wake = new WakeSignal();
  private stopping?: AbortController;
  private running?: Promise<unknown>;
  private streamReady = false;
  private jetStream?: { nc: NatsConnection; js: JetStreamClient };
  /**
   * The relay's own two connections (two batches overlap). Sharing the service's pool would put the relay in
   * the queue behind request handlers whenever the service is busy, which is exactly when events pile up:
   * measured at 500 events/s, that queueing alone pushed commit → publish p99 past 150 ms.
   */
  private relaySource?: DataSource;

  constructor(
    private readonly dataSource: DataSource,
    private readonly nats: NatsConnector,
    @Inject(MESSAGING_OPTIONS) private readonly options: ResolvedMessagingOptions,
    private readonly metrics: MessagingMetrics,
  ) {}

  /** Starts relaying in the background (idempotent); `connectMessaging` calls it in a serving process. */
  start(): void {
    if (this.running) return;
    const stopping = new AbortController();
    this.stopping = stopping;
    const listener = new OutboxListener(
      pgClientConfig(this.dataSource, `${this.options.serviceName}-outbox`),
      () => this.wake.notify(),
    );
    const offReconnect = this.nats.onReconnect(() => void this.retryAfterOutage());
    this.running = Promise.all([
      this.relayLoop(stopping.signal),
      this.purgeLoop(stopping.signal),
      listener.run(stopping.signal),
    ]).finally(offReconnect);
  }

  /** Stops after the pass in progress has committed. */
  async stop(): Promise<void> {
    this.stopping?.abort();
    await this.running;
    this.running = undefined;
    await this.relaySource?.destroy();
    this.relaySource = undefined;
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.stop();
  }

  /** Deletes published rows older than the retention; returns how many. */
  async purgePublished(): Promise<number> {
    const cutoff = new Date(Date.now() - this.options.relay.retentionMs);
    let purged = 0;
    for (;;) {
      // In chunks, so that a large backlog never holds one long transaction.
      const [, deleted] = (await this.dataSource.query(
        `DELETE FROM outbox WHERE id IN (
           SELECT id FROM outbox WHERE published_at < $1 ORDER BY published_at LIMIT ${PURGE_CHUNK})`,
        [cutoff],
      )) as [unknown, number];
      purged += deleted;
      if (deleted < PURGE_CHUNK) return purged;
    }
  }

  private async relayLoop(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      try {
        const nc = await this.nats.whenConnected(signal);
        await this.relayBacklog(nc, signal);
      } catch (err) {
        if (signal.aborted) return;
        this.metrics.relayFailures.inc({ stage: 'batch' });
        this.logger.warn(`outbox relay pass failed: ${(err as Error).message}`);
        await pause(ERROR_PAUSE_MS, signal);
        continue;
      }
      // Nothing due any more: sleep until a commit notifies or the poll is due.
      await this.wake.wait(this.options.relay.idlePollMs, signal);
    }
  }

  /**
   * Relays batch after batch until a claim comes back short. Two batches overlap: the next is claimed, in its own
   * transaction, while JetStream acks the current one (SKIP LOCKED keeps them apart). Publishes are still issued
   * in claim order on one connection, so that one relay keeps commit order on the stream.
   */
  private async relayBacklog(nc: NatsConnection, signal: AbortSignal): Promise<void> {
    const js = await this.jetStreamFor(nc);
    let next: Promise<ClaimedBatch> | undefined = this.claim();
    while (next) {
      const batch: ClaimedBatch = await next;
      next = undefined;
      try {
        const acks = this.publish(js, batch.rows);
        if (batch.rows.length === this.options.relay.batchSize && !signal.aborted) {
          next = this.claim();
          next.catch(() => undefined); // awaited on the next turn; this only keeps it from counting as unhandled
        }
        await this.record(batch, await acks);
      } catch (err) {
        await abandon(batch.runner);
        if (next)
          await next.then(
            (b) => abandon(b.runner),
            () => undefined,
          );
        throw err;
      }
    }
  }

  /** Opens a transaction and locks the next due rows in commit order; rows locked by other relays are skipped. */
  private async claim(): Promise<ClaimedBatch> {
    const runner = (await this.connections()).createQueryRunner();
    try {
      await runner.connect();
      await runner.startTransaction();
      // Claim narrow rows first and read payloads for the claimed ones only: with a backlog and stale planner
      // statistics Postgres may sort every pending row before the LIMIT, and must not render each payload then.
      const rows = (await runner.query(
        `WITH claimed AS (
           SELECT id, seq FROM outbox
           WHERE published_at IS NULL AND next_attempt_at <= now()
           ORDER BY seq LIMIT $1
           FOR UPDATE SKIP LOCKED
         )
         SELECT o.id, o.type, o.subject, o.payload::text AS payload, o.attempts
         FROM claimed c JOIN outbox o ON o.id = c.id ORDER BY c.seq`,
        [this.options.relay.batchSize],
      )) as ClaimedRow[];
      return { runner, rows };
    } catch (err) {
      await abandon(runner);
      throw err;
    }
  }

  /** Sends every row at once; the promise settles when JetStream has answered each. */
  private publish(js: JetStreamClient, rows: ClaimedRow[]): Promise<PromiseSettledResult<PubAck>[]> {
    return Promise.allSettled(
      rows.map((row) =>
        js.publish(row.subject, Buffer.from(row.payload), { msgID: row.id, timeout: PUBLISH_TIMEOUT_MS }),
      ),
    );
  }

  /** Marks acked rows published, gives each failed row its own retry delay, and commits the batch. */
  private async record(
    { runner, rows }: ClaimedBatch,
    results: PromiseSettledResult<PubAck>[],
  ): Promise<void> {
    const published: string[] = [];
    const failed: { id: string; error: string; delayMs: number }[] = [];
    results.forEach((result, i) => {
      const row = rows[i];
      if (result.status === 'fulfilled') {
        published.push(row.id);
        this.metrics.outboxPublished.inc({ type: row.type });
        if (result.value.duplicate) this.metrics.outboxDuplicates.inc({ type: row.type });
      } else {
        const error = String((result.reason as Error)?.message ?? result.reason).slice(0, MAX_ERROR_LENGTH);
        failed.push({ id: row.id, error, delayMs: relayRetryDelayMs(row.attempts + 1) });
        this.metrics.relayFailures.inc({ stage: 'publish' });
      }
    });
    if (published.length) {
      await runner.query('UPDATE outbox SET published_at = now() WHERE id = ANY($1::uuid[])', [published]);
    }
    if (failed.length) {
      await runner.query(
        `UPDATE outbox o SET attempts = o.attempts + 1, last_error = f.error,
                next_attempt_at = now() + f.delay_ms * interval '1 millisecond'
         FROM unnest($1::uuid[], $2::text[], $3::int[]) AS f(id, error, delay_ms)
         WHERE o.id = f.id`,
        [failed.map((f) => f.id), failed.map((f) => f.error), failed.map((f) => f.delayMs)],
      );
      this.logger.warn(`${failed.length} of ${rows.length} outbox events not published: ${failed[0].error}`);
      // A publish that failed because the stream is gone (e.g. a NATS store lost) succeeds once it is recreated.
      this.streamReady = false;
    }
    await runner.commitTransaction();
    await runner.release();
  }

  private async connections(): Promise<DataSource> {
    if (!this.relaySource) {
      const options = this.dataSource.options as PostgresConnectionOptions;
      const source = new DataSource({
        ...options,
        name: `${this.options.serviceName}-outbox-relay`,
        applicationName: `${this.options.serviceName}-outbox-relay`,
        entities: [],
        migrations: [],
        subscribers: [],
        extra: { ...options.extra, max: 2 },
      });
      this.relaySource = source;
      await source.initialize().catch((err: unknown) => {
        this.relaySource = undefined;
        throw err;
      });
    }
    return this.relaySource;
  }

  /** The stream is provisioned by its producer before the first publish on each connection. */
  private async jetStreamFor(nc: NatsConnection): Promise<JetStreamClient> {
    if (this.jetStream?.nc !== nc) this.jetStream = { nc, js: nc.jetstream() };
    if (!this.streamReady) {
      await ensureStream(
        await nc.jetstreamManager(),
        this.options.namespace,
        this.options.serviceName,
        'owner',
      );
      this.streamReady = true;
    }
    return this.jetStream.js;
  }

  /**
   * Rows that failed while NATS was away failed for that reason alone: make them due now rather than leaving
   * them to back off for up to a minute after NATS is back.
   */
  private async retryAfterOutage(): Promise<void> {
    this.streamReady = false;
    try {
      await this.dataSource.query(
        'UPDATE outbox SET next_attempt_at = now() WHERE published_at IS NULL AND next_attempt_at > now()',
      );
    } catch (err) {
      this.logger.warn(`cannot reschedule outbox rows after reconnect: ${(err as Error).message}`);
    }
    this.wake.notify();
  }

  private async purgeLoop(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      try {
        const purged = await this.purgePublished();
        if (purged) this.logger.log(`purged ${purged} published outbox rows`);
      } catch (err) {
        this.logger.warn(`outbox purge failed: ${(err as Error).message}`);
      }
      await pause(PURGE_INTERVAL_MS, signal);
    }
  }
}
