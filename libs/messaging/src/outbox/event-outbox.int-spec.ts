import { Controller, Inject } from '@nestjs/common';
import { CloudEvent, streamNameFor } from '@ocop/contracts';
import { runWithContext } from '@ocop/service-kit';
import {
  createTestDatabase,
  deleteNamespaceStreams,
  TestDatabase,
  testNamespace,
  waitFor,
} from '@ocop/testing';
import { connect, JetStreamManager, NatsConnection } from 'nats';
import {
  commitEvents,
  effectCounts,
  effects,
  INSTANCE,
  migrateTestDatabase,
  startTestService,
  streamMessageCount,
  TestService,
} from '../../test/test-service';
import { EventContext, OnEvent } from '../consumer/on-event.decorator';
import { OutboxRecord } from './outbox.record';
import { EventOutbox } from './event-outbox';
import { recordEffect } from '../../test/test-service';

const NATS_URL = process.env['NATS_URL'] || 'nats://127.0.0.1:4222';
const CREATED = 'ocop.alpha.note.created';
const ACKNOWLEDGED = 'ocop.alpha.note.acknowledged';

@Controller()
class NoteHandlers {
  constructor(
    private readonly outbox: EventOutbox,
    @Inject(INSTANCE) private readonly instance: string,
  ) {}

  /** Applies the event and emits a follow-up, as a real handler reacting to a fact would. */
  @OnEvent(CREATED)
  async created(event: CloudEvent, ctx: EventContext): Promise<void> {
    await recordEffect(ctx, event, this.instance);
    await this.outbox.add(ctx.manager, { type: ACKNOWLEDGED, subject: event.id, data: { of: event.id } });
  }

  @OnEvent(ACKNOWLEDGED)
  async acknowledged(event: CloudEvent, ctx: EventContext): Promise<void> {
    await recordEffect(ctx, event, this.instance);
  }
}

describe('EventOutbox (transactional outbox)', () => {
  const namespace = testNamespace();
  let db: TestDatabase;
  let alpha: TestService;
  let nc: NatsConnection;
  let jsm: JetStreamManager;

  beforeAll(async () => {
    db = await createTestDatabase('outbox');
    await migrateTestDatabase(db.url);
    // The fallback poll is a minute: only the NOTIFY of a commit can explain a prompt publish.
    alpha = await startTestService({
      name: 'alpha',
      databaseUrl: db.url,
      natsUrl: NATS_URL,
      namespace,
      controllers: [NoteHandlers],
      messaging: { relay: { idlePollMs: 60_000 } },
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

  it('never publishes an event whose transaction rolled back; publishes the committed one', async () => {
    const outbox = alpha.app.get(EventOutbox);
    let rolledBack: CloudEvent | undefined;
    await expect(
      alpha.dataSource.transaction(async (manager) => {
        rolledBack = await outbox.add(manager, { type: CREATED, data: { n: 1 } });
        await manager.query("INSERT INTO note (id, body) VALUES ($1, 'gone')", [rolledBack.id]);
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    const [committed] = await commitEvents(alpha, CREATED);

    // The committed event and the follow-up its handler emitted are applied...
    await waitFor(async () => {
      const counts = await effectCounts(alpha.dataSource);
      expect(counts.get(committed.id)).toBe(1);
      expect(counts.size).toBe(2);
    });
    // ...and the rolled-back one exists nowhere: not in the outbox, not on the stream, not in any handler.
    const rows = await alpha.dataSource.getRepository(OutboxRecord).find();
    expect(rows.map((r) => r.id)).not.toContain(rolledBack?.id);
    expect(rows.every((r) => r.publishedAt !== null)).toBe(true);
    expect(await streamMessageCount(jsm, streamNameFor(namespace, 'alpha'))).toBe(2);
    expect((await effects(alpha.dataSource)).map((e) => e.event_id)).not.toContain(rolledBack?.id);
  });

  it('publishes on the NOTIFY of the commit, not at the next poll', async () => {
    const started = Date.now();
    const [event] = await commitEvents(alpha, CREATED);
    await waitFor(async () => expect((await effectCounts(alpha.dataSource)).get(event.id)).toBe(1));
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('stamps source and the request correlation id, and handlers pass the correlation on', async () => {
    const correlationId = 'corr-outbox-test-0001';
    const [event] = await runWithContext({ requestId: 'req-outbox-test-0001', correlationId }, () =>
      commitEvents(alpha, CREATED),
    );
    expect(event).toMatchObject({
      source: '/ocop/alpha',
      type: CREATED,
      correlationid: correlationId,
      specversion: '1.0',
    });

    const followUp = await waitFor(async () => {
      const rows = await alpha.dataSource.getRepository(OutboxRecord).find({ where: { type: ACKNOWLEDGED } });
      const found = rows.find((r) => r.payload.subject === event.id);
      expect(found).toBeDefined();
      return found as OutboxRecord;
    });
    expect(followUp.payload.correlationid).toBe(correlationId);
    // The handler itself ran in the event's context.
    await waitFor(async () => {
      const mine = (await effects(alpha.dataSource)).filter((e) => e.event_id === event.id);
      expect(mine).toEqual([expect.objectContaining({ correlation_id: correlationId })]);
    });
  });

  it('refuses a write outside a transaction and an event type of another service', async () => {
    const outbox = alpha.app.get(EventOutbox);
    await expect(outbox.add(alpha.dataSource.manager, { type: CREATED, data: {} })).rejects.toThrow(
      /open transaction/,
    );
    await expect(
      alpha.dataSource.transaction((manager) =>
        outbox.add(manager, { type: 'ocop.beta.note.created', data: {} }),
      ),
    ).rejects.toThrow(/cannot publish/);
    await expect(
      alpha.dataSource.transaction((manager) => outbox.add(manager, { type: 'ocop.alpha.note.*', data: {} })),
    ).rejects.toThrow();
  });
});
