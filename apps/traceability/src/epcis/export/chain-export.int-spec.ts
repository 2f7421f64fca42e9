import { waitFor } from '@ocop/testing';
import { randomUUID } from 'node:crypto';
import { Json, startTraceability, TraceabilityHarness } from '../../../test/traceability-harness';
import { epcisSchemaProblems } from '../epcis-schema';
import { epcisDocument } from '../../../test/fixtures';

const INSPECTIONS = 10_500;

/**
 * A busy batch's chain export returns every event. It used to stop at 10,000, ordered by time, so the latest
 * events — the batch's own commissioning among them — fell off while the answer still said 200 (decision 0045).
 */
describe('EPCIS chain export of more than 10,000 events (integration)', () => {
  let t: TraceabilityHarness;
  let token: string;
  let coconuts: Json;
  let candy: Json;
  const captured: string[] = [];
  let packing: string;
  let unrelated: string;

  const classOf = (batch: Json) => `https://id.ocop.test/01/${batch.gtin}/10/${batch.lot}`;
  const event = (batch: Json, eventTime: string, bizStep: string) => ({
    type: 'ObjectEvent',
    eventID: `urn:uuid:${randomUUID()}`,
    eventTime,
    eventTimeZoneOffset: '+07:00',
    action: 'OBSERVE',
    quantityList: [{ epcClass: classOf(batch), quantity: 1, uom: 'XBX' }],
    bizStep,
  });

  async function capture(events: Json[]) {
    const res = await t.request('POST', '/capture', {
      token,
      body: JSON.stringify(epcisDocument(events)),
      headers: { 'content-type': 'application/ld+json' },
    });
    expect(res.status).toBe(202);
    const job = await waitFor(async () => {
      const status = await t.request('GET', `/capture/${res.body.captureID}`, { token });
      expect(status.body.running).toBe(false);
      return status.body;
    });
    expect([job.success, job.storedCount, job.errors]).toEqual([true, events.length, []]);
  }

  beforeAll(async () => {
    t = await startTraceability('trace_chain_export', {
      RESOLVER_BASE_URL: 'https://id.ocop.test',
      CAPTURE_MAX_EVENTS: String(INSPECTIONS + 100),
    });
    const a = await t.seedProducer();
    const candyProduct = await t.seedProduct(a.producer.producerId);
    token = await t.token({ roles: ['producer'], producerId: a.producer.producerId });
    const post = async (body: Json) => (await t.request('POST', '/batches', { token, body })).body;
    coconuts = await post({ productId: a.product.productId, lot: 'DUA-9', quantity: 5000, unit: 'KGM' });
    candy = await post({
      productId: candyProduct.productId,
      lot: 'KEO-9',
      quantity: 20000,
      unit: 'XBX',
      inputs: [{ batchId: coconuts.batchId, quantity: 800, unit: 'KGM' }],
    });
    const other = await post({ productId: a.product.productId, lot: 'DUA-X', quantity: 1, unit: 'KGM' });

    // One capture document of 10,500 inspections, each a second apart in September, all before the batch's
    // commissioning (recorded now); then the packing, last of all in time.
    const start = Date.parse('2026-09-01T00:00:00+07:00');
    const inspections = Array.from({ length: INSPECTIONS }, (_, i) =>
      event(candy, new Date(start + i * 1000).toISOString().replace('.000Z', 'Z'), 'inspecting'),
    );
    captured.push(...inspections.map((e) => e.eventID));
    await capture(inspections);
    const packed = event(candy, '2027-01-01T08:00:00+07:00', 'packing');
    packing = packed.eventID;
    const elsewhere = event(other, '2026-09-02T08:00:00+07:00', 'inspecting');
    unrelated = elsewhere.eventID;
    await capture([packed, elsewhere]);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('streams every event of the chain, in event time order, as one valid EPCIS document', async () => {
    const res = await t.request('GET', `/batches/${candy.batchId}/epcis`, { token });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('application/ld+json');
    expect(epcisSchemaProblems(res.body)).toEqual([]);
    const events: Json[] = res.body.epcisBody.eventList;
    const ids = events.map((e) => e.eventID);
    // Every captured inspection, the packing, the candy's transformation from the coconuts and the coconuts'
    // commissioning (one step back), once each; nothing of the unrelated batch.
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(INSPECTIONS + 3);
    const present = new Set(ids);
    expect(captured.filter((id) => !present.has(id))).toEqual([]);
    expect(present.has(packing)).toBe(true);
    expect(present.has(unrelated)).toBe(false);
    const commissioning = events.filter((e) => e.bizStep === 'commissioning');
    expect(commissioning.map((e) => e.type).sort()).toEqual(['ObjectEvent', 'TransformationEvent']);
    const times = events.map((e) => Date.parse(e.eventTime));
    expect(times.every((time, i) => i === 0 || times[i - 1] <= time)).toBe(true);
    expect(events.at(-1).eventID).toBe(packing);
  });

  it('answers 404 for a batch the caller may not read, before streaming anything', async () => {
    const b = await t.seedProducer();
    const other = await t.token({ roles: ['producer'], producerId: b.producer.producerId });
    const res = await t.request('GET', `/batches/${candy.batchId}/epcis`, { token: other });
    expect([res.status, res.body.code]).toEqual([404, 'not-found']);
  });
});
