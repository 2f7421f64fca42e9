import { TraceabilityEvents } from '@ocop/contracts';
import { productCodeOf } from '@ocop/ocop-domain';
import { randomUUID } from 'node:crypto';
import { gtin14 } from '../../test/fixtures';
import { Json, startTraceability, TraceabilityHarness } from '../../test/traceability-harness';

const CONTEXT = ['https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld'];

/** Decision 0048: a product without GTIN gets batches, serialised signed units and /t/ labels. */
describe('batches of products without a GTIN (integration)', () => {
  let t: TraceabilityHarness;
  let tokenA: string;
  let tokenB: string;
  let producerA: string;
  let product: Json;
  let code: string;
  let batch: Json;
  let units: Json[];

  beforeAll(async () => {
    t = await startTraceability('trace_no_gtin', { RESOLVER_BASE_URL: 'https://id.ocop.test' });
    const a = await t.seedProducer({}, { gtins: [], nameVi: 'Mắm tép chưng thịt' });
    const b = await t.seedProducer();
    producerA = a.producer.producerId;
    product = a.product;
    code = productCodeOf(product.productId);
    tokenA = await t.token({ roles: ['producer'], producerId: producerA });
    tokenB = await t.token({ roles: ['producer'], producerId: b.producer.producerId });
    batch = (
      await t.request('POST', '/batches', {
        token: tokenA,
        body: {
          productId: product.productId,
          lot: 'MT/01',
          quantity: 50,
          unit: 'XBX',
          expiryDate: '2027-03-31',
        },
      })
    ).body;
    await t.request('POST', `/batches/${batch.batchId}/units`, {
      token: tokenA,
      body: { count: 3, signed: true },
    });
    units = (await t.request('GET', `/batches/${batch.batchId}/units`, { token: tokenA })).body.items;
  });

  afterAll(async () => {
    await t?.close();
  });

  it('opens the batch under the product code, not a GTIN, and says so in its events', async () => {
    expect(batch).toMatchObject({
      producerId: producerA,
      productCode: code,
      lot: 'MT/01',
      status: 'open',
      digitalLink: `https://id.ocop.test/t/${code}/MT%2F01`,
    });
    expect(batch.gtin).toBeUndefined();
    const [created] = (await t.outbox(TraceabilityEvents.batchCreated)).filter(
      (e) => e.subject === batch.batchId,
    );
    expect(created.data.batch).toMatchObject({ productCode: code, lot: 'MT/01' });
    expect(created.data.batch.gtin).toBeUndefined();
    const issued = (await t.outbox(TraceabilityEvents.unitsIssued)).filter(
      (e) => e.subject === batch.batchId,
    );
    expect(issued.map((e) => [e.data.productCode, e.data.gtin, e.data.units.length])).toEqual([
      [code, undefined, 3],
    ]);
  });

  it('refuses the same lot twice for the product; another product without GTIN may use that lot', async () => {
    const again = await t.request('POST', '/batches', {
      token: tokenA,
      body: { productId: product.productId, lot: 'MT/01', quantity: 1, unit: 'XBX' },
    });
    expect(again.body).toMatchObject({ status: 409, code: 'lot-exists' });
    const other = await t.seedProduct(producerA, { gtins: [] });
    const same = await t.request('POST', '/batches', {
      token: tokenA,
      body: { productId: other.productId, lot: 'MT/01', quantity: 1, unit: 'XBX' },
    });
    expect(same.status).toBe(201);
    expect(same.body.digitalLink).toBe(`https://id.ocop.test/t/${productCodeOf(other.productId)}/MT%2F01`);
  });

  it('signs each unit’s /t/ identifier: the signature verifies, and not on another serial', async () => {
    expect(units).toHaveLength(3);
    for (const unit of units) {
      expect(unit.digitalLink).toMatch(
        new RegExp(`^https://id\\.ocop\\.test/t/${code}/MT%2F01/${unit.serial}\\?sig=[A-Za-z0-9_-]{86}$`),
      );
      const verified = await t.request('POST', '/label-signatures/verify', {
        body: { uri: unit.digitalLink },
      });
      expect(verified.body).toMatchObject({ valid: true });
    }
    const moved = units[0].digitalLink.replace(units[0].serial, units[1].serial);
    const refused = await t.request('POST', '/label-signatures/verify', { body: { uri: moved } });
    expect(refused.body).toMatchObject({ valid: false });
  });

  it('takes the /t/ URI as the unit’s EPC: its producer captures events about it, another producer cannot', async () => {
    const event = (epc: string) => ({
      type: 'ObjectEvent',
      eventID: `urn:uuid:${randomUUID()}`,
      eventTime: '2026-11-02T08:00:00+07:00',
      eventTimeZoneOffset: '+07:00',
      action: 'OBSERVE',
      epcList: [epc],
      bizStep: 'shipping',
      disposition: 'in_transit',
    });
    const unitEpc = `https://id.ocop.test/t/${code}/MT%2F01/${units[0].serial}`;
    const mine = event(unitEpc);
    const ok = await t.request('POST', '/events', { token: tokenA, body: { '@context': CONTEXT, ...mine } });
    expect(ok.status).toBe(201);
    const [stored] = await t.dataSource.query(`SELECT batch_ids FROM trace_events WHERE event_id = $1`, [
      mine.eventID,
    ]);
    expect(stored.batch_ids).toEqual([batch.batchId]);
    const theirs = await t.request('POST', '/events', {
      token: tokenB,
      body: { '@context': CONTEXT, ...event(unitEpc) },
    });
    expect(theirs.body).toMatchObject({ status: 403, code: 'epc-not-yours' });

    // Once released, the public EPCIS view answers for the unit and for the lot (the platform's commissioning).
    const released = await t.request('POST', `/batches/${batch.batchId}/release`, {
      token: tokenA,
      body: {},
    });
    expect(released.status).toBe(200);
    const byUnit = await t.request('GET', `/events?MATCH_epc=${encodeURIComponent(unitEpc)}`);
    const unitEvents = byUnit.body.epcisBody.queryResults.resultsBody.eventList as Json[];
    expect(unitEvents.map((e) => [e.eventID, e.epcList])).toEqual([[mine.eventID, [unitEpc]]]);
    const lotEpc = `https://id.ocop.test/t/${code}/MT%2F01`;
    const byLot = await t.request('GET', `/events?MATCH_anyEPCClass=${encodeURIComponent(lotEpc)}`);
    const lotEvents = byLot.body.epcisBody.queryResults.resultsBody.eventList as Json[];
    expect(lotEvents.map((e) => [e.bizStep, e.quantityList?.[0]?.epcClass])).toEqual([
      ['commissioning', lotEpc],
    ]);
  });

  it('keeps the /t/ labels of earlier batches once the product gets a GTIN; new batches are GS1', async () => {
    const gtin = gtin14('8936047', 90_000 + (process.pid % 1000));
    await t.seedProduct(producerA, {
      ...product,
      gtins: [gtin],
      updatedAt: new Date().toISOString(),
    } as never);
    const res = await t.request('POST', '/batches', {
      token: tokenA,
      body: { productId: product.productId, lot: 'MT-02', quantity: 5, unit: 'XBX' },
    });
    expect(res.status).toBe(201);
    const later = res.body;
    expect(later).toMatchObject({ gtin, digitalLink: `https://id.ocop.test/01/${gtin}/10/MT-02` });
    const old = await t.request('GET', `/batches/${batch.batchId}/units`, { token: tokenA });
    expect(old.body.items.map((u: Json) => u.digitalLink)).toEqual(units.map((u) => u.digitalLink));
    const oldBatch = await t.request('GET', `/batches/${batch.batchId}`, { token: tokenA });
    expect(oldBatch.body).toMatchObject({ productCode: code, digitalLink: batch.digitalLink });
    expect(oldBatch.body.gtin).toBeUndefined();
  });
});
