import { waitFor } from '@ocop/testing';
import { randomUUID } from 'node:crypto';
import { Json, startTraceability, TraceabilityHarness } from '../../../test/traceability-harness';
import { EpcRolesAndQueryIndexes1765220000000 } from '../../migrations/1765220000000-epc-roles-and-query-indexes';
import { epcisSchemaProblems } from '../epcis-schema';
import { epcisDocument } from '../../../test/fixtures';

const CONTEXT = [
  'https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld',
  { example: 'http://ns.example.com/epcis/' },
];
const SSCC = 'urn:epc:id:sscc:8936047.0000000001';
const READ_POINT = ['urn:epc:id:sgln:8936047.00001.0', 'urn:epc:id:sgln:8936047.00002.0'];
const BIZ_LOCATION = ['urn:epc:id:sgln:8936047.00011.0', 'urn:epc:id:sgln:8936047.00012.0'];
const BUYER = 'urn:epc:id:pgln:8936047.00099';

const document = (events: Json[]) => epcisDocument(events, CONTEXT);

/**
 * The EPCIS query interface (EPCIS 2.0 §8.2, REST binding): every parameter it answers is shown changing the answer,
 * so that a filter ignored fails its test; paging and eventCountLimit; and the public view the resolver's gs1:epcis
 * link leads to, without a login (decision 0044).
 */
describe('EPCIS query parameters, paging and the public view (integration)', () => {
  let t: TraceabilityHarness;
  let admin: string;
  let tokenA: string;
  let tokenC: string;
  let producerA: string;
  let lotA: Json;
  let lotB: Json;
  let lotC: Json;
  let units: Json[];
  /** Our events by name: their eventIDs. */
  const ids: Record<string, string> = {};
  let boundary: string;

  const classOf = (batch: Json) => `https://id.ocop.test/01/${batch.gtin}/10/${batch.lot}`;
  const unitOf = (u: Json) => `https://id.ocop.test/01/${lotA.gtin}/21/${u.serial}`;

  async function capture(doc: unknown, token = admin) {
    const res = await t.request('POST', '/capture', {
      token,
      body: JSON.stringify(doc),
      headers: { 'content-type': 'application/ld+json' },
    });
    expect(res.status).toBe(202);
    const job = await waitFor(
      async () => {
        const status = await t.request('GET', `/capture/${res.body.captureID}`, { token });
        expect(status.body.running).toBe(false);
        return status.body;
      },
      { intervalMs: 25 },
    );
    expect(job.errors).toEqual([]);
  }

  const event = (name: string, type: string, eventTime: string, fields: Json) => {
    ids[name] = `urn:uuid:${randomUUID()}`;
    return { type, eventID: ids[name], eventTime, eventTimeZoneOffset: '+07:00', ...fields };
  };

  beforeAll(async () => {
    t = await startTraceability('trace_epcis_query', { RESOLVER_BASE_URL: 'https://id.ocop.test' });
    admin = await t.token({ roles: ['admin'] });
    const a = await t.seedProducer();
    const c = await t.seedProducer();
    producerA = a.producer.producerId;
    tokenA = await t.token({ roles: ['producer'], producerId: producerA });
    tokenC = await t.token({ roles: ['producer'], producerId: c.producer.producerId });
    const batch = async (token: string, productId: string, lot: string) =>
      (await t.request('POST', '/batches', { token, body: { productId, lot, quantity: 100, unit: 'KGM' } }))
        .body;
    lotA = await batch(tokenA, a.product.productId, 'LOT-A');
    lotB = await batch(tokenA, a.product.productId, 'LOT-B');
    lotC = await batch(tokenC, c.product.productId, 'LOT-C');
    await t.request('POST', `/batches/${lotA.batchId}/units`, { token: tokenA, body: { count: 3 } });
    units = (await t.request('GET', `/batches/${lotA.batchId}/units`, { token: tokenA })).body.items;
    // A and C put their lots on the market; A's LOT-B is still being made.
    expect(
      (await t.request('POST', `/batches/${lotA.batchId}/release`, { token: tokenA, body: {} })).status,
    ).toBe(200);
    expect(
      (await t.request('POST', `/batches/${lotC.batchId}/release`, { token: tokenC, body: {} })).status,
    ).toBe(200);

    const [u0, u1, u2] = units.map(unitOf);
    // Captured by an admin, so that an SSCC may be a parent; each event still belongs to A, whose EPCs it names.
    // Event times are not in capture order, so that ordering by capture order cannot pass for orderBy=eventTime.
    await capture(
      document([
        event('transformedOut', 'TransformationEvent', '2026-09-05T08:00:00+07:00', {
          inputQuantityList: [{ epcClass: classOf(lotA), quantity: 5, uom: 'KGM' }],
          outputEPCList: [u2],
          bizStep: 'commissioning',
        }),
        event('shipped', 'ObjectEvent', '2026-09-01T08:00:00+07:00', {
          action: 'OBSERVE',
          epcList: [u0, u1],
          bizStep: 'shipping',
          disposition: 'in_transit',
          readPoint: { id: READ_POINT[0] },
          bizLocation: { id: BIZ_LOCATION[0] },
        }),
        event('aggregated', 'AggregationEvent', '2026-09-03T08:00:00+07:00', {
          action: 'ADD',
          parentID: SSCC,
          childEPCs: [u2],
          childQuantityList: [{ epcClass: classOf(lotA), quantity: 1, uom: 'KGM' }],
          bizStep: 'packing',
        }),
        event('transformedIn', 'TransformationEvent', '2026-09-04T08:00:00+07:00', {
          inputEPCList: [u0],
          outputQuantityList: [{ epcClass: classOf(lotB), quantity: 2, uom: 'KGM' }],
          bizStep: 'commissioning',
        }),
        event('received', 'ObjectEvent', '2026-09-02T08:00:00+07:00', {
          action: 'ADD',
          quantityList: [{ epcClass: classOf(lotA), quantity: 10, uom: 'KGM' }],
          bizStep: 'receiving',
          disposition: 'in_progress',
          readPoint: { id: READ_POINT[1] },
          bizLocation: { id: BIZ_LOCATION[1] },
          bizTransactionList: [{ type: 'po', bizTransaction: 'urn:epcglobal:cbv:bt:8936047000007:PO-7' }],
          sourceList: [{ type: 'owning_party', source: 'urn:epc:id:pgln:8936047.00001' }],
          destinationList: [{ type: 'owning_party', destination: BUYER }],
          'example:buyerPhone': '0912345678',
        }),
      ]),
    );
    // The second capture is recorded later: GE_/LT_recordTime tell the two apart.
    await capture(
      document([
        event('later', 'ObjectEvent', '2026-08-01T08:00:00+07:00', {
          action: 'OBSERVE',
          epcList: [u1],
          bizStep: 'inspecting',
        }),
      ]),
    );
    [{ boundary }] = await t.dataSource.query(
      `SELECT to_char(record_time AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS boundary
         FROM trace_events WHERE event_id = $1`,
      [ids['later']],
    );
    await capture(
      document([
        event('ofC', 'ObjectEvent', '2026-09-01T09:00:00+07:00', {
          action: 'OBSERVE',
          quantityList: [{ epcClass: classOf(lotC), quantity: 1, uom: 'KGM' }],
          bizStep: 'shipping',
          destinationList: [{ type: 'owning_party', destination: BUYER }],
        }),
      ]),
      tokenC,
    );
  });

  afterAll(async () => {
    await t?.close();
  });

  const list = (res: Json): Json[] => res.body.epcisBody.queryResults.resultsBody.eventList;
  const names = (found: Json[]) =>
    found.map((e) => Object.keys(ids).find((name) => ids[name] === e.eventID)).filter(Boolean) as string[];
  /** As producer A by default; `null`: without a login. */
  const get = (query: string, token: string | null = tokenA) =>
    t.request('GET', `/events?${query}`, token ? { token } : {});
  /** Our events that a query (as producer A, all on one page) answers, by name, in the order given. */
  const answer = async (query: string, token: string | null = tokenA) => {
    const res = await get(['perPage=1000', query].filter(Boolean).join('&'), token);
    expect([res.status, res.body.code]).toEqual([200, undefined]);
    return names(list(res));
  };
  const sorted = async (query: string, token: string | null = tokenA) => (await answer(query, token)).sort();
  const param = (name: string, value: string) => `${name}=${encodeURIComponent(value)}`;

  describe('each query parameter changes the answer', () => {
    it('MATCH_epc: units in epcList or childEPCs only', async () => {
      expect(await sorted(param('MATCH_epc', unitOf(units[0])))).toEqual(['shipped']);
      expect(await sorted(param('MATCH_epc', unitOf(units[2])))).toEqual(['aggregated']);
    });

    it('MATCH_parentID', async () => {
      expect(await sorted(param('MATCH_parentID', SSCC))).toEqual(['aggregated']);
      expect(await sorted(param('MATCH_parentID', unitOf(units[2])))).toEqual([]);
    });

    it('MATCH_inputEPC and MATCH_outputEPC', async () => {
      expect(await sorted(param('MATCH_inputEPC', unitOf(units[0])))).toEqual(['transformedIn']);
      expect(await sorted(param('MATCH_outputEPC', unitOf(units[2])))).toEqual(['transformedOut']);
    });

    it('MATCH_anyEPC: a unit wherever it is named, in URN form too', async () => {
      expect(await sorted(param('MATCH_anyEPC', unitOf(units[0])))).toEqual(['shipped', 'transformedIn']);
      expect(await sorted(param('MATCH_anyEPC', `${unitOf(units[2])}|${SSCC}`))).toEqual([
        'aggregated',
        'transformedOut',
      ]);
      const gtin = lotA.gtin as string;
      const urn = `urn:epc:id:sgtin:${gtin.slice(1, 8)}.${gtin[0]}${gtin.slice(8, 13)}.${units[0].serial}`;
      expect(await sorted(param('MATCH_anyEPC', urn))).toEqual(['shipped', 'transformedIn']);
    });

    it('MATCH_epcClass: a lot in quantityList or childQuantityList', async () => {
      expect(await sorted(param('MATCH_epcClass', classOf(lotA)))).toEqual(['aggregated', 'received']);
    });

    it('MATCH_inputEPCClass and MATCH_outputEPCClass', async () => {
      expect(await sorted(param('MATCH_inputEPCClass', classOf(lotA)))).toEqual(['transformedOut']);
      expect(await sorted(param('MATCH_outputEPCClass', classOf(lotB)))).toEqual(['transformedIn']);
    });

    it('MATCH_anyEPCClass: a lot in any quantity list, as the resolver’s lot link asks', async () => {
      expect(await sorted(param('MATCH_anyEPCClass', classOf(lotA)))).toEqual([
        'aggregated',
        'received',
        'transformedOut',
      ]);
      // The platform's own commissioning of the lot is in it too.
      const all = list(await get(`perPage=1000&${param('MATCH_anyEPCClass', classOf(lotA))}`));
      expect(all.filter((e) => e.bizStep === 'commissioning' && e.type === 'ObjectEvent')).toHaveLength(1);
    });

    it('a GTIN pattern matches every unit of the product', async () => {
      const gtin = lotA.gtin as string;
      const pattern = `urn:epc:idpat:sgtin:${gtin.slice(1, 8)}.${gtin[0]}${gtin.slice(8, 13)}.*`;
      expect(await sorted(param('MATCH_epc', pattern))).toEqual(['aggregated', 'later', 'shipped']);
    });

    it('EQ_readPoint and EQ_bizLocation', async () => {
      expect(await sorted(param('EQ_readPoint', READ_POINT[0]))).toEqual(['shipped']);
      expect(await sorted(param('EQ_readPoint', READ_POINT[1]))).toEqual(['received']);
      expect(await sorted(param('EQ_bizLocation', BIZ_LOCATION[1]))).toEqual(['received']);
      expect(await sorted(param('EQ_bizLocation', `${BIZ_LOCATION[0]}|${BIZ_LOCATION[1]}`))).toEqual([
        'received',
        'shipped',
      ]);
    });

    it('EQ_bizStep and EQ_disposition, in any CBV spelling', async () => {
      expect(await sorted('EQ_bizStep=packing')).toEqual(['aggregated']);
      expect(await sorted(param('EQ_bizStep', 'urn:epcglobal:cbv:bizstep:shipping'))).toEqual(['shipped']);
      expect(await sorted(param('EQ_disposition', 'https://ref.gs1.org/cbv/Disp-in_progress'))).toEqual([
        'received',
      ]);
    });

    it('EQ_eventID', async () => {
      expect(await sorted(param('EQ_eventID', `${ids['shipped']}|${ids['received']}`))).toEqual([
        'received',
        'shipped',
      ]);
    });

    it('eventType and EQ_action', async () => {
      expect(await sorted('eventType=AggregationEvent')).toEqual(['aggregated']);
      expect(await sorted('eventType=TransformationEvent')).toEqual(['transformedIn', 'transformedOut']);
      expect(await sorted('EQ_action=ADD')).toEqual(['aggregated', 'received']);
    });

    it('GE_eventTime and LT_eventTime', async () => {
      expect(
        await sorted(
          `${param('GE_eventTime', '2026-09-02T08:00:00+07:00')}&LT_eventTime=2026-09-04T01:00:00Z`,
        ),
      ).toEqual(['aggregated', 'received']);
      // A '+' sent unencoded arrives as a space and still means +07:00.
      expect(await sorted('LT_eventTime=2026-09-01T08:00:01+07:00')).toEqual(['later', 'shipped']);
    });

    it('GE_recordTime and LT_recordTime', async () => {
      expect(await sorted(`GE_recordTime=${boundary}&${param('MATCH_anyEPC', unitOf(units[1]))}`)).toEqual([
        'later',
      ]);
      expect(await sorted(`LT_recordTime=${boundary}&${param('MATCH_anyEPC', unitOf(units[1]))}`)).toEqual([
        'shipped',
      ]);
    });

    it('orderBy eventTime or recordTime, orderDirection ASC or DESC', async () => {
      const byTime = ['later', 'shipped', 'received', 'aggregated', 'transformedIn', 'transformedOut'];
      expect(await answer('orderBy=eventTime&orderDirection=ASC')).toEqual(byTime);
      expect(await answer('orderBy=eventTime&orderDirection=DESC')).toEqual([...byTime].reverse());
      // DESC is EPCIS's default direction.
      expect(await answer('orderBy=eventTime')).toEqual([...byTime].reverse());
      // Capture order without orderBy; recordTime follows capture.
      const captured = ['transformedOut', 'shipped', 'aggregated', 'transformedIn', 'received', 'later'];
      expect(await answer('')).toEqual(captured);
      expect((await answer('orderBy=recordTime&orderDirection=DESC'))[0]).toBe('later');
      expect((await answer('orderBy=recordTime&orderDirection=ASC')).at(-1)).toBe('later');
    });

    it('eventCountLimit: the first N events in order, across pages too', async () => {
      expect(await answer('orderBy=eventTime&orderDirection=ASC&eventCountLimit=2')).toEqual([
        'later',
        'shipped',
      ]);
      const seen: string[] = [];
      let next: string | undefined =
        '/events?orderBy=eventTime&orderDirection=ASC&eventCountLimit=3&perPage=2';
      let pages = 0;
      while (next) {
        const res: Json = await t.request('GET', next, { token: tokenA });
        expect(res.status).toBe(200);
        seen.push(...names(list(res)));
        next = /<([^>]+)>; rel="next"/.exec(String(res.headers['link'] ?? ''))?.[1];
        pages++;
      }
      expect([pages, seen]).toEqual([2, ['later', 'shipped', 'received']]);
    });
  });

  describe('paging', () => {
    /** Every page of a query through the Link headers. */
    async function pages(first: string, token: string | null = tokenA) {
      const all: Json[] = [];
      let next: string | undefined = first;
      let count = 0;
      while (next) {
        const res: Json = await t.request('GET', next, token ? { token } : {});
        expect([res.status, res.body.code]).toEqual([200, undefined]);
        expect(epcisSchemaProblems(res.body)).toEqual([]);
        all.push(...list(res));
        next = /<([^>]+)>; rel="next"/.exec(String(res.headers['link'] ?? ''))?.[1];
        count++;
      }
      return { all, count };
    }

    it('perPage pages through every event once, in capture order or by eventTime', async () => {
      const { all, count } = await pages('/events?perPage=2');
      expect(count).toBe(Math.ceil(all.length / 2));
      expect(new Set(all.map((e) => e.eventID)).size).toBe(all.length);
      expect(names(all)).toEqual([
        'transformedOut',
        'shipped',
        'aggregated',
        'transformedIn',
        'received',
        'later',
      ]);
      const desc = await pages(
        '/events?perPage=1&orderBy=eventTime&orderDirection=DESC&EQ_bizStep=shipping|receiving|packing|inspecting',
      );
      expect(names(desc.all)).toEqual(['aggregated', 'received', 'shipped', 'later']);
      expect(desc.count).toBe(4);
    });

    it('refuses a page token altered, cut, or used with another query: 400 naming nextPageToken', async () => {
      const first = await get('perPage=1&orderBy=eventTime');
      const token = new URL(
        `http://x${/<([^>]+)>/.exec(String(first.headers['link']))?.[1]}`,
      ).searchParams.get('nextPageToken') as string;
      expect((await get(`perPage=1&orderBy=eventTime&nextPageToken=${token}`)).status).toBe(200);
      const [body, mac] = token.split('.');
      const decoded = JSON.parse(Buffer.from(body, 'base64url').toString());
      const moved = Buffer.from(JSON.stringify([decoded[0], '1', decoded[2], decoded[3]])).toString(
        'base64url',
      );
      for (const [query, bad] of [
        ['perPage=1&orderBy=eventTime', `${moved}.${mac}`],
        ['perPage=1&orderBy=eventTime', token.slice(0, -3)],
        ['perPage=1&orderBy=eventTime', 'WyJldmVudHMiLCIxIl0'], // the unsigned cursor of old
        ['perPage=1&orderBy=recordTime', token],
        ['perPage=1&orderBy=eventTime&EQ_bizStep=shipping', token],
      ]) {
        const res = await get(`${query}&nextPageToken=${encodeURIComponent(bad)}`);
        expect([res.status, res.body.code, res.body.errors?.[0]?.field]).toEqual([
          400,
          'invalid-cursor',
          'nextPageToken',
        ]);
      }
    });
  });

  describe('parameters the repository does not know, and bad values', () => {
    it('names the parameter in a 400 QueryParameterException', async () => {
      for (const [query, code, parameter] of [
        ['EQ_nonsense=1', 'unknown-query-parameter', 'EQ_nonsense'],
        ['linkType=gs1:epcis', 'unknown-query-parameter', 'linkType'],
        ['GE_eventTime=yesterday', 'invalid-query-parameter', 'GE_eventTime'],
        ['LT_recordTime=2026-13-01T00:00:00Z', 'invalid-query-parameter', 'LT_recordTime'],
        ['orderBy=bizStep', 'invalid-query-parameter', 'orderBy'],
        ['orderDirection=up', 'invalid-query-parameter', 'orderDirection'],
        ['eventCountLimit=0', 'invalid-query-parameter', 'eventCountLimit'],
        ['perPage=1001', 'invalid-query-parameter', 'perPage'],
        ['eventType=Event', 'invalid-query-parameter', 'eventType'],
        ['EQ_action=MOVE', 'invalid-query-parameter', 'EQ_action'],
      ]) {
        for (const token of [tokenA, null]) {
          const res = await get(`${query}&${param('MATCH_epc', unitOf(units[0]))}`, token);
          expect([
            query,
            res.status,
            res.body.code,
            res.body.epcisException,
            res.body.errors?.[0]?.field,
          ]).toEqual([query, 400, code, 'QueryParameterException', parameter]);
        }
      }
    });
  });

  describe('the public view, without a login', () => {
    it('answers the resolver’s lot link with the lot’s events, hiding buyers, orders, other units and ids', async () => {
      // The link as lookup publishes it (resolver/links.ts).
      const res = await t.request('GET', `/events?MATCH_anyEPCClass=${encodeURIComponent(classOf(lotA))}`);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toContain('application/ld+json');
      expect(epcisSchemaProblems(res.body)).toEqual([]);
      const events = list(res);
      expect(names(events).sort()).toEqual(['aggregated', 'received', 'transformedOut']);
      const received = events.find((e) => e.eventID === ids['received']);
      expect(received).toEqual({
        type: 'ObjectEvent',
        eventID: ids['received'],
        eventTime: '2026-09-02T08:00:00+07:00',
        eventTimeZoneOffset: '+07:00',
        recordTime: expect.any(String),
        action: 'ADD',
        quantityList: [{ epcClass: classOf(lotA), quantity: 10, uom: 'KGM' }],
        bizStep: 'receiving',
        disposition: 'in_progress',
        readPoint: { id: READ_POINT[1] },
        bizLocation: { id: BIZ_LOCATION[1] },
      });
      // The other units' serials (what makes a copied label detectable) stay private.
      const productClass = `https://id.ocop.test/01/${lotA.gtin}`;
      expect(events.find((e) => e.eventID === ids['aggregated'])).not.toHaveProperty('childEPCs');
      expect(events.find((e) => e.eventID === ids['aggregated']).childQuantityList).toEqual([
        { epcClass: classOf(lotA), quantity: 1, uom: 'KGM' },
        { epcClass: productClass, quantity: 1 },
      ]);
      expect(events.find((e) => e.eventID === ids['aggregated'])).not.toHaveProperty('parentID');
      expect(events.find((e) => e.eventID === ids['transformedOut'])).not.toHaveProperty('outputEPCList');
      expect(events.find((e) => e.eventID === ids['transformedOut']).outputQuantityList).toEqual([
        { epcClass: productClass, quantity: 1 },
      ]);
      const commissioning = events.find((e) => e.bizStep === 'commissioning' && e.type === 'ObjectEvent');
      expect(commissioning.ilmd).toEqual({ 'cbvmda:lotNumber': 'LOT-A', 'cbvmda:countryOfOrigin': 'VN' });
      const text = JSON.stringify(res.body);
      const rows: { id: string; capture_id: string | null }[] = await t.dataSource.query(
        `SELECT id, capture_id FROM trace_events`,
      );
      for (const secret of [
        producerA,
        lotA.batchId,
        ...units.map((u) => u.serial as string).slice(1),
        ...rows.flatMap((r) => [r.id, r.capture_id]).filter(Boolean),
        BUYER,
        'PO-7',
        '0912345678',
        'example',
      ]) {
        expect([secret, text.includes(secret as string)]).toEqual([secret, false]);
      }
    });

    it('answers the unit link with that unit’s events, showing only its own serial', async () => {
      const res = await t.request('GET', `/events?MATCH_epc=${encodeURIComponent(unitOf(units[0]))}`);
      expect(res.status).toBe(200);
      expect(names(list(res))).toEqual(['shipped']);
      expect(list(res)[0].epcList).toEqual([unitOf(units[0])]);
      expect(JSON.stringify(res.body)).not.toContain(units[1].serial);
      expect(await sorted(param('MATCH_anyEPC', unitOf(units[0])), null)).toEqual([
        'shipped',
        'transformedIn',
      ]);
    });

    it('shows nothing of a lot not yet released, until it is', async () => {
      const query = `MATCH_anyEPCClass=${encodeURIComponent(classOf(lotB))}`;
      const commissioningOfB = (events: Json[]) =>
        events.filter((e) => e.type === 'ObjectEvent' && e.quantityList?.[0]?.epcClass === classOf(lotB));
      // Only A's transformation of a released lot's unit into it, which is that released lot's story.
      const before = await t.request('GET', `/events?${query}`);
      expect(names(list(before))).toEqual(['transformedIn']);
      expect(commissioningOfB(list(before))).toEqual([]);
      // Its producer reads it all.
      expect(commissioningOfB(list(await get(query)))).toHaveLength(1);
      await t.request('POST', `/batches/${lotB.batchId}/release`, { token: tokenA, body: {} });
      expect(commissioningOfB(list(await t.request('GET', `/events?${query}`)))).toHaveLength(1);
    });

    it('gives another producer only the public view of a lot that is not theirs', async () => {
      const query = `MATCH_anyEPCClass=${encodeURIComponent(classOf(lotC))}`;
      const [asA] = list(await get(`${query}&EQ_bizStep=shipping`, tokenA));
      expect(asA.eventID).toBe(ids['ofC']);
      expect(asA).not.toHaveProperty('destinationList');
      const [asC] = list(await get(`${query}&EQ_bizStep=shipping`, tokenC));
      expect(asC.destinationList).toEqual([{ type: 'owning_party', destination: BUYER }]);
      // Without naming a lot or unit, a producer reads only its own events.
      expect(names(list(await get('perPage=1000', tokenA)))).not.toContain('ofC');
    });

    it('asks for a login to query beyond one lot or unit, and never downgrades a bad token to public', async () => {
      for (const query of [
        '',
        'EQ_bizStep=shipping',
        `MATCH_epc=${encodeURIComponent(`urn:epc:idpat:sgtin:8936047.0${lotA.gtin.slice(8, 13)}.*`)}`,
      ]) {
        const res = await t.request('GET', `/events?${query}`);
        expect([query, res.status, res.body.code]).toEqual([query, 401, 'unauthenticated']);
      }
      const forged = await t.request(
        'GET',
        `/events?MATCH_anyEPCClass=${encodeURIComponent(classOf(lotA))}`,
        {
          headers: { authorization: 'Bearer not.a.token' },
        },
      );
      expect(forged.status).toBe(401);
    });
  });

  describe('migration 1765220000000', () => {
    it('fills the EPC roles of events stored before it from their own documents', async () => {
      const refs = async () =>
        (await t.dataSource.query(`SELECT id, epc_refs FROM trace_events ORDER BY seq`)) as {
          id: string;
          epc_refs: string[];
        }[];
      const before = await refs();
      expect(before.length).toBeGreaterThan(8);
      const migration = new EpcRolesAndQueryIndexes1765220000000();
      const runner = t.dataSource.createQueryRunner();
      try {
        await migration.down(runner);
        await migration.up(runner);
      } finally {
        await runner.release();
      }
      expect(await refs()).toEqual(before);
      expect(await sorted(param('MATCH_inputEPC', unitOf(units[0])))).toEqual(['transformedIn']);
    });
  });
});
