import { Controller, Inject } from '@nestjs/common';
import { CloudEvent, isCloudEvent, natsSubjectFor, streamNameFor } from '@ocop/contracts';
import { runWithContext } from '@ocop/service-kit';
import {
  createTestDatabase,
  deleteNamespaceStreams,
  TestDatabase,
  testNamespace,
  waitFor,
} from '@ocop/testing';
import { connect, JetStreamManager, NatsConnection } from 'nats';
import { IsNull } from 'typeorm';
import {
  commitEvents,
  counterValue,
  effectCounts,
  effects,
  INSTANCE,
  migrateTestDatabase,
  recordEffect,
  startTestService,
  TestService,
  waitConsumerSettled,
} from '../../test/test-service';
import { DeadLetterRecord } from '../dead-letter/dead-letter.record';
import { EventHandlerCatalog } from '../dead-letter/event-handler-catalog';
import { ensureDurableConsumer, ensureStream } from '../streams/streams';
import { EventInbox } from './event-inbox';
import { EventContext, OnEvent } from './on-event.decorator';

const NATS_URL = process.env['NATS_URL'] || 'nats://127.0.0.1:4222';
const CREATED = 'ocop.alpha.note.created';
const SLOW = 'ocop.alpha.note.archived';

/** Lets the graceful-close test see a slow handler start, and release it. */
const slowStarted = new Map<string, string>();

@Controller()
class NoteHandlers {
  constructor(@Inject(INSTANCE) private readonly instance: string) {}

  @OnEvent(CREATED)
  async created(event: CloudEvent, ctx: EventContext): Promise<void> {
    await recordEffect(ctx, event, this.instance);
  }

  @OnEvent(SLOW)
  async archived(event: CloudEvent, ctx: EventContext): Promise<void> {
    slowStarted.set(event.id, this.instance);
    await new Promise((resolve) => setTimeout(resolve, 700));
    await recordEffect(ctx, event, this.instance);
  }
}

describe('JetStreamServer (durable consumers)', () => {
  const namespace = testNamespace();
  const stream = streamNameFor(namespace, 'alpha');
  let producerDb: TestDatabase;
  let consumerDb: TestDatabase;
  let alpha: TestService;
  let beta1: TestService;
  let beta2: TestService;
  let nc: NatsConnection;
  let jsm: JetStreamManager;

  beforeAll(async () => {
    [producerDb, consumerDb] = await Promise.all([
      createTestDatabase('js_alpha'),
      createTestDatabase('js_beta'),
    ]);
    await Promise.all([migrateTestDatabase(producerDb.url), migrateTestDatabase(consumerDb.url)]);
    const common = { natsUrl: NATS_URL, namespace };
    alpha = await startTestService({ ...common, name: 'alpha', databaseUrl: producerDb.url });
    // Two replicas of the consuming service share a database, like production replicas; the second starts later.
    const beta = {
      ...common,
      name: 'beta',
      databaseUrl: consumerDb.url,
      controllers: [NoteHandlers],
      messaging: { consumer: { ackWaitMs: 1_000 } },
    };
    beta1 = await startTestService({ ...beta, instance: 'beta-1', startTransports: false });
    beta2 = await startTestService({ ...beta, instance: 'beta-2', startTransports: false });
    nc = await connect({ servers: NATS_URL });
    jsm = await nc.jetstreamManager();
  });

  afterAll(async () => {
    await Promise.all([alpha, beta1, beta2].map((s) => s?.close()));
    await nc?.close();
    await deleteNamespaceStreams(NATS_URL, namespace);
    await Promise.all([producerDb?.drop(), consumerDb?.drop()]);
  });

  it('applies an event once when the consumer died between its commit and its ack', async () => {
    const [event] = await commitEvents(alpha, CREATED);

    // The instance that dies: it binds the durable as beta does, takes the event, commits the handler's
    // transaction through the inbox, and is gone before it acknowledges.
    await ensureStream(jsm, namespace, 'alpha', 'consumer');
    await ensureDurableConsumer(jsm, {
      stream,
      durable: 'beta',
      filterSubjects: [natsSubjectFor(namespace, CREATED), natsSubjectFor(namespace, SLOW)],
      streamSubject: `${namespace}.alpha.>`,
      ackWaitMs: 1_000,
      serverVersion: nc.info?.version ?? '0.0.0',
    });
    const message = await (await nc.jetstream().consumers.get(stream, 'beta')).next({ expires: 5_000 });
    if (!message) throw new Error('no event delivered');
    const delivered = message.json<CloudEvent>();
    expect(isCloudEvent(delivered) && delivered.id).toBe(event.id);
    const handlers = beta1.app.get(EventHandlerCatalog).invokersFor(delivered.type);
    await beta1.app
      .get(EventInbox)
      .process(delivered, { subject: message.subject, attempt: message.info.deliveryCount }, handlers);
    expect((await effectCounts(beta1.dataSource)).get(event.id)).toBe(1);

    // A live instance gets the redelivery after ack_wait: the inbox has it, the handler does not run again.
    await beta1.startTransports();
    await waitFor(async () =>
      expect(await counterValue(beta1.app, 'messaging_events_duplicates_total')).toBe(1),
    );
    await waitConsumerSettled(jsm, stream, 'beta');
    expect((await effectCounts(beta1.dataSource)).get(event.id)).toBe(1);
  });

  it('shares the work between two instances and handles each event exactly once, in its context', async () => {
    await beta2.startTransports();
    const correlationId = 'corr-shared-work-0001';
    const events = await runWithContext({ requestId: 'req-shared-work-0001', correlationId }, () =>
      commitEvents(alpha, CREATED, 300),
    );

    await waitFor(async () => {
      const counts = await effectCounts(beta1.dataSource);
      expect(events.filter((e) => counts.has(e.id))).toHaveLength(events.length);
    });
    await waitConsumerSettled(jsm, stream, 'beta');

    const ids = new Set(events.map((e) => e.id));
    const mine = (await effects(beta1.dataSource)).filter((e) => ids.has(e.event_id));
    expect(mine).toHaveLength(events.length); // once each, nothing twice
    expect(new Set(mine.map((e) => e.event_id)).size).toBe(events.length);
    const byInstance = new Map<string, number>();
    for (const e of mine) byInstance.set(e.instance, (byInstance.get(e.instance) ?? 0) + 1);
    expect(byInstance.get('beta-1')).toBeGreaterThan(0);
    expect(byInstance.get('beta-2')).toBeGreaterThan(0);
    expect(mine.every((e) => e.correlation_id === correlationId)).toBe(true);
  });

  it('dead-letters a message that is not a CloudEvent at once, and acknowledges it', async () => {
    await nc.jetstream().publish(natsSubjectFor(namespace, CREATED), Buffer.from('{"hello":"world"}'));

    const row = await waitFor(() =>
      beta1.dataSource
        .getRepository(DeadLetterRecord)
        .findOneByOrFail({ consumer: 'beta', eventId: IsNull() }),
    );
    expect(row).toMatchObject({ eventId: null, attempts: 1, error: 'The message is not a CloudEvent' });
    expect(row.payload).toEqual({ hello: 'world' });
    await waitConsumerSettled(jsm, stream, 'beta');
  });

  it('on close, stops pulling but finishes and acknowledges the event in hand', async () => {
    const [event] = await commitEvents(alpha, SLOW);
    const instance = await waitFor(() => slowStarted.get(event.id) ?? false);
    const [closing, other] = instance === 'beta-1' ? [beta1, beta2] : [beta2, beta1];

    await closing.close();
    // Committed before the close returned, and acknowledged: nothing left for the other instance to redo.
    expect((await effectCounts(other.dataSource)).get(event.id)).toBe(1);
    await waitConsumerSettled(jsm, stream, 'beta');
    expect((await effects(other.dataSource)).filter((e) => e.event_id === event.id)).toEqual([
      expect.objectContaining({ instance }),
    ]);
  });
});
