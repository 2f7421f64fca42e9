import { waitFor } from '@ocop/testing';
import { randomUUID } from 'node:crypto';
import { Json, startTraceability, TraceabilityHarness } from '../../test/traceability-harness';
import { UniqueEventIds1733100629000 } from '../migrations/1733100629000-unique-event-ids';
import { TraceEventStore } from './trace-event-store';
import { epcisDocument } from '../../test/fixtures';

const CONTEXT = ['https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld'];

const objectEvent = (epc: string, overrides: Json = {}) => ({
  type: 'ObjectEvent',
  eventID: `urn:uuid:${randomUUID()}`,
  eventTime: '2026-10-20T08:00:00+07:00',
  eventTimeZoneOffset: '+07:00',
  action: 'OBSERVE',
  epcList: [epc],
  bizStep: 'shipping',
  disposition: 'in_transit',
  ...overrides,
});

const declared = (event: Json, reason = 'incorrect_data') => ({
  ...event,
  errorDeclaration: { declarationTime: '2026-11-02T00:00:00Z', reason },
});

describe('eventIDs name one event in the repository (integration)', () => {
  let t: TraceabilityHarness;
  let admin: string;
  let tokenA: string;
  let tokenC: string;
  let unitOfA: string;
  let unitOfC: string;

  beforeAll(async () => {
    t = await startTraceability('trace_event_ids', { RESOLVER_BASE_URL: 'https://id.ocop.test' });
    admin = await t.token({ roles: ['admin'] });
    const unitOf = async (token: string, productId: string) => {
      const batch = (
        await t.request('POST', '/batches', {
          token,
          body: { productId, lot: 'L-1', quantity: 10, unit: 'XBX' },
        })
      ).body;
      await t.request('POST', `/batches/${batch.batchId}/units`, { token, body: { count: 1 } });
      const [unit] = (await t.request('GET', `/batches/${batch.batchId}/units`, { token })).body.items;
      return unit.digitalLink as string;
    };
    const a = await t.seedProducer();
    const c = await t.seedProducer();
    tokenA = await t.token({ roles: ['producer'], producerId: a.producer.producerId });
    tokenC = await t.token({ roles: ['producer'], producerId: c.producer.producerId });
    unitOfA = await unitOf(tokenA, a.product.productId);
    unitOfC = await unitOf(tokenC, c.product.productId);
  });

  afterAll(async () => {
    await t?.close();
  });

  const post = (token: string, event: Json) =>
    t.request('POST', '/events', { token, body: { '@context': CONTEXT, ...event } });

  async function capture(token: string, events: Json[], behaviour = 'rollback') {
    const accepted = await t.request('POST', '/capture', {
      token,
      headers: { 'gs1-capture-error-behaviour': behaviour },
      body: epcisDocument(events, CONTEXT),
    });
    expect(accepted.status).toBe(202);
    return waitFor(
      async () => {
        const status = await t.request('GET', `/capture/${accepted.body.captureID}`, { token });
        expect(status.body.running).toBe(false);
        return status.body;
      },
      { intervalMs: 25 },
    );
  }

  const stored = async (eventID: string) =>
    (await t.dataSource.query(
      `SELECT producer_id, error_declaration FROM trace_events WHERE event_id = $1 ORDER BY seq`,
      [eventID],
    )) as { producer_id: string; error_declaration: boolean }[];

  /** What officers and admins read under the id. */
  const read = async (eventID: string, token = admin) =>
    (await t.request('GET', `/events/${encodeURIComponent(eventID)}`, { token })).body;

  it('refuses another producer’s event under an eventID that is taken, naming it', async () => {
    const original = objectEvent(unitOfA);
    expect((await post(tokenA, original)).status).toBe(201);
    const reuse = objectEvent(unitOfC, { eventID: original.eventID, bizStep: 'receiving' });
    const single = await post(tokenC, reuse);
    expect(single.body).toMatchObject({
      status: 409,
      code: 'event-id-taken',
      eventID: original.eventID,
      errors: [{ field: 'eventID', code: 'event-id-taken' }],
    });
    expect(single.body.detail).toContain(original.eventID);
    const job = await capture(tokenC, [objectEvent(unitOfC), reuse]);
    expect(job).toMatchObject({ success: false });
    expect(job.errors).toEqual([
      expect.objectContaining({
        eventIndex: 1,
        eventID: original.eventID,
        field: 'eventID',
        code: 'event-id-taken',
      }),
    ]);
    expect(await stored(original.eventID)).toHaveLength(1);
    expect(await read(original.eventID)).toMatchObject({ bizStep: 'shipping', epcList: [unitOfA] });
  });

  it('lets only the owner of an event declare it erroneous', async () => {
    const original = objectEvent(unitOfA);
    expect((await post(tokenA, original)).status).toBe(201);
    // Producer C "recalls" A's event under its id, naming C's own unit.
    const hijack = declared(objectEvent(unitOfC, { eventID: original.eventID, disposition: 'recalled' }));
    const single = await post(tokenC, hijack);
    expect(single.body).toMatchObject({
      status: 403,
      code: 'declared-event-not-yours',
      errors: [{ field: 'eventID' }],
    });
    const job = await capture(tokenC, [hijack], 'proceed');
    expect(job.errors).toEqual([
      expect.objectContaining({ eventIndex: 0, code: 'declared-event-not-yours' }),
    ]);
    expect(await stored(original.eventID)).toEqual([
      { producer_id: expect.any(String), error_declaration: false },
    ]);
    const seen = await read(original.eventID);
    expect(seen.errorDeclaration).toBeUndefined();
    expect(seen.disposition).toBe('in_transit');

    // The owner may, and then every reader of the id sees the declaration.
    expect((await post(tokenA, declared(original))).status).toBe(201);
    expect(await read(original.eventID)).toMatchObject({ errorDeclaration: { reason: 'incorrect_data' } });
    expect(await read(original.eventID, tokenA)).toMatchObject({
      errorDeclaration: { reason: 'incorrect_data' },
    });
  });

  it('refuses a producer’s declaration of an event that does not exist', async () => {
    const ghost = declared(objectEvent(unitOfC));
    expect((await post(tokenC, ghost)).body).toMatchObject({ status: 404, code: 'declared-event-unknown' });
    expect(await stored(ghost.eventID)).toEqual([]);
  });

  it('stores an identical re-capture once, and refuses a changed event under the same id even from its owner', async () => {
    const original = objectEvent(unitOfA);
    expect((await post(tokenA, original)).body).toMatchObject({ stored: true });
    expect((await post(tokenA, original)).body).toMatchObject({ stored: false, eventID: original.eventID });
    const inDocument = objectEvent(unitOfA);
    expect(await capture(tokenA, [inDocument])).toMatchObject({ success: true, storedCount: 1 });
    const job = await capture(tokenA, [inDocument, inDocument]);
    expect(job).toMatchObject({ success: true, storedCount: 0, duplicateCount: 2 });
    const changed = await post(tokenA, { ...original, bizStep: 'receiving' });
    expect(changed.body).toMatchObject({ status: 409, code: 'event-id-taken' });
    expect(await stored(original.eventID)).toHaveLength(1);
  });

  it('takes the events of one document in order: an original, then its owner’s declaration; not two originals', async () => {
    const original = objectEvent(unitOfA);
    const job = await capture(tokenA, [original, declared(original)]);
    expect(job).toMatchObject({ success: true, storedCount: 2 });
    const twice = objectEvent(unitOfA);
    const refused = await capture(tokenA, [twice, { ...twice, bizStep: 'receiving' }]);
    expect(refused.errors).toEqual([
      expect.objectContaining({ eventIndex: 1, eventID: twice.eventID, code: 'event-id-taken' }),
    ]);
    expect(await stored(twice.eventID)).toEqual([]);
  });

  it('files an admin’s declaration under the event’s owner, who reads it', async () => {
    const original = objectEvent(unitOfA);
    await post(tokenA, original);
    // The admin's copy names no unit of A's: the declaration still belongs with A's event.
    const correction = declared({ ...original, epcList: [] }, 'did_not_occur');
    expect((await post(admin, correction)).status).toBe(201);
    const [first, second] = await stored(original.eventID);
    expect(second).toEqual({ producer_id: first.producer_id, error_declaration: true });
    expect(await read(original.eventID, tokenA)).toMatchObject({
      errorDeclaration: { reason: 'did_not_occur' },
    });
  });

  it('refuses the second of two captures that raced for one eventID, by the index', async () => {
    const store = t.get(TraceEventStore);
    const event = objectEvent(unitOfA);
    const prepare = () =>
      t.dataSource.transaction(async (m) => (await store.prepare(m, [event], null)).prepared);
    const first = await prepare();
    const second = await prepare();
    // Both were checked before either was stored; then each is stored in its own transaction.
    await t.dataSource.transaction((m) => store.store(m, first, null, 'capture', null));
    const racing = t.dataSource.transaction((m) =>
      store.store(
        m,
        [{ ...second[0], id: randomUUID(), contentHash: 'another-version' }],
        null,
        'capture',
        null,
      ),
    );
    await expect(racing).rejects.toMatchObject({ code: 'event-id-taken', status: 409 });
    await expect(racing).rejects.toMatchObject({ extensions: { eventID: event.eventID } });
  });
});

describe('making eventIDs unique over events already stored (migration, integration)', () => {
  let t: TraceabilityHarness;

  beforeAll(async () => {
    t = await startTraceability('trace_event_ids_migration');
  });

  afterAll(async () => {
    await t?.close();
  });

  it('moves the events that reused an earlier event’s id to trace_events_disputed, and keeps the owner’s', async () => {
    const migration = new UniqueEventIds1733100629000();
    const runner = t.dataSource.createQueryRunner();
    try {
      await migration.down(runner);
      const [a, c] = [randomUUID(), randomUUID()];
      const id = `urn:uuid:${randomUUID()}`;
      const other = `urn:uuid:${randomUUID()}`;
      // In capture order: A's event, C's different event under A's id, C's "recall" of it, A's own declaration,
      // and an unrelated event of C's.
      const rows: [string, string, boolean, string][] = [
        [id, a, false, 'in_transit'],
        [id, c, false, 'active'],
        [id, c, true, 'recalled'],
        [id, a, true, 'in_transit'],
        [other, c, false, 'active'],
      ];
      for (const [eventId, producer, declaration, disposition] of rows) {
        await runner.query(
          `INSERT INTO trace_events (id, event_id, event_type, event_time, event_time_zone_offset, record_time,
                                     disposition, epcs, any_epcs, batch_ids, producer_id, source, error_declaration,
                                     content_hash, document)
           VALUES ($1, $2, 'ObjectEvent', now(), '+07:00', now(), $3, '{}', '{}', '{}', $4, 'capture', $5, $6, $7)`,
          [
            randomUUID(),
            eventId,
            disposition,
            producer,
            declaration,
            randomUUID(),
            JSON.stringify({ eventID: eventId, disposition }),
          ],
        );
      }
      await migration.up(runner);

      const kept = await runner.query(
        `SELECT event_id, producer_id, error_declaration FROM trace_events WHERE event_id IN ($1, $2) ORDER BY seq`,
        [id, other],
      );
      expect(kept).toEqual([
        { event_id: id, producer_id: a, error_declaration: false },
        { event_id: id, producer_id: a, error_declaration: true },
        { event_id: other, producer_id: c, error_declaration: false },
      ]);
      const disputed = await runner.query(
        `SELECT producer_id, error_declaration, disposition, reason FROM trace_events_disputed ORDER BY seq`,
      );
      expect(disputed).toEqual([
        { producer_id: c, error_declaration: false, disposition: 'active', reason: 'event-id-taken' },
        {
          producer_id: c,
          error_declaration: true,
          disposition: 'recalled',
          reason: 'declared-event-not-yours',
        },
      ]);
      // Still immutable, and now one event per id.
      await expect(runner.query(`DELETE FROM trace_events WHERE event_id = $1`, [other])).rejects.toThrow(
        /immutable/,
      );
      await expect(
        runner.query(
          `INSERT INTO trace_events (id, event_id, event_type, event_time, event_time_zone_offset, record_time,
                                     epcs, any_epcs, batch_ids, source, error_declaration, content_hash, document)
           VALUES ($1, $2, 'ObjectEvent', now(), '+07:00', now(), '{}', '{}', '{}', 'capture', false, 'x', '{}')`,
          [randomUUID(), other],
        ),
      ).rejects.toThrow(/trace_events_event_id_original/);
    } finally {
      await runner.release();
    }
  });
});
