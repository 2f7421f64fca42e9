import { Controller } from '@nestjs/common';
import { AuthModule } from '@ocop/auth';
import { CloudEvent } from '@ocop/contracts';
import {
  createTestDatabase,
  deleteNamespaceStreams,
  TestDatabase,
  testNamespace,
  TokenIssuer,
  waitFor,
} from '@ocop/testing';
import { randomUUID } from 'node:crypto';
import {
  commitEvents,
  effectCounts,
  migrateTestDatabase,
  recordEffect,
  startTestService,
  TestService,
} from '../../test/test-service';
import { EventContext, OnEvent } from '../consumer/on-event.decorator';
import { DeadLetterRecord } from '../dead-letter/dead-letter.record';

const NATS_URL = process.env['NATS_URL'] || 'nats://127.0.0.1:4222';
const WEIGHED = 'ocop.echo.crate.weighed';

/** The scale's database is read-only until a test mends it. */
const scale = { up: false };

@Controller()
class CrateHandlers {
  @OnEvent(WEIGHED)
  async weighed(event: CloudEvent, ctx: EventContext): Promise<void> {
    await recordEffect(ctx, event, 'echo');
    if (!scale.up) throw new Error(`scale database is read-only\n    at weigh (${event.id})`);
  }
}

/**
 * The admins' routes for a service's events (issue 18: dead letters listed with the error, replayed one or all,
 * discarded with a reason; the backlog): over HTTP, with the role checked as every service checks it.
 */
describe('messaging admin routes (HTTP)', () => {
  const namespace = testNamespace();
  const issuer = new TokenIssuer();
  const adminId = randomUUID();
  let db: TestDatabase;
  let echo: TestService;
  let admin: string;

  const call = async (method: 'GET' | 'POST', url: string, token?: string, body?: unknown) => {
    const res = await echo.app.inject({
      method,
      url,
      headers: token ? { authorization: `Bearer ${token}` } : {},
      ...(body !== undefined ? { payload: body as object } : {}),
    });
    return { status: res.statusCode, body: res.body ? JSON.parse(res.body) : undefined };
  };
  const deadLetterOf = (eventId: string) =>
    waitFor(() => echo.dataSource.getRepository(DeadLetterRecord).findOneByOrFail({ eventId }));

  beforeAll(async () => {
    const jwksUrl = await issuer.start();
    admin = await issuer.sign({ accountId: adminId, roles: ['admin'] });
    db = await createTestDatabase('dlqhttp');
    await migrateTestDatabase(db.url);
    echo = await startTestService({
      name: 'echo',
      databaseUrl: db.url,
      natsUrl: NATS_URL,
      namespace,
      controllers: [CrateHandlers],
      imports: [AuthModule.forRoot({ jwksUrl, issuer: 'ocop-identity', audience: 'ocop' })],
      messaging: { consumer: { maxAttempts: 2, backoffMs: [100] } },
    });
  });

  afterAll(async () => {
    await echo?.close();
    await deleteNamespaceStreams(NATS_URL, namespace);
    await db?.drop();
    await issuer.stop();
  });

  it('lets only admins near the events: anonymous 401, an officer 403', async () => {
    const officer = await issuer.sign({ roles: ['officer'], scope: { provinceCode: '86' } });
    expect((await call('GET', '/admin/dead-letters')).status).toBe(401);
    for (const [method, url] of [
      ['GET', '/admin/dead-letters'],
      ['GET', '/admin/messaging'],
      ['POST', '/admin/dead-letters/replay'],
      ['POST', `/admin/dead-letters/${randomUUID()}/discard`],
    ] as const)
      expect({ url, status: (await call(method, url, officer, {})).status }).toEqual({ url, status: 403 });
  });

  it('lists a failed event with its error, refuses a replay that fails again, replays it once mended', async () => {
    scale.up = false;
    const [event] = await commitEvents(echo, WEIGHED);
    const row = await deadLetterOf(event.id);

    const listed = await call('GET', '/admin/dead-letters', admin);
    expect(listed.status).toBe(200);
    expect(listed.body.service).toBe('echo');
    expect(listed.body.items).toContainEqual(
      expect.objectContaining({
        id: row.id,
        eventId: event.id,
        eventType: WEIGHED,
        state: 'open',
        attempts: 2,
        error: expect.stringContaining('scale database is read-only'),
        payload: event,
      }),
    );
    const backlog = await call('GET', '/admin/messaging', admin);
    expect(backlog.body).toMatchObject({ service: 'echo', deadLettersOpen: expect.any(Number) });
    expect(backlog.body.deadLettersOpen).toBeGreaterThanOrEqual(1);
    expect(backlog.body.natsError).toBeUndefined();

    // Still broken: a 409 with the handler's first line; the row stays open with one more attempt.
    const failed = await call('POST', `/admin/dead-letters/${row.id}/replay`, admin);
    expect(failed).toMatchObject({
      status: 409,
      body: {
        code: 'dead-letter-replay-failed',
        detail: 'The handlers failed again: scale database is read-only',
      },
    });
    expect((await call('GET', `/admin/dead-letters/${row.id}`, admin)).body).toMatchObject({
      state: 'open',
      attempts: 3,
    });

    scale.up = true;
    expect(await call('POST', `/admin/dead-letters/${row.id}/replay`, admin)).toMatchObject({
      status: 200,
      body: { id: row.id, eventId: event.id, outcome: 'handled' },
    });
    expect((await effectCounts(echo.dataSource)).get(event.id)).toBe(1);
    const settled = await call('GET', '/admin/dead-letters?state=settled', admin);
    expect(settled.body.items).toContainEqual(
      expect.objectContaining({ id: row.id, state: 'replayed', replayedBy: adminId }),
    );
    const open = await call('GET', '/admin/dead-letters', admin);
    expect(open.body.items.map((i: { id: string }) => i.id)).not.toContain(row.id);
    // Twice is harmless: the handlers do not run again.
    expect((await call('POST', `/admin/dead-letters/${row.id}/replay`, admin)).body).toMatchObject({
      outcome: 'already-replayed',
    });
    expect((await effectCounts(echo.dataSource)).get(event.id)).toBe(1);
  });

  it('discards with a reason, kept on the row; no reason, or twice, is refused', async () => {
    scale.up = false;
    const [event] = await commitEvents(echo, WEIGHED);
    const row = await deadLetterOf(event.id);

    for (const body of [{}, { reason: '   ' }, { reason: 'x'.repeat(501) }]) {
      const refused = await call('POST', `/admin/dead-letters/${row.id}/discard`, admin, body);
      expect(refused).toMatchObject({ status: 400, body: { code: 'validation-failed' } });
    }
    const reason = 'Thùng hàng đã huỷ, cân lại không còn ý nghĩa';
    const discarded = await call('POST', `/admin/dead-letters/${row.id}/discard`, admin, {
      reason: ` ${reason} `,
    });
    expect(discarded).toMatchObject({
      status: 200,
      body: { id: row.id, state: 'discarded', discardReason: reason, discardedBy: adminId },
    });
    scale.up = true;
    for (const action of ['replay', 'discard'])
      expect(await call('POST', `/admin/dead-letters/${row.id}/${action}`, admin, { reason })).toMatchObject({
        status: 409,
        body: { code: 'dead-letter-settled' },
      });
    expect((await effectCounts(echo.dataSource)).get(event.id)).toBeUndefined();
    expect((await call('GET', `/admin/dead-letters/${randomUUID()}`, admin)).status).toBe(404);
    expect((await call('GET', '/admin/dead-letters/not-a-uuid', admin)).status).toBe(400);
  });

  it('replays every open one at once, counting what failed again', async () => {
    scale.up = false;
    const events = await commitEvents(echo, WEIGHED, 2);
    await Promise.all(events.map((e) => deadLetterOf(e.id)));
    scale.up = true;
    const all = await call('POST', '/admin/dead-letters/replay', admin);
    expect(all).toMatchObject({ status: 200, body: { service: 'echo', failed: 0 } });
    expect(all.body.replayed).toBe(all.body.results.length);
    const counts = await effectCounts(echo.dataSource);
    expect(events.map((e) => counts.get(e.id))).toEqual([1, 1]);
    expect((await call('GET', '/admin/messaging', admin)).body.deadLettersOpen).toBe(0);
  });
});
