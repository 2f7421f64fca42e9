import { RatingEvents } from '@ocop/contracts';
import { vietnamDateOf } from '@ocop/ocop-domain';
import { waitFor } from '@ocop/testing';
import { randomUUID } from 'node:crypto';
import { expectStatus } from '../../test/flows';
import { RatingHarness, startRating } from '../../test/rating-harness';

const DAY = 86_400_000;
const CERTIFICATES = 12;

/**
 * Certificate reminders (90, 30, 7 days before expiry) and the expiry itself fire exactly once each, with two
 * replicas polling the same database at once and across a restart; the clock is moved, never waited for.
 */
describe('certificate reminders (integration)', () => {
  let first: RatingHarness;
  /** Every replica started, and those running now. */
  const started: RatingHarness[] = [];
  let live: RatingHarness[] = [];
  let expiresAt: Date;

  const replica = async () => {
    const harness = await startRating('reminders', {
      ...(started.length ? { replicaOf: first } : {}),
      env: { REMINDER_POLL_MS: '25' },
    });
    started.push(harness);
    return harness;
  };

  const counts = async (h: RatingHarness) => {
    const rows: { type: string; days: number | null; n: number }[] = await h.dataSource.query(
      `SELECT type, (payload->'data'->>'daysBefore')::int AS days, count(*)::int AS n FROM outbox
        WHERE type IN ($1, $2) GROUP BY 1, 2 ORDER BY 1, 2`,
      [RatingEvents.certificateExpiring, RatingEvents.certificateExpired],
    );
    return Object.fromEntries(rows.map((r) => [r.days === null ? 'expired' : `expiring-${r.days}`, r.n]));
  };
  /** Passes of every running replica at once, as their timers would race. */
  const raceAll = (replicas: RatingHarness[]) =>
    Promise.all(replicas.flatMap((r) => [r.scheduler.runOnce(), r.scheduler.runOnce()]));
  const at = (replicas: RatingHarness[], instant: Date) => replicas.forEach((r) => r.clock.set(instant));

  beforeAll(async () => {
    first = await replica();
    live = [first, await replica()];
    const producerId = await first.seedProducer({ name: 'HTX Dừa Thạnh Phú' });
    const products: string[] = [];
    for (let i = 0; i < CERTIFICATES; i++)
      products.push(await first.seedProduct({ producerId, nameVi: `Sản phẩm dừa ${i}`, productSet: 7 }));
    await first.readModelHas('product_views', products);
    const decisionDate = vietnamDateOf(new Date());
    const csv = [
      'product_id,product_name,producer_name,stars,decision_ref,decision_date',
      ...products.map((id) => `${id},,,4,100/QĐ-UBND,${decisionDate}`),
    ].join('\n');
    const officer = await first.token({ roles: ['officer'], scope: { provinceCode: '83' } });
    const report = expectStatus(
      await first.request('POST', '/certificates/import?dryRun=false', {
        token: officer,
        raw: { contentType: 'text/csv', payload: csv },
      }),
      200,
    );
    expect(report.imported).toBe(CERTIFICATES);
    const [row] = await first.dataSource.query(`SELECT min(expires_at) AS at FROM certificates`);
    expiresAt = row.at;
  });

  afterAll(async () => {
    for (const r of started.slice(1)) await r.stop();
    await first?.close();
  });

  it('fires the 90-day reminder once per certificate with two replicas polling', async () => {
    expect(await counts(first)).toEqual({});
    at(live, new Date(expiresAt.getTime() - 89 * DAY));
    await waitFor(async () => expect(await counts(first)).toEqual({ 'expiring-90': CERTIFICATES }));
    await raceAll(live);
    expect(await counts(first)).toEqual({ 'expiring-90': CERTIFICATES });
  });

  it('fires each later reminder once, also after both replicas restart', async () => {
    for (const r of live) await r.stop();
    live = [await replica(), await replica()];
    const [c] = live;
    at(live, new Date(expiresAt.getTime() - 29 * DAY));
    await waitFor(async () =>
      expect(await counts(c)).toEqual({ 'expiring-90': CERTIFICATES, 'expiring-30': CERTIFICATES }),
    );
    at(live, new Date(expiresAt.getTime() + DAY));
    await waitFor(async () =>
      expect(await counts(c)).toEqual({
        'expiring-90': CERTIFICATES,
        'expiring-30': CERTIFICATES,
        'expiring-7': CERTIFICATES,
        expired: CERTIFICATES,
      }),
    );
    await raceAll(live);
    expect(await counts(c)).toEqual({
      'expiring-90': CERTIFICATES,
      'expiring-30': CERTIFICATES,
      'expiring-7': CERTIFICATES,
      expired: CERTIFICATES,
    });
    const [expired] = await c.dataSource.query(
      `SELECT count(*)::int AS n FROM certificates WHERE status = 'expired'`,
    );
    expect(expired.n).toBe(CERTIFICATES);
    const [event] = (await c.outbox(RatingEvents.certificateExpiring)).filter((e) => e.data.daysBefore === 7);
    expect(event.data).toMatchObject({ stars: 4, decisionRef: expect.stringContaining('100/QĐ-UBND ngày') });
  });

  it('never reminds about a revoked certificate', async () => {
    const [h] = live;
    const producerId = await h.seedProducer({ name: 'Cơ sở Kẹo dừa Thanh Long' });
    const productId = await h.seedProduct({ producerId, nameVi: 'Kẹo dừa', productSet: 7, id: randomUUID() });
    await h.readModelHas('product_views', [productId]);
    const officer = await h.token({ roles: ['officer'], scope: { provinceCode: '83' } });
    const today = vietnamDateOf(h.clock.now());
    const csv = `product_id,product_name,producer_name,stars,decision_ref,decision_date\n${productId},,,3,5/QĐ-UBND,${today}`;
    expectStatus(
      await h.request('POST', '/certificates/import?dryRun=false', {
        token: officer,
        raw: { contentType: 'text/csv', payload: csv },
      }),
      200,
    );
    const [certificate] = expectStatus(
      await h.request('GET', `/certificates?productId=${productId}`, { token: officer }),
      200,
    ).items;
    expectStatus(
      await h.request('POST', `/certificates/${certificate.certificateId}/revoke`, {
        token: officer,
        body: { reason: 'Vi phạm ATTP' },
      }),
      200,
    );
    h.clock.advanceDays(3 * 366);
    await h.scheduler.runOnce();
    const told = await h.dataSource.query(
      `SELECT type FROM outbox WHERE payload->>'subject' = $1 ORDER BY seq`,
      [certificate.certificateId],
    );
    expect(told.map((e: { type: string }) => e.type)).toEqual([
      RatingEvents.certificateIssued,
      RatingEvents.certificateRevoked,
    ]);
  });
});
