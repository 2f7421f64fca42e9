import { Controller, Inject } from '@nestjs/common';
import { CloudEvent, natsSubjectFor, streamNameFor } from '@ocop/contracts';
import {
  createTestDatabase,
  deleteNamespaceStreams,
  TestDatabase,
  testNamespace,
  waitFor,
} from '@ocop/testing';
import { randomUUID } from 'node:crypto';
import { connect, JetStreamManager, NatsConnection } from 'nats';
import {
  commitEvents,
  counterValue,
  effectCounts,
  INSTANCE,
  migrateTestDatabase,
  recordEffect,
  startTestService,
  streamMessageCount,
  TestService,
  waitConsumerSettled,
} from '../../test/test-service';
import { EventContext, OnEvent } from '../consumer/on-event.decorator';
import { OutboxRecord } from './outbox.record';
import { OutboxRelay, relayRetryDelayMs } from './outbox-relay';

const NATS_URL = process.env['NATS_URL'] || 'nats://127.0.0.1:4222';
const CREATED = 'ocop.alpha.note.created';

@Controller()
class NoteHandlers {
  constructor(@Inject(INSTANCE) private readonly instance: string) {}

  @OnEvent(CREATED)
  async created(event: CloudEvent, ctx: EventContext): Promise<void> {
    await recordEffect(ctx, event, this.instance);
  }
}

describe('OutboxRelay', () => {
  const namespace = testNamespace();
  const stream = streamNameFor(namespace, 'alpha');
  let db: TestDatabase;
  let alpha: TestService;
  let nc: NatsConnection;
  let jsm: JetStreamManager;

  const outboxRow = (id: string) => alpha.dataSource.getRepository(OutboxRecord).findOneByOrFail({ id });

  beforeAll(async () => {
    db = await createTestDatabase('relay');
    await migrateTestDatabase(db.url);
    // The relay is started by each test, to stage what a previous relay left behind first.
    alpha = await startTestService({
      name: 'alpha',
      databaseUrl: db.url,
      natsUrl: NATS_URL,
      namespace,
      controllers: [NoteHandlers],
      messaging: { relay: { enabled: false } },
    });
    nc = await connect({ servers: NATS_URL });
    jsm = await nc.jetstreamManager();
  });

  afterAll(async () => {
    await alpha?.close();
    await nc?.close();
    await deleteNamespaceStreams(NATS_URL, namespace);
    await db?.drop();
  });

  it('applies an event once when a relay died between publishing it and marking it published', async () => {
    const [event] = await commitEvents(alpha, CREATED);
    // The relay that died: it published the row exactly as a relay does, and never committed the mark.
    const row = await outboxRow(event.id);
    await waitFor(() => jsm.streams.info(stream)); // the consumer side has provisioned the stream by now
    await nc.jetstream().publish(row.subject, Buffer.from(JSON.stringify(row.payload)), { msgID: row.id });

    alpha.app.get(OutboxRelay).start();
    await waitFor(async () => expect((await outboxRow(event.id)).publishedAt).not.toBeNull());
    await waitConsumerSettled(jsm, stream, 'alpha');

    expect(await streamMessageCount(jsm, stream)).toBe(1); // JetStream dropped the re-publish
    expect(await counterValue(alpha.app, 'messaging_outbox_duplicates_total')).toBe(1);
    expect((await effectCounts(alpha.dataSource)).get(event.id)).toBe(1);
  });

  it('still applies it once when the re-publish comes after the duplicate window (the inbox drops it)', async () => {
    const [event] = await commitEvents(alpha, CREATED);
    await waitFor(async () => expect((await effectCounts(alpha.dataSource)).get(event.id)).toBe(1));
    const before = await streamMessageCount(jsm, stream);

    // Past the window JetStream no longer knows the id: model that with an id it never saw.
    const row = await outboxRow(event.id);
    await nc
      .jetstream()
      .publish(row.subject, Buffer.from(JSON.stringify(row.payload)), { msgID: randomUUID() });
    await waitConsumerSettled(jsm, stream, 'alpha');

    expect(await streamMessageCount(jsm, stream)).toBe(before + 1); // stored twice this time...
    expect(await counterValue(alpha.app, 'messaging_events_duplicates_total')).toBe(1); // ...delivered twice...
    expect((await effectCounts(alpha.dataSource)).get(event.id)).toBe(1); // ...applied once
  });

  it('backs off exponentially per row when a publish fails, without holding up the rest of the batch', async () => {
    // No stream captures this subject, so JetStream refuses every publish of the row.
    const stuck = randomUUID();
    await alpha.dataSource.query(
      `INSERT INTO outbox (id, type, subject, payload) VALUES ($1, 'ocop.nowhere.thing.happened', $2, '{}')`,
      [stuck, natsSubjectFor(namespace, 'ocop.nowhere.thing.happened')],
    );
    const [good] = await commitEvents(alpha, CREATED);

    await waitFor(async () => expect((await outboxRow(good.id)).publishedAt).not.toBeNull());
    const row = await waitFor(async () => {
      const r = await outboxRow(stuck);
      expect(r.attempts).toBeGreaterThanOrEqual(3);
      return r;
    });
    const [{ now }] = (await alpha.dataSource.query('SELECT now() AS now')) as { now: Date }[];
    expect(row.publishedAt).toBeNull();
    expect(row.lastError).toEqual(expect.any(String));
    // The third failure waits twice as long as the second: more than a second ahead, at most 2 s.
    const wait = row.nextAttemptAt.getTime() - now.getTime();
    expect(wait).toBeGreaterThan(relayRetryDelayMs(2));
    expect(wait).toBeLessThanOrEqual(relayRetryDelayMs(row.attempts));
    await alpha.dataSource.query('DELETE FROM outbox WHERE id = $1', [stuck]);
  });

  it('purges published rows older than the retention, and nothing else', async () => {
    const rows = [
      { id: randomUUID(), published: "now() - interval '8 days'" },
      { id: randomUUID(), published: "now() - interval '6 days'" },
      { id: randomUUID(), published: 'NULL' },
    ];
    for (const r of rows) {
      await alpha.dataSource.query(
        `INSERT INTO outbox (id, type, subject, payload, created_at, next_attempt_at, published_at)
         VALUES ($1, $2, 'parked', '{}', now() - interval '9 days', now() + interval '1 day', ${r.published})`,
        [r.id, CREATED],
      );
    }
    expect(await alpha.app.get(OutboxRelay).purgePublished()).toBe(1);
    const left = (await alpha.dataSource.query('SELECT id FROM outbox WHERE id = ANY($1)', [
      rows.map((r) => r.id),
    ])) as {
      id: string;
    }[];
    expect(left.map((r) => r.id).sort()).toEqual([rows[1].id, rows[2].id].sort());
  });
});
