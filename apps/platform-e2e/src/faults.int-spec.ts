import { PrivateNats, PrivatePostgres, startPrivateNats, startPrivatePostgres, waitFor } from '@ocop/testing';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { Json, seedCatalogue, setUpStaff, StaffAccounts, StoryContext } from './story';
import { bootE2ePlatform, E2ePlatform } from './support/e2e-platform';

/**
 * The platform while things break: each service killed (SIGKILL) and restarted in the middle of a flow of
 * changes, NATS stopped for 10 s while events flow, PostgreSQL restarted. The services run on a PostgreSQL and a
 * NATS of this suite alone, so that stopping them disturbs no other test. At the end every count reconciles:
 * every event committed was published, every consumer handled every event it subscribes to exactly once, and
 * nothing went to the dead-letter table.
 */

describe('OCOP Trace under faults (private PostgreSQL and NATS)', () => {
  let pg: PrivatePostgres;
  let nats: PrivateNats;
  let e2e: E2ePlatform;
  let ctx: StoryContext;
  let staff: StaffAccounts;
  let products: { productId: string; nameVi: string }[];
  /** Changes acknowledged to their author (2xx): each must be visible everywhere at the end. */
  const committed: { productId: string; descriptionVi: string }[] = [];
  let round = 0;

  /** One flow of changes: product descriptions (catalogue → rating, traceability, lookup) and accounts (identity). */
  async function changes(count: number, { skip }: { skip?: string } = {}): Promise<void> {
    for (let i = 0; i < count; i++) {
      round++;
      if (skip !== 'catalogue') {
        const product = products[round % products.length];
        const descriptionVi = `Mô tả lần ${round} (${randomUUID().slice(0, 8)})`;
        await ctx.catalogue.patch(`/products/${product.productId}`, {
          token: staff.admin,
          body: { descriptionVi },
        });
        committed.push({ productId: product.productId, descriptionVi });
      }
      if (skip !== 'identity') {
        await ctx.identity.post('/admin/accounts', {
          token: staff.admin,
          body: {
            email: `retailer-${round}-${randomUUID().slice(0, 6)}@ocop.local`,
            displayName: `Nhà bán lẻ ${round}`,
            roles: ['retailer'],
            language: 'vi',
            password: 'Retailer-ocop-2026!',
          },
          expect: 201,
        });
      }
    }
  }

  beforeAll(async () => {
    [pg, nats] = await Promise.all([startPrivatePostgres(), startPrivateNats()]);
    e2e = await bootE2ePlatform({ pgUrl: pg.url, natsUrl: nats.url });
    ctx = e2e.ctx;
    staff = await setUpStaff(ctx);
    products = (await seedCatalogue(ctx, staff.admin)).products;
  }, 180_000);

  afterAll(async () => {
    const unclean = await e2e?.dispose();
    await Promise.all([pg?.dispose(), nats?.dispose()]);
    expect(unclean).toEqual([]);
  }, 60_000);

  it('keeps every committed change when each service in turn is killed mid-flow and restarted', async () => {
    for (const service of e2e.platform.services) {
      const flow = changes(6, { skip: service });
      await e2e.platform.kill(service);
      await flow;
      await changes(2, { skip: service });
      await e2e.platform.restart(service);
    }
    await changes(2);
  }, 240_000);

  it('buffers events while NATS is down for 10 s and delivers them when it is back', async () => {
    const downAt = Date.now();
    await nats.stop();
    // Writes still commit: their events wait in each service's outbox.
    await changes(5);
    const [{ n: waiting }] = (
      await queryService('catalogue', `SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL`)
    ).rows;
    expect(waiting).toBeGreaterThan(0);
    // Readiness tells a load balancer that this instance cannot reach NATS.
    const ready = await fetch(`${ctx.urls.catalogue}/health/ready`);
    expect(ready.status).toBe(503);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, 10_000 - (Date.now() - downAt))));
    await nats.restart();
    await changes(2);
  }, 120_000);

  it('rides out a PostgreSQL restart: requests during it fail cleanly, the services recover by themselves', async () => {
    await pg.stop();
    const during = await ctx.catalogue.request('GET', `/products?limit=1`, {
      token: staff.admin,
      expect: [503],
    });
    expect(during.headers.get('content-type')).toContain('application/problem+json');
    expect(during.body.code).toBe('service-unavailable');
    expect(Number(during.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(JSON.stringify(during.body)).not.toMatch(/ECONNREFUSED|postgres:\/\//);
    await pg.restart();
    await waitFor(
      async () => {
        for (const url of Object.values(e2e.platform.urls)) {
          expect((await fetch(`${url}/health/ready`)).status).toBe(200);
        }
      },
      { timeoutMs: 60_000, intervalMs: 250 },
    );
    await changes(3);
  }, 120_000);

  it('reconciles: events published = events handled, once each, nothing dead-lettered, last changes everywhere', async () => {
    const producers = e2e.platform.services;
    // Every outbox drained.
    await waitFor(
      async () => {
        for (const service of producers) {
          const { rows } = await queryService(
            service,
            `SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL`,
          );
          expect({ service, unpublished: rows[0].n }).toEqual({ service, unpublished: 0 });
        }
      },
      { timeoutMs: 60_000, intervalMs: 250 },
    );
    const published = new Map<string, Set<string>>();
    for (const service of producers) {
      const { rows } = await queryService(service, `SELECT id::text AS id, type FROM outbox`);
      for (const row of rows as { id: string; type: string }[]) {
        published.set(row.type, (published.get(row.type) ?? new Set()).add(row.id));
      }
    }
    // Each consumer has handled every event of each type it handles: no loss, and (primary key) no double.
    await waitFor(
      async () => {
        for (const consumer of producers) {
          const { rows } = await queryService(
            consumer,
            `SELECT event_type, array_agg(event_id) AS ids FROM inbox GROUP BY event_type`,
          );
          for (const row of rows as { event_type: string; ids: string[] }[]) {
            const expected = [...(published.get(row.event_type) ?? [])].sort();
            expect({ consumer, type: row.event_type, ids: [...row.ids].sort() }).toEqual({
              consumer,
              type: row.event_type,
              ids: expected,
            });
          }
        }
      },
      { timeoutMs: 60_000, intervalMs: 500 },
    );
    // The flows above were seen where they matter.
    const handledTypes = async (service: string) =>
      (await queryService(service, `SELECT DISTINCT event_type FROM inbox`)).rows.map(
        (r: Json) => r.event_type,
      );
    expect(await handledTypes('rating')).toEqual(
      expect.arrayContaining(['ocop.catalogue.product.updated', 'ocop.identity.account.registered']),
    );
    for (const service of producers) {
      const { rows } = await queryService(service, `SELECT count(*)::int AS n FROM dead_letter`);
      expect({ service, deadLetters: rows[0].n }).toEqual({ service, deadLetters: 0 });
    }
    // The last committed description of each product is what the catalogue serves.
    const last = new Map(committed.map((c) => [c.productId, c.descriptionVi]));
    for (const [productId, descriptionVi] of last) {
      const product = await ctx.catalogue.get(`/products/${productId}`, { token: staff.admin });
      expect(product.descriptionVi).toBe(descriptionVi);
    }
  }, 180_000);

  async function queryService(service: string, sql: string) {
    const client: Client = await e2e.database(service);
    try {
      return await client.query(sql);
    } finally {
      await client.end();
    }
  }
});
