import { PrivateNats, PrivatePostgres, startPrivateNats, startPrivatePostgres, waitFor } from '@ocop/testing';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import {
  Json,
  ORCHARD,
  seedCatalogue,
  setUpProducers,
  setUpStaff,
  SignedIn,
  StaffAccounts,
  StoryContext,
} from './story';
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
  let producer: SignedIn;
  /** Growing-area codes issued: each must reach the producer once in the inbox and once by mail. */
  let codesIssued = 0;
  /** Changes acknowledged to their author (2xx): each must be visible everywhere at the end. */
  const committed: { productId: string; descriptionVi: string }[] = [];
  let round = 0;

  /** One flow of changes: product descriptions (catalogue → rating, traceability, lookup) and accounts (identity). */
  async function changes(
    count: number,
    { skip, natsDown = false }: { skip?: string; natsDown?: boolean } = {},
  ): Promise<void> {
    // Registering a growing area asks identity over NATS (request-reply): it waits for both to be up.
    const withNotices = !natsDown && skip !== 'traceability' && skip !== 'identity';
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
      if (withNotices) {
        // A notice-bearing flow: each code issued is told to the producer (inbox and mail), once.
        const area = await ctx.traceability.post('/growing-areas', {
          token: producer.token,
          body: { ...ORCHARD, name: `Vườn thử ${round} (${randomUUID().slice(0, 8)})` },
          expect: 201,
        });
        await ctx.traceability.post(`/growing-areas/${area.growingAreaId}/issue`, {
          token: staff.provinceOfficer.token,
          body: { reason: 'Cấp mã (kiểm thử sự cố)' },
          expect: 200,
        });
        codesIssued++;
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
    const catalogue = await seedCatalogue(ctx, staff.admin);
    products = catalogue.products;
    producer = (await setUpProducers(ctx, staff.admin, catalogue.producers))['producer'];
  }, 600_000);

  afterAll(async () => {
    const unclean = await e2e?.dispose();
    await Promise.all([pg?.dispose(), nats?.dispose()]);
    expect(unclean).toEqual([]);
  }, 180_000);

  it('keeps every committed change when each service in turn is killed mid-flow and restarted', async () => {
    for (const service of e2e.platform.services) {
      const flow = changes(6, { skip: service });
      await e2e.platform.kill(service);
      await flow;
      await changes(2, { skip: service });
      await e2e.platform.restart(service);
    }
    await changes(2);
  }, 600_000);

  it('buffers events while NATS is down for 10 s and delivers them when it is back', async () => {
    const downAt = Date.now();
    await nats.stop();
    // Writes still commit: their events wait in each service's outbox.
    await changes(5, { natsDown: true });
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
  }, 600_000);

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
      { intervalMs: 250 },
    );
    await changes(3);
  }, 600_000);

  it('reconciles: events published = events handled, once each, nothing dead-lettered, last changes everywhere', async () => {
    const producers = e2e.platform.eventServices;
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
      { intervalMs: 250 },
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
      { intervalMs: 500 },
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
    // The last committed description of each product is what the catalogue serves, and what lookup (which
    // answers the scans) holds: no scan shows a state older than a committed change.
    const last = new Map(committed.map((c) => [c.productId, c.descriptionVi]));
    const lookup = await queryService('lookup', `SELECT id::text AS id, description_vi FROM rm_products`);
    const inLookup = new Map(lookup.rows.map((r: Json) => [r.id, r.description_vi]));
    for (const [productId, descriptionVi] of last) {
      const product = await ctx.catalogue.get(`/products/${productId}`, { token: staff.admin });
      expect(product.descriptionVi).toBe(descriptionVi);
      expect({ productId, lookup: inLookup.get(productId) }).toEqual({ productId, lookup: descriptionVi });
    }
    // Every code issued reached the producer once in the inbox and by one mail: nothing lost, nothing twice.
    expect(codesIssued).toBeGreaterThan(10);
    const notices = await waitFor(
      async () => {
        const { rows } = await queryService(
          'notifications',
          `SELECT d.id::text AS id, d.status FROM deliveries d JOIN account_views a ON a.id = d.account_id
            WHERE a.email = 'producer@ocop.local' AND d.channel = 'email'`,
        );
        expect(rows.filter((r: Json) => r.status === 'sent')).toHaveLength(codesIssued);
        return rows as { id: string }[];
      },
      { intervalMs: 500 },
    );
    const inbox = await queryService(
      'notifications',
      `SELECT count(*)::int AS n FROM inbox_items i JOIN account_views a ON a.id = i.account_id
        WHERE a.email = 'producer@ocop.local' AND i.workflow = 'growing-area-issued'`,
    );
    expect(inbox.rows[0].n).toBe(codesIssued);
    const mails = (await (await fetch(`${e2e.platform.mailUrl}/messages.json`)).json()) as Json[];
    const received = new Map<string, number>();
    for (const m of mails) received.set(m.deliveryId, (received.get(m.deliveryId) ?? 0) + 1);
    // Each notice's mail arrived. SMTP cannot be exactly-once across a SIGKILL between the server's "250 OK" and
    // the commit of that outcome: the mail is then sent again, with the same Message-ID and X-OCOP-Delivery-Id,
    // which receivers (and mail providers) use to drop the repeat (decision 0018). Nothing else may repeat.
    for (const { id } of notices) {
      expect({ id, received: (received.get(id) ?? 0) > 0 }).toEqual({ id, received: true });
    }
    const ours = mails.filter((m) => m.to.includes('producer@ocop.local'));
    expect(new Set(ours.map((m) => m.messageId)).size).toBe(codesIssued);
  }, 600_000);

  async function queryService(service: string, sql: string) {
    const client: Client = await e2e.database(service);
    try {
      return await client.query(sql);
    } finally {
      await client.end();
    }
  }
});
