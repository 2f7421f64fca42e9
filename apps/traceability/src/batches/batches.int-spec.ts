import { TraceabilityEvents } from '@ocop/contracts';
import { randomUUID } from 'node:crypto';
import { growingAreaInput, gtin14 } from '../../test/fixtures';
import { Json, startTraceability, TraceabilityHarness } from '../../test/traceability-harness';

describe('batches (integration)', () => {
  let t: TraceabilityHarness;
  let tokenA: string;
  let tokenB: string;
  let productA: Json;
  let productB: Json;
  let producerA: string;
  let area: Json;

  beforeAll(async () => {
    t = await startTraceability('trace_batches', { RESOLVER_BASE_URL: 'https://id.ocop.test' });
    const a = await t.seedProducer();
    const b = await t.seedProducer({ name: 'HTX B' });
    producerA = a.producer.producerId;
    productA = a.product;
    productB = b.product;
    tokenA = await t.token({ roles: ['producer'], producerId: producerA });
    tokenB = await t.token({ roles: ['producer'], producerId: b.producer.producerId });
    area = await t.issuedGrowingArea(tokenA, growingAreaInput({ crop: 'Dừa', variety: 'Dừa xiêm xanh' }));
  });

  afterAll(async () => {
    await t?.close();
  });

  let lotNumber = 0;
  const batchBody = (overrides: Json = {}) => ({
    productId: productA.productId,
    lot: `L2026-${(lotNumber += 1)}`,
    quantity: 1200,
    unit: 'XBX',
    harvestDate: '2026-06-01',
    packingDate: '2026-06-03',
    expiryDate: '2026-12-31',
    ...overrides,
  });
  const create = (body: Json, token = tokenA) => t.request('POST', '/batches', { token, body });

  it('opens a batch of an own active product, with its batch-level Digital Link and a created event', async () => {
    const res = await create(
      batchBody({ lot: 'L/26#A'.replace('#', '-'), growingAreaIds: [area.growingAreaId] }),
    );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      producerId: producerA,
      gtin: productA.gtins[0],
      lot: 'L/26-A',
      status: 'open',
      growingAreas: [{ growingAreaId: area.growingAreaId, code: area.code }],
      digitalLink: `https://id.ocop.test/01/${productA.gtins[0]}/10/L%2F26-A?17=261231`,
    });
    const [event] = (await t.outbox(TraceabilityEvents.batchCreated)).filter(
      (e) => e.subject === res.body.batchId,
    );
    expect(event.data.batch).toMatchObject({ lot: 'L/26-A', growingAreas: [{ code: area.code }] });
  });

  describe('GS1 rules, each a clear 400 naming the field', () => {
    it.each([
      ['LÔ 1', /"Ô" at position 2/],
      ['L 1', /space/],
      ['L@1', /"@"/],
      ['L'.repeat(21), /at most 20/],
    ])('refuses lot %j', async (lot, message) => {
      const res = await create(batchBody({ lot }));
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 'invalid-lot', errors: [{ field: 'lot' }] });
      expect(res.body.errors[0].message).toMatch(message);
    });

    it('refuses a wrong GTIN check digit and a GTIN of another product', async () => {
      const bad = productA.gtins[0].slice(0, 13) + ((Number(productA.gtins[0][13]) + 1) % 10);
      expect((await create(batchBody({ gtin: bad }))).body).toMatchObject({
        status: 400,
        code: 'gtin-check-digit',
        errors: [{ field: 'gtin' }],
      });
      expect((await create(batchBody({ gtin: gtin14('8936047', 99999) }))).body.code).toBe(
        'gtin-not-of-product',
      );
    });

    it('refuses dates out of order, impossible, or beyond what a GS1 date can say', async () => {
      const order = await create(batchBody({ packingDate: '2026-06-03', expiryDate: '2026-06-01' }));
      expect(order.body.errors).toEqual([{ field: 'expiryDate', message: expect.stringMatching(/before/) }]);
      expect((await create(batchBody({ expiryDate: '2026-02-30' }))).body.errors[0].field).toBe('expiryDate');
      expect((await create(batchBody({ expiryDate: '2080-01-01' }))).body.errors[0].message).toMatch(
        /two-digit year/,
      );
      expect((await create(batchBody({ harvestDate: '01/06/2026' }))).body.errors[0].field).toBe(
        'harvestDate',
      );
    });

    it('refuses a second batch with the same GTIN and lot', async () => {
      const body = batchBody();
      expect((await create(body)).status).toBe(201);
      expect((await create(body)).body).toMatchObject({
        status: 409,
        code: 'lot-exists',
        errors: [{ field: 'lot' }],
      });
    });
  });

  describe('where a batch comes from', () => {
    it('takes only own growing areas with an issued code', async () => {
      const pending = await t.request('POST', '/growing-areas', { token: tokenA, body: growingAreaInput() });
      const res = await create(
        batchBody({ growingAreaIds: [area.growingAreaId, pending.body.growingAreaId] }),
      );
      expect(res.body).toMatchObject({ status: 400, errors: [{ field: 'growingAreaIds[1]' }] });
    });

    it('links input batches (coconuts → coconut candy) one step back, own ones only', async () => {
      const coconuts = (await create(batchBody({ unit: 'KGM', quantity: 5000 }))).body;
      const candy = await create(
        batchBody({ inputs: [{ batchId: coconuts.batchId, quantity: 800, unit: 'KGM' }] }),
      );
      expect(candy.body.inputs).toEqual([
        { batchId: coconuts.batchId, gtin: coconuts.gtin, lot: coconuts.lot, quantity: 800, unit: 'KGM' },
      ]);
      const theirs = (await create({ ...batchBody(), productId: productB.productId }, tokenB)).body;
      const res = await create(batchBody({ inputs: [{ batchId: theirs.batchId }] }));
      expect(res.body).toMatchObject({ status: 400, errors: [{ field: 'inputs[0].batchId' }] });
    });
  });

  describe('who may do what', () => {
    it('keeps producer A’s batches from producer B, who cannot open batches of A’s products either', async () => {
      const mine = (await create(batchBody())).body;
      expect((await t.request('GET', `/batches/${mine.batchId}`, { token: tokenB })).status).toBe(404);
      expect(
        (
          await t.request('POST', `/batches/${mine.batchId}/recall`, {
            token: tokenB,
            body: { reason: 'xxx' },
          })
        ).status,
      ).toBe(404);
      expect((await create(batchBody(), tokenB)).status).toBe(404);
      const listB = await t.request('GET', '/batches?limit=100', { token: tokenB });
      expect(listB.body.items.every((b: Json) => b.producerId !== producerA)).toBe(true);
    });

    it('opens batches only for active products', async () => {
      const draft = await t.seedProduct(producerA, { status: 'draft' });
      expect((await create(batchBody({ productId: draft.productId }))).body).toMatchObject({
        status: 409,
        code: 'product-not-active',
      });
      expect((await create(batchBody({ productId: randomUUID() }))).status).toBe(503);
    });
  });

  describe('release, recall, expiry', () => {
    it('releases, then recalls with a reason and an event, once', async () => {
      const batch = (await create(batchBody())).body;
      const released = await t.request('POST', `/batches/${batch.batchId}/release`, { token: tokenA });
      expect(released.body.status).toBe('released');
      expect((await t.request('POST', `/batches/${batch.batchId}/release`, { token: tokenA })).status).toBe(
        409,
      );
      const officer = await t.token({
        roles: ['officer'],
        scope: { provinceCode: '83', districtCode: '832' },
      });
      const recalled = await t.request('POST', `/batches/${batch.batchId}/recall`, {
        token: officer,
        body: { reason: 'Phát hiện nấm mốc' },
      });
      expect(recalled.body).toMatchObject({ status: 'recalled', recallReason: 'Phát hiện nấm mốc' });
      const [event] = (await t.outbox(TraceabilityEvents.batchRecalled)).filter(
        (e) => e.subject === batch.batchId,
      );
      expect(event.data).toMatchObject({
        reason: 'Phát hiện nấm mốc',
        unitCount: 0,
        batch: { status: 'recalled' },
      });
      expect(
        (
          await t.request('POST', `/batches/${batch.batchId}/recall`, {
            token: tokenA,
            body: { reason: 'again' },
          })
        ).status,
      ).toBe(409);
      const elsewhere = await t.token({
        roles: ['officer'],
        scope: { provinceCode: '83', districtCode: '835' },
      });
      expect((await t.request('GET', `/batches/${batch.batchId}`, { token: elsewhere })).status).toBe(404);
    });

    it('shows a batch past its expiry date as expired, and filters by it', async () => {
      const old = (
        await create(
          batchBody({ harvestDate: '2025-01-01', packingDate: '2025-01-02', expiryDate: '2025-06-30' }),
        )
      ).body;
      expect(old.status).toBe('expired');
      const expired = await t.request('GET', '/batches?status=expired&limit=100', { token: tokenA });
      expect(expired.body.items.map((b: Json) => b.batchId)).toEqual([old.batchId]);
      const open = await t.request('GET', '/batches?status=open&limit=100', { token: tokenA });
      expect(open.body.items.map((b: Json) => b.batchId)).not.toContain(old.batchId);
    });
  });
});
