import { CatalogueEvents, ProducerSnapshotV1, ProductSnapshotV1, TraceabilityEvents } from '@ocop/contracts';
import { waitFor } from '@ocop/testing';
import { randomUUID } from 'node:crypto';
import { Json, startTraceability, TraceabilityHarness } from '../../test/traceability-harness';
import { JobRunner } from '../jobs/job-runner.service';
import { epcisDocument } from '../../test/fixtures';
import { EPCIS_CONTEXT_URL } from '../epcis/platform-trace-events';

/**
 * Issue 13, items 1 and 3 against traceability (decision 0023): once the catalogue says a producer is suspended or
 * its product is discontinued, nothing more goes on the market under it (no serial, label, QR code or release),
 * and a GTIN another producer's batches used never gets a batch of someone else.
 */
describe('labelling refusals (integration)', () => {
  let t: TraceabilityHarness;
  let officer: string;
  let lot = 0;

  beforeAll(async () => {
    t = await startTraceability('trace_refusals', { RESOLVER_BASE_URL: 'https://id.ocop.test' });
    officer = await t.token({ roles: ['officer'], scope: { provinceCode: '83', districtCode: '832' } });
  });

  afterAll(async () => {
    await t?.close();
  });

  /** A producer with an active product, an open batch of it and 3 signed units. */
  async function producerWithBatch(): Promise<{
    producer: ProducerSnapshotV1;
    product: ProductSnapshotV1;
    token: string;
    batch: Json;
  }> {
    const { producer, product } = await t.seedProducer();
    const token = await t.token({ roles: ['producer'], producerId: producer.producerId });
    const batch = await t.request('POST', '/batches', {
      token,
      body: { productId: product.productId, lot: `R-${(lot += 1)}`, quantity: 50, unit: 'XBX' },
    });
    expect(batch.status).toBe(201);
    const units = await t.request('POST', `/batches/${batch.body.batchId}/units`, {
      token,
      body: { count: 3, signed: true },
    });
    expect(units.status).toBe(201);
    return { producer, product, token, batch: batch.body };
  }

  const readModel = async (table: 'catalogue_producers' | 'catalogue_products', id: string) =>
    (await t.dataSource.query(`SELECT status FROM ${table} WHERE id = $1`, [id]))[0]?.status;

  /** Every way of putting more of the batch on the market, each refused with `code`; nothing is written. */
  async function expectEverythingRefused(token: string, batch: Json, code: string): Promise<void> {
    const id = batch.batchId;
    const [{ n: unitsBefore }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM serialised_units WHERE batch_id = $1`,
      [id],
    );
    const outboxBefore = (await t.outbox()).length;
    const [unit] = (await t.request('GET', `/batches/${id}/units`, { token })).body.items;
    const attempts: [string, 'GET' | 'POST', string, Json?][] = [
      ['mint serials', 'POST', `/batches/${id}/units`, { count: 5, signed: true }],
      ['print labels', 'GET', `/batches/${id}/labels?format=pdf`],
      ['print batch-level labels', 'GET', `/batches/${id}/labels?format=zpl&batchLevel=true&copies=2`],
      ['queue a label job', 'POST', `/batches/${id}/label-jobs`, { format: 'pdf' }],
      ['draw the batch QR code', 'GET', `/batches/${id}/qr.svg`],
      ['draw a unit QR code', 'GET', `/batches/${id}/units/${unit.serial}/qr.png`],
      ['release', 'POST', `/batches/${id}/release`],
    ];
    for (const [what, method, path, body] of attempts) {
      const res = await t.request(method, path, { token, body });
      if (res.status !== 409 || res.body.code !== code) {
        throw new Error(`${what}: expected 409 ${code}, got ${res.status} ${JSON.stringify(res.body)}`);
      }
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    const [{ n: unitsAfter }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM serialised_units WHERE batch_id = $1`,
      [id],
    );
    expect(unitsAfter).toBe(unitsBefore);
    expect((await t.outbox()).length).toBe(outboxBefore);
    expect((await t.request('GET', `/batches/${id}`, { token })).body.status).toBe('open');
  }

  it('a suspended producer can neither mint, label, release nor record trace events; an officer can still recall', async () => {
    const { producer, token, batch } = await producerWithBatch();
    // Before: all of it works.
    expect((await t.request('GET', `/batches/${batch.batchId}/qr.svg`, { token })).status).toBe(200);

    await t.publish(CatalogueEvents.producerSuspended, {
      producer: { ...producer, status: 'suspended', updatedAt: new Date().toISOString() },
      reason: 'Vi phạm ghi nhãn',
      actorId: randomUUID(),
    });
    await waitFor(async () =>
      expect(await readModel('catalogue_producers', producer.producerId)).toBe('suspended'),
    );
    await expectEverythingRefused(token, batch, 'producer-suspended');

    // Nor does it add to its lots' journey: a trace event, alone or in a document, is refused and nothing stored.
    const [unit] = (await t.request('GET', `/batches/${batch.batchId}/units`, { token })).body.items;
    const event = {
      type: 'ObjectEvent',
      eventID: `urn:uuid:${randomUUID()}`,
      eventTime: '2026-11-20T08:00:00+07:00',
      eventTimeZoneOffset: '+07:00',
      action: 'OBSERVE',
      epcList: [unit.digitalLink],
      bizStep: 'shipping',
      disposition: 'in_transit',
    };
    const eventsBefore = await t.dataSource.query(`SELECT count(*)::int AS n FROM trace_events`);
    const single = await t.request('POST', '/events', {
      token,
      body: { '@context': [EPCIS_CONTEXT_URL], ...event },
    });
    expect(single.body).toMatchObject({ status: 409, code: 'producer-suspended' });
    const document = await t.request('POST', '/capture', {
      token,
      body: JSON.stringify(epcisDocument([event])),
      headers: { 'content-type': 'application/ld+json' },
    });
    expect(document.body).toMatchObject({ status: 409, code: 'producer-suspended' });
    expect(await t.dataSource.query(`SELECT count(*)::int AS n FROM trace_events`)).toEqual(eventsBefore);

    const recalled = await t.request('POST', `/batches/${batch.batchId}/recall`, {
      token: officer,
      body: { reason: 'Chủ thể bị tạm ngưng' },
    });
    expect(recalled.status).toBe(200);
    expect(recalled.body.status).toBe('recalled');
  });

  it('a discontinued product gets no more serials, labels or release, from its producer or an admin', async () => {
    const { product, token, batch } = await producerWithBatch();
    await t.publish(CatalogueEvents.productDiscontinued, {
      product: { ...product, status: 'discontinued', updatedAt: new Date().toISOString() },
      actorId: randomUUID(),
    });
    await waitFor(async () =>
      expect(await readModel('catalogue_products', product.productId)).toBe('discontinued'),
    );
    await expectEverythingRefused(token, batch, 'product-not-active');
    const admin = await t.token({ roles: ['admin'] });
    const res = await t.request('POST', `/batches/${batch.batchId}/units`, {
      token: admin,
      body: { count: 1 },
    });
    expect(res.body).toMatchObject({
      status: 409,
      code: 'product-not-active',
      productStatus: 'discontinued',
    });
  });

  it('a label job queued before the suspension does not print after it', async () => {
    const { producer, token, batch } = await producerWithBatch();
    await t.publish(CatalogueEvents.producerSuspended, {
      producer: { ...producer, status: 'suspended', updatedAt: new Date().toISOString() },
      reason: 'Vi phạm ghi nhãn',
      actorId: randomUUID(),
    });
    await waitFor(async () =>
      expect(await readModel('catalogue_producers', producer.producerId)).toBe('suspended'),
    );
    // The job row as it was queued before the suspension (queued jobs are re-planned when they run).
    const [job] = await t.dataSource.query(
      `INSERT INTO background_jobs (id, kind, status, actor_id, producer_id, params, total, done, created_at)
       VALUES ($1, 'labels', 'queued', $2, $3, $4, 3, 0, now()) RETURNING id`,
      [
        randomUUID(),
        randomUUID(),
        producer.producerId,
        JSON.stringify({ batchId: batch.batchId, format: 'csv' }),
      ],
    );
    t.get(JobRunner).kick();
    const view = await waitFor(async () => {
      const res = await t.request('GET', `/label-jobs/${job.id}`, { token });
      expect(res.body.status).toBe('failed');
      return res.body;
    });
    expect(JSON.stringify(view.error)).toContain('producer-suspended');
  });

  it('opens no batch under a GTIN another producer’s batches used, even if a late catalogue lists it', async () => {
    const b = await producerWithBatch();
    const gtin = b.batch.gtin;
    // The catalogue refuses to let the GTIN change hands; here its events say otherwise (a race, a replay).
    const c = await t.seedProducer({ name: 'Cơ sở Giả' }, { gtins: [gtin] });
    const tokenC = await t.token({ roles: ['producer'], producerId: c.producer.producerId });
    const before = await t.dataSource.query(`SELECT count(*)::int AS n FROM batches WHERE gtin = $1`, [gtin]);
    const res = await t.request('POST', '/batches', {
      token: tokenC,
      body: { productId: c.product.productId, gtin, lot: 'HIJACK-1', quantity: 10, unit: 'XBX' },
    });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({
      code: 'gtin-owned-by-another-producer',
      gtin,
      errors: [{ field: 'gtin' }],
    });
    expect(
      await t.dataSource.query(`SELECT count(*)::int AS n FROM batches WHERE gtin = $1`, [gtin]),
    ).toEqual(before);
    expect(
      (await t.outbox(TraceabilityEvents.batchCreated)).filter(
        (e) => e.data.batch.producerId === c.producer.producerId,
      ),
    ).toEqual([]);
    // Its owner goes on as before.
    const again = await t.request('POST', '/batches', {
      token: b.token,
      body: { productId: b.product.productId, lot: `R-${(lot += 1)}`, quantity: 10, unit: 'XBX' },
    });
    expect(again.status).toBe(201);
  });
});
