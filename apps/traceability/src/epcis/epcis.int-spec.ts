import { TraceabilityEvents } from '@ocop/contracts';
import { waitFor } from '@ocop/testing';
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Json, startTraceability, TraceabilityHarness } from '../../test/traceability-harness';
import { epcisSchemaProblems } from './epcis-schema';
import { epcisDocument } from '../../test/fixtures';

const EXAMPLES = join(__dirname, '../../test/epcis-examples');
const CONTEXT = [
  'https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld',
  { example: 'http://ns.example.com/epcis/' },
];
const SGLN_FARM = 'urn:epc:id:sgln:8936047.00001.0';
const SGLN_SHOP = 'urn:epc:id:sgln:8936047.00002.0';

const document = (events: Json[]) => epcisDocument(events, CONTEXT);

let n = 0;
const objectEvent = (epcList: string[], overrides: Json = {}) => ({
  type: 'ObjectEvent',
  eventID: `urn:uuid:${randomUUID()}`,
  eventTime: `2026-10-${String(10 + (n++ % 15)).padStart(2, '0')}T08:00:00+07:00`,
  eventTimeZoneOffset: '+07:00',
  action: 'OBSERVE',
  epcList,
  bizStep: 'shipping',
  disposition: 'in_transit',
  ...overrides,
});

describe('EPCIS 2.0 capture, query and export (integration)', () => {
  let t: TraceabilityHarness;
  let admin: string;
  let tokenA: string;
  let tokenB: string;
  let coconuts: Json;
  let candy: Json;
  let units: Json[];
  let unitOfB: Json;

  beforeAll(async () => {
    t = await startTraceability('trace_epcis', {
      CAPTURE_MAX_EVENTS: '500',
      RESOLVER_BASE_URL: 'https://id.ocop.test',
    });
    admin = await t.token({ roles: ['admin'] });
    const a = await t.seedProducer({}, { nameVi: 'Dừa tươi' });
    const candyProduct = await t.seedProduct(a.producer.producerId, { nameVi: 'Kẹo dừa' });
    const b = await t.seedProducer();
    tokenA = await t.token({ roles: ['producer'], producerId: a.producer.producerId });
    tokenB = await t.token({ roles: ['producer'], producerId: b.producer.producerId });
    const post = async (token: string, body: Json) =>
      (await t.request('POST', '/batches', { token, body })).body;
    coconuts = await post(tokenA, {
      productId: a.product.productId,
      lot: 'DUA-01',
      quantity: 5000,
      unit: 'KGM',
    });
    candy = await post(tokenA, {
      productId: candyProduct.productId,
      lot: 'KEO-01',
      quantity: 2000,
      unit: 'XBX',
      expiryDate: '2027-06-30',
      inputs: [{ batchId: coconuts.batchId, quantity: 800, unit: 'KGM' }],
    });
    await t.request('POST', `/batches/${candy.batchId}/units`, { token: tokenA, body: { count: 5 } });
    units = (await t.request('GET', `/batches/${candy.batchId}/units`, { token: tokenA })).body.items;
    const batchB = await post(tokenB, {
      productId: b.product.productId,
      lot: 'B-01',
      quantity: 1,
      unit: 'XBX',
    });
    await t.request('POST', `/batches/${batchB.batchId}/units`, { token: tokenB, body: { count: 1 } });
    [unitOfB] = (await t.request('GET', `/batches/${batchB.batchId}/units`, { token: tokenB })).body.items;
  });

  afterAll(async () => {
    await t?.close();
  });

  const unitEpc = (u: Json) => `https://id.ocop.test/01/${candy.gtin}/21/${u.serial}`;
  /** The same unit as an EPC URN: company prefix 8936047 (7 digits), indicator and item reference after it. */
  const unitUrn = (u: Json) =>
    `urn:epc:id:sgtin:${candy.gtin.slice(1, 8)}.${candy.gtin[0]}${candy.gtin.slice(8, 13)}.${u.serial}`;

  async function capture(doc: unknown, token = tokenA, headers: Record<string, string> = {}) {
    const res = await t.request('POST', '/capture', {
      token,
      body: JSON.stringify(doc),
      headers: { 'content-type': 'application/ld+json', ...headers },
    });
    if (res.status !== 202) return { accepted: res, job: undefined };
    const job = await waitFor(
      async () => {
        const status = await t.request('GET', `/capture/${res.body.captureID}`, { token });
        expect(status.body.running).toBe(false);
        return status.body;
      },
      { intervalMs: 25 },
    );
    return { accepted: res, job };
  }

  const storedIds = async (ids: string[]) =>
    (await t.dataSource.query(`SELECT event_id FROM trace_events WHERE event_id = ANY($1)`, [ids])).map(
      (r: Json) => r.event_id,
    );

  it('accepts every one of GS1’s 47 example documents (from an admin: they name EPCs of no producer here)', async () => {
    const files = readdirSync(EXAMPLES).sort();
    expect(files).toHaveLength(47);
    // Two examples reuse an eventID of an earlier one for a different event; an eventID names one event.
    const reusing: Record<string, string> = {
      'Example-Type-sourceOrDestination_measurement_bizTransaction.jsonld':
        'ni:///sha-256;5f7c472bc4905de27a19b2efc8e4a9c6dc195139669b80b515f12218ff07cf65?ver=CBV2.0',
      'WithSensorData_SensorDataExample17.jsonld':
        'ni:///sha-256;e1f630b9c84c84020eb9bc73f082324a420f4472dd6c14edb1f1ab98ea279f24?ver=CBV2.0',
    };
    let storedCount = 0;
    for (const file of files) {
      const { accepted, job } = await capture(JSON.parse(readFileSync(join(EXAMPLES, file), 'utf8')), admin);
      expect([file, accepted.status]).toEqual([file, 202]);
      if (reusing[file]) {
        expect([file, job.success, job.errors]).toEqual([
          file,
          false,
          [expect.objectContaining({ eventID: reusing[file], field: 'eventID', code: 'event-id-taken' })],
        ]);
        continue;
      }
      expect([file, job.success, job.errors]).toEqual([file, true, []]);
      expect(job.storedCount + job.duplicateCount).toBe(job.eventCount);
      storedCount += job.storedCount;
    }
    const [{ count }] = await t.dataSource.query(
      `SELECT count(*)::int AS count FROM trace_events WHERE source = 'capture'`,
    );
    expect(count).toBe(storedCount);
    expect(count).toBeGreaterThan(45);
  });

  it('tells a producer which EPCs of an example are not theirs', async () => {
    const { job } = await capture(
      JSON.parse(readFileSync(join(EXAMPLES, 'Example_9.6.1-ObjectEvent.jsonld'), 'utf8')),
    );
    expect(job.success).toBe(false);
    expect(job.errors[0]).toMatchObject({ eventIndex: 0, field: 'epcList[0]', code: 'epc-not-yours' });
  });

  it('advertises its limits and refuses a document over them', async () => {
    const options = await t.request('OPTIONS', '/capture');
    expect(options.status).toBe(204);
    expect(options.headers['gs1-epcis-capture-limit']).toBe('500');
    expect(Number(options.headers['gs1-epcis-capture-file-size-limit'])).toBeGreaterThan(1_000_000);
    const tooMany = document(Array.from({ length: 501 }, () => objectEvent([unitEpc(units[0])])));
    const { accepted } = await capture(tooMany);
    expect(accepted.body).toMatchObject({ status: 413, code: 'capture-limit-exceeded' });
    expect(accepted.headers['gs1-epcis-capture-limit']).toBe('500');
    expect((await capture({ type: 'Nonsense' })).accepted.body.code).toBe('not-an-epcis-document');
  });

  describe('all or nothing', () => {
    it('stores nothing when one event is invalid, and names that event and field', async () => {
      const events = [
        objectEvent([unitEpc(units[0])]),
        objectEvent([unitEpc(units[1])], { bizStep: 42 }),
        objectEvent([unitEpc(units[2])]),
      ];
      const { accepted, job } = await capture(document(events));
      expect(accepted.headers['location']).toBe(`/capture/${accepted.body.captureID}`);
      expect(job).toMatchObject({ success: false, captureErrorBehaviour: 'rollback' });
      expect(job.errors).toEqual([
        expect.objectContaining({ eventIndex: 1, eventID: events[1].eventID, field: 'bizStep' }),
      ]);
      expect(await storedIds(events.map((e) => e.eventID))).toEqual([]);
    });

    it('stores nothing when one event names another producer’s unit', async () => {
      const events = [
        objectEvent([unitEpc(units[0])]),
        objectEvent([unitEpc(units[1]), unitOfB.digitalLink]),
      ];
      const { job } = await capture(document(events));
      expect(job.errors).toEqual([
        expect.objectContaining({ eventIndex: 1, field: 'epcList[1]', code: 'epc-not-yours' }),
      ]);
      expect(await storedIds(events.map((e) => e.eventID))).toEqual([]);
    });

    it('stores the valid events and reports the others with GS1-Capture-Error-Behaviour: proceed', async () => {
      const events = [
        objectEvent([unitEpc(units[0])]),
        objectEvent([unitOfB.digitalLink]),
        objectEvent([unitEpc(units[2])]),
      ];
      const { job } = await capture(document(events), tokenA, { 'gs1-capture-error-behaviour': 'proceed' });
      expect(job).toMatchObject({ success: false, storedCount: 2, captureErrorBehaviour: 'proceed' });
      expect(job.errors.map((e: Json) => e.eventIndex)).toEqual([1]);
      expect((await storedIds(events.map((e) => e.eventID))).sort()).toEqual(
        [events[0].eventID, events[2].eventID].sort(),
      );
    });

    it('stores a retried capture’s events once', async () => {
      const doc = document([objectEvent([unitEpc(units[3])])]);
      await capture(doc);
      const { job } = await capture(doc);
      expect(job).toMatchObject({ success: true, storedCount: 0, duplicateCount: 1 });
    });
  });

  describe('queries', () => {
    const ids: Record<string, string> = {};
    beforeAll(async () => {
      const events = {
        packed: objectEvent([unitEpc(units[0]), unitEpc(units[1])], {
          bizStep: 'packing',
          disposition: 'in_progress',
          eventTime: '2026-09-01T08:00:00+07:00',
          bizLocation: { id: SGLN_FARM },
        }),
        shipped: objectEvent([unitEpc(units[0])], {
          bizStep: 'https://ref.gs1.org/cbv/BizStep-shipping',
          disposition: 'in_transit',
          eventTime: '2026-09-02T08:00:00+07:00',
          bizLocation: { id: SGLN_FARM },
        }),
        received: objectEvent([unitEpc(units[1])], {
          bizStep: 'receiving',
          disposition: 'in_progress',
          eventTime: '2026-09-03T08:00:00+07:00',
          bizLocation: { id: SGLN_SHOP },
        }),
        aggregated: {
          type: 'AggregationEvent',
          eventID: `urn:uuid:${randomUUID()}`,
          eventTime: '2026-09-04T08:00:00+07:00',
          eventTimeZoneOffset: '+07:00',
          parentID: `https://id.ocop.test/01/${candy.gtin}/10/${candy.lot}`,
          childEPCs: [unitEpc(units[2])],
          action: 'ADD',
          bizStep: 'packing',
        },
      };
      const { job } = await capture(document(Object.values(events)));
      expect(job.errors).toEqual([]);
      for (const [name, e] of Object.entries(events)) ids[name] = e.eventID;
    });

    const queried = async (query: string, token = tokenA) => {
      const res = await t.request('GET', `/events?perPage=1000&${query}`, { token });
      expect(res.status).toBe(200);
      return res.body.epcisBody.queryResults.resultsBody.eventList.map((e: Json) => e.eventID) as string[];
    };
    const only = (names: string[]) => names.map((n) => ids[n]).sort();
    const within = (found: string[]) => found.filter((id) => Object.values(ids).includes(id)).sort();

    it('filters by bizStep and disposition in any CBV spelling', async () => {
      expect(within(await queried('EQ_bizStep=packing'))).toEqual(only(['packed', 'aggregated']));
      expect(within(await queried('EQ_bizStep=urn:epcglobal:cbv:bizstep:shipping'))).toEqual(
        only(['shipped']),
      );
      expect(within(await queried('EQ_disposition=urn:epcglobal:cbv:disp:in_progress'))).toEqual(
        only(['packed', 'received']),
      );
      expect(within(await queried('EQ_bizStep=shipping|receiving'))).toEqual(only(['shipped', 'received']));
    });

    it('matches EPCs in URN or Digital Link form, directly or anywhere in the event', async () => {
      expect(within(await queried(`MATCH_epc=${encodeURIComponent(unitUrn(units[0]))}`))).toEqual(
        only(['packed', 'shipped']),
      );
      expect(within(await queried(`MATCH_epc=${encodeURIComponent(unitEpc(units[2]))}`))).toEqual(
        only(['aggregated']),
      );
      const lot = encodeURIComponent(`https://id.ocop.test/01/${candy.gtin}/10/${candy.lot}`);
      expect(within(await queried(`MATCH_epc=${lot}`))).toEqual([]);
      expect(within(await queried(`MATCH_anyEPC=${lot}`))).toEqual(only(['aggregated']));
    });

    it('filters by event time, location and type', async () => {
      expect(
        within(
          await queried('GE_eventTime=2026-09-02T00:00:00%2B07:00&LT_eventTime=2026-09-04T00:00:00%2B07:00'),
        ),
      ).toEqual(only(['shipped', 'received']));
      expect(within(await queried(`EQ_bizLocation=${encodeURIComponent(SGLN_SHOP)}`))).toEqual(
        only(['received']),
      );
      expect(within(await queried('eventType=AggregationEvent'))).toEqual(only(['aggregated']));
      expect((await t.request('GET', '/events?EQ_nonsense=1', { token: tokenA })).status).toBe(400);
    });

    it('pages with perPage and a nextPageToken in the Link header; results validate against the schema', async () => {
      const first = await t.request('GET', '/events?perPage=2', { token: tokenA });
      expect(first.headers['content-type']).toContain('application/ld+json');
      expect(epcisSchemaProblems(first.body)).toEqual([]);
      const next = /<([^>]+)>; rel="next"/.exec(String(first.headers['link']))?.[1] as string;
      const second = await t.request('GET', next, { token: tokenA });
      const page = (r: Json) =>
        r.body.epcisBody.queryResults.resultsBody.eventList.map((e: Json) => e.eventID);
      expect(page(second)).toHaveLength(2);
      expect(page(second)).not.toContain(page(first)[0]);
    });

    it('shows producer B none of producer A’s events, and lets B capture none for A’s units', async () => {
      expect(within(await queried('', tokenB))).toEqual([]);
      expect(
        (await t.request('GET', `/events/${encodeURIComponent(ids['packed'])}`, { token: tokenB })).status,
      ).toBe(404);
      expect(
        (await t.request('GET', `/events/${encodeURIComponent(ids['packed'])}`, { token: tokenA })).body
          .eventID,
      ).toBe(ids['packed']);
      const single = await t.request('POST', '/events', {
        token: tokenB,
        body: { '@context': CONTEXT, ...objectEvent([unitEpc(units[0])]) },
      });
      expect(single.body).toMatchObject({
        status: 403,
        code: 'epc-not-yours',
        errors: [{ field: 'epcList[0]' }],
      });
    });
  });

  describe('single events, corrections, immutability', () => {
    it('captures one event synchronously and corrects it with an error declaration, never an edit', async () => {
      const event = { '@context': CONTEXT, ...objectEvent([unitEpc(units[4])], { bizStep: 'receiving' }) };
      const created = await t.request('POST', '/events', { token: tokenA, body: event });
      expect(created.status).toBe(201);
      expect(created.headers['location']).toBe(`/events/${encodeURIComponent(event.eventID)}`);
      const invalid = await t.request('POST', '/events', {
        token: tokenA,
        body: { ...event, eventTime: 'soon' },
      });
      expect(invalid.body).toMatchObject({
        status: 400,
        code: 'invalid-epcis-event',
        errors: [{ field: 'eventTime' }],
      });

      const declaration = {
        ...event,
        errorDeclaration: { declarationTime: '2026-11-02T00:00:00Z', reason: 'incorrect_data' },
      };
      expect((await t.request('POST', '/events', { token: tokenA, body: declaration })).status).toBe(201);
      const now = await t.request('GET', `/events/${encodeURIComponent(event.eventID)}`, { token: tokenA });
      expect(now.body.errorDeclaration).toMatchObject({ reason: 'incorrect_data' });
      await expect(
        t.dataSource.query(`UPDATE trace_events SET biz_step = 'shipping' WHERE event_id = $1`, [
          event.eventID,
        ]),
      ).rejects.toThrow(/immutable/);
      await expect(
        t.dataSource.query(`DELETE FROM trace_events WHERE event_id = $1`, [event.eventID]),
      ).rejects.toThrow(/immutable/);
    });

    it('announces captured events through the outbox, one message per capture', async () => {
      const events = [objectEvent([unitEpc(units[0])]), objectEvent([unitEpc(units[1])])];
      const { accepted } = await capture(document(events));
      const messages = (await t.outbox(TraceabilityEvents.traceEventsCaptured)).filter(
        (m) => m.data.captureId === accepted.body.captureID,
      );
      expect(messages).toHaveLength(1);
      expect(messages[0].data).toMatchObject({ source: 'capture', part: 1, parts: 1 });
      expect(messages[0].data.events.map((e: Json) => [e.eventID, e.bizStep, e.batchIds])).toEqual(
        events.map((e) => [e.eventID, 'shipping', [candy.batchId]]),
      );
    });
  });

  describe('chain export', () => {
    it('links inputs to outputs one step back and one step forward, and validates against the schema', async () => {
      const chain = await t.request('GET', `/batches/${candy.batchId}/epcis`, { token: tokenA });
      expect(chain.status).toBe(200);
      expect(epcisSchemaProblems(chain.body)).toEqual([]);
      const events: Json[] = chain.body.epcisBody.eventList;
      const transformation = events.find((e) => e.type === 'TransformationEvent');
      expect(transformation).toMatchObject({
        inputQuantityList: [
          { epcClass: `https://id.ocop.test/01/${coconuts.gtin}/10/DUA-01`, quantity: 800, uom: 'KGM' },
        ],
        outputQuantityList: [
          { epcClass: `https://id.ocop.test/01/${candy.gtin}/10/KEO-01`, quantity: 2000, uom: 'XBX' },
        ],
        bizStep: 'commissioning',
        ilmd: { 'cbvmda:lotNumber': 'KEO-01', 'cbvmda:itemExpirationDate': '2027-06-30' },
      });
      expect(events.some((e) => e.bizStep === 'receiving')).toBe(true);
      expect(events.every((e) => typeof e.recordTime === 'string')).toBe(true);

      // One step back from the candy reaches the coconuts' commissioning; one step forward from the coconuts
      // reaches the candy's transformation.
      const coconutCommissioning = events.find(
        (e) => e.type === 'ObjectEvent' && e.quantityList?.[0]?.epcClass?.endsWith('/10/DUA-01'),
      );
      expect(coconutCommissioning).toMatchObject({ action: 'ADD', bizStep: 'commissioning' });
      const forward = await t.request('GET', `/batches/${coconuts.batchId}/epcis`, { token: tokenA });
      expect(epcisSchemaProblems(forward.body)).toEqual([]);
      expect(forward.body.epcisBody.eventList.map((e: Json) => e.eventID)).toContain(transformation.eventID);
      expect((await t.request('GET', `/batches/${candy.batchId}/epcis`, { token: tokenB })).status).toBe(404);
    });

    it('exports a recall with its disposition, still valid EPCIS', async () => {
      await t.request('POST', `/batches/${coconuts.batchId}/recall`, {
        token: tokenA,
        body: { reason: 'Nhiễm mặn' },
      });
      const chain = await t.request('GET', `/batches/${coconuts.batchId}/epcis`, { token: tokenA });
      expect(epcisSchemaProblems(chain.body)).toEqual([]);
      expect(chain.body.epcisBody.eventList.at(-1)).toMatchObject({
        disposition: 'recalled',
        'ocop:recallReason': 'Nhiễm mặn',
      });
    });
  });
});
