import { Controller, Inject, INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { CloudEvent, DomainError, streamNameFor } from '@ocop/contracts';
import { SERVICE_CONFIG } from '@ocop/service-kit';
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
  INSTANCE,
  migrateTestDatabase,
  recordEffect,
  startTestService,
  TestService,
  testServiceModule,
  waitConsumerSettled,
} from '../../test/test-service';
import { EventContext, OnEvent } from '../consumer/on-event.decorator';
import { deadLetterCommand } from './dead-letter.command';
import { DeadLetterRecord } from './dead-letter.record';
import { DeadLetters } from './dead-letters';

const NATS_URL = process.env['NATS_URL'] || 'nats://127.0.0.1:4222';
const SHIPPED = 'ocop.delta.parcel.shipped';
const BACKOFF_MS = [200, 400];
const MAX_ATTEMPTS = 3;

/** The handler's dependency is down until a test brings it back. */
const downstream = { up: false };
const deliveries = new Map<string, { at: number; attempt: number }[]>();

@Controller()
class ParcelHandlers {
  constructor(@Inject(INSTANCE) private readonly instance: string) {}

  @OnEvent(SHIPPED)
  async shipped(event: CloudEvent, ctx: EventContext): Promise<void> {
    deliveries.set(event.id, [...(deliveries.get(event.id) ?? []), { at: Date.now(), attempt: ctx.attempt }]);
    // The side effect is written before the failure: the rollback must undo it.
    await recordEffect(ctx, event, this.instance);
    if (!downstream.up) throw new Error(`carrier API unavailable for ${event.id}`);
  }
}

/** Runs the operator command against an application, capturing what it prints. */
async function dlq(app: INestApplicationContext, ...args: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += chunk.toString();
    return true;
  });
  try {
    const code = await deadLetterCommand.run(app, args, app.get(SERVICE_CONFIG));
    return { code, out };
  } finally {
    write.mockRestore();
  }
}

describe('dead letters', () => {
  const namespace = testNamespace();
  const stream = streamNameFor(namespace, 'delta');
  let db: TestDatabase;
  let delta: TestService;
  let nc: NatsConnection;
  let jsm: JetStreamManager;
  let serviceInput: ReturnType<typeof testServiceModule>;
  const afterCleanup: (() => Promise<void>)[] = [];

  const deadLetterOf = (eventId: string) =>
    waitFor(() => delta.dataSource.getRepository(DeadLetterRecord).findOneByOrFail({ eventId }));

  beforeAll(async () => {
    db = await createTestDatabase('dlq');
    await migrateTestDatabase(db.url);
    const input = {
      name: 'delta',
      databaseUrl: db.url,
      natsUrl: NATS_URL,
      namespace,
      controllers: [ParcelHandlers],
      messaging: { consumer: { maxAttempts: MAX_ATTEMPTS, backoffMs: BACKOFF_MS } },
    };
    serviceInput = testServiceModule(input);
    delta = await startTestService(input);
    nc = await connect({ servers: NATS_URL });
    jsm = await nc.jetstreamManager();
  });

  afterAll(async () => {
    for (const cleanup of afterCleanup) await cleanup();
    await delta?.close();
    await nc?.close();
    await deleteNamespaceStreams(NATS_URL, namespace);
    await db?.drop();
  });

  beforeEach(() => {
    downstream.up = false;
  });

  it('retries a failing handler with backoff, then dead-letters the event with its error', async () => {
    const [event] = await commitEvents(delta, SHIPPED);
    const row = await deadLetterOf(event.id);
    await waitConsumerSettled(jsm, stream, 'delta');

    const tries = deliveries.get(event.id) ?? [];
    expect(tries.map((t) => t.attempt)).toEqual([1, 2, 3]);
    // Each redelivery waited out its backoff (the server may add a little, never take away).
    expect(tries[1].at - tries[0].at).toBeGreaterThanOrEqual(BACKOFF_MS[0] - 20);
    expect(tries[2].at - tries[1].at).toBeGreaterThanOrEqual(BACKOFF_MS[1] - 20);
    expect(row).toMatchObject({
      consumer: 'delta',
      eventType: SHIPPED,
      attempts: MAX_ATTEMPTS,
      error: `carrier API unavailable for ${event.id}`,
      replayedAt: null,
    });
    expect(row.errorStack).toContain('ParcelHandlers.shipped');
    expect(row.payload).toEqual(event);
    expect((await effectCounts(delta.dataSource)).get(event.id)).toBeUndefined(); // every attempt rolled back
  });

  it('replays a dead letter once the handler works, applying it exactly once', async () => {
    const [event] = await commitEvents(delta, SHIPPED);
    const row = await deadLetterOf(event.id);

    // Replaying while the handler still fails keeps the row open, with the new error.
    expect(await dlq(delta.app, 'replay', row.id)).toMatchObject({
      code: 1,
      out: expect.stringContaining('failed'),
    });
    expect(await delta.app.get(DeadLetters).list()).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: row.id })]),
    );

    downstream.up = true;
    const first = await dlq(delta.app, 'replay', row.id);
    expect(first).toMatchObject({ code: 0, out: expect.stringContaining(`${row.id}\t${event.id}\thandled`) });
    const again = await dlq(delta.app, 'replay', row.id);
    expect(again).toMatchObject({ code: 0, out: expect.stringContaining('already-replayed') });

    expect((await effectCounts(delta.dataSource)).get(event.id)).toBe(1);
    const replayed = await delta.dataSource.getRepository(DeadLetterRecord).findOneByOrFail({ id: row.id });
    expect(replayed.replayedAt).toBeInstanceOf(Date);
    expect(replayed.attempts).toBe(MAX_ATTEMPTS + 1);
  });

  it('replays through the inbox: an event applied meanwhile is not applied again', async () => {
    const [event] = await commitEvents(delta, SHIPPED);
    const row = await deadLetterOf(event.id);
    await delta.dataSource.query(
      "INSERT INTO inbox (consumer, event_id, event_type) VALUES ('delta', $1, $2)",
      [event.id, SHIPPED],
    );

    downstream.up = true;
    expect(await delta.app.get(DeadLetters).replay(row.id)).toMatchObject({ outcome: 'duplicate' });
    expect((await effectCounts(delta.dataSource)).get(event.id)).toBeUndefined();
  });

  it('lists the open dead letters and replays them all with --all, from an operator command', async () => {
    const events = await commitEvents(delta, SHIPPED, 2);
    const rows = await Promise.all(events.map((e) => deadLetterOf(e.id)));
    // `main.js dlq …` boots the service's module as a plain application context: no transport registers the
    // handlers there, and replay must still find and run them.
    const command = await NestFactory.createApplicationContext(serviceInput.module, { bufferLogs: true });
    command.useLogger(command.get(Logger));
    afterCleanup.push(() => command.close());

    const listed = await dlq(command, 'list');
    expect(listed.code).toBe(0);
    for (const row of rows) expect(listed.out).toContain(`${row.id}\t`);

    downstream.up = true;
    const open = (await command.get(DeadLetters).list()).length; // the first test's dead letter is open too
    const replayed = await dlq(command, 'replay', '--all');
    expect(replayed).toMatchObject({ code: 0, out: expect.stringContaining(`replayed ${open} of ${open}`) });
    for (const row of rows) expect(replayed.out).toContain(`${row.id}\t${row.eventId}\thandled`);
    const counts = await effectCounts(delta.dataSource);
    expect(events.map((e) => counts.get(e.id))).toEqual([1, 1]);
    expect((await dlq(command, 'list')).out).toContain('0 open dead letter(s)');
  });

  it('reports an unknown dead letter and a usage error', async () => {
    await expect(
      delta.app.get(DeadLetters).replay('00000000-0000-4000-8000-000000000000'),
    ).rejects.toBeInstanceOf(DomainError);
    const spy = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect((await dlq(delta.app, 'replay')).code).toBe(2);
    } finally {
      spy.mockRestore();
    }
  });
});
