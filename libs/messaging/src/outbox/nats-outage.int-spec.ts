import { Controller, Inject } from '@nestjs/common';
import { CloudEvent } from '@ocop/contracts';
import { Readiness } from '@ocop/service-kit';
import {
  createTestDatabase,
  PrivateNats,
  startPrivateNats,
  TestDatabase,
  testNamespace,
  waitFor,
} from '@ocop/testing';
import {
  commitEvents,
  effectCounts,
  INSTANCE,
  migrateTestDatabase,
  recordEffect,
  startTestService,
  TestService,
} from '../../test/test-service';
import { EventContext, OnEvent } from '../consumer/on-event.decorator';

const CREATED = 'ocop.alpha.note.created';

@Controller()
class NoteHandlers {
  constructor(@Inject(INSTANCE) private readonly instance: string) {}

  @OnEvent(CREATED)
  async created(event: CloudEvent, ctx: EventContext): Promise<void> {
    await recordEffect(ctx, event, this.instance);
  }
}

/** The service's own readiness check for NATS, as /health/ready runs it. */
async function natsReadiness(service: TestService): Promise<void> {
  const check = service.app
    .get(Readiness)
    .entries()
    .find(([name]) => name === 'nats');
  if (!check) throw new Error('no nats readiness check registered');
  await check[1]();
}

async function unpublished(service: TestService): Promise<number> {
  const [{ n }] = (await service.dataSource.query(
    'SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL',
  )) as {
    n: number;
  }[];
  return n;
}

async function expectAppliedOnce(service: TestService, events: CloudEvent[]): Promise<void> {
  await waitFor(async () => {
    const counts = await effectCounts(service.dataSource);
    expect(events.map((e) => counts.get(e.id) ?? 0)).toEqual(events.map(() => 1));
  });
}

describe('with NATS down', () => {
  const namespace = testNamespace();
  let nats: PrivateNats;
  let db: TestDatabase;
  let alpha: TestService | undefined;

  beforeAll(async () => {
    [nats, db] = await Promise.all([startPrivateNats(), createTestDatabase('outage')]);
    await migrateTestDatabase(db.url);
  });

  afterAll(async () => {
    await alpha?.close();
    await nats?.dispose(); // the private server's store, streams and consumers go with it
    await db?.drop();
  });

  it('boots, commits writes, and delivers them all once NATS comes up', async () => {
    await nats.stop();
    alpha = await startTestService({
      name: 'alpha',
      databaseUrl: db.url,
      natsUrl: nats.url,
      namespace,
      controllers: [NoteHandlers],
    });
    await expect(natsReadiness(alpha)).rejects.toThrow(/not connected/);

    const events = await commitEvents(alpha, CREATED, 5);
    expect(await unpublished(alpha)).toBe(5);

    await nats.restart();
    await expectAppliedOnce(alpha, events);
    await natsReadiness(alpha);
  });

  it('keeps committing while NATS is away mid-run, then delivers every event once', async () => {
    const service = alpha as TestService;
    const before = await commitEvents(service, CREATED, 5);
    await expectAppliedOnce(service, before);

    await nats.stop();
    await waitFor(() => expect(natsReadiness(service)).rejects.toThrow());
    const during = [
      ...(await commitEvents(service, CREATED, 5)),
      ...(await commitEvents(service, CREATED, 5)),
    ];
    expect(await unpublished(service)).toBe(10);

    await nats.restart();
    await expectAppliedOnce(service, [...before, ...during]);
    expect(await unpublished(service)).toBe(0);
    await natsReadiness(service);
  });
});
