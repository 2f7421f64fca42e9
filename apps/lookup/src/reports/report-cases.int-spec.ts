import { CatalogueEvents, LookupEvents, natsSubjectFor, ReportFiledV1, streamNameFor } from '@ocop/contracts';
import { waitFor } from '@ocop/testing';
import { AckPolicy, DeliverPolicy } from 'nats';
import { randomUUID } from 'node:crypto';
import { producerSnapshot, randomGtin } from '../../test/fixtures';
import { Json, LookupHarness, SeededItem, startLookup } from '../../test/lookup-harness';

const jsonBody = { 'content-type': 'application/json' };
const BEN_TRE = '83';

/** A consumer report becomes a case: the event for notifications, then officers' triage within their territory. */
describe('consumer reports as cases (integration)', () => {
  let t: LookupHarness;
  /** Châu Thành (district 831, commune Quới Sơn 28807) and Mỏ Cày Bắc (district 835, commune 28792). */
  let chauThanh: SeededItem;
  let moCay: SeededItem;
  let province: string;
  let chauThanhOfficer: string;
  let quoiSonOfficer: string;
  let moCayOfficer: string;
  let otherProvince: string;
  let vinhLongOfficer: string;
  let giaoLongOfficer: string;
  let admin: string;

  beforeAll(async () => {
    t = await startLookup('lookup_reports', { REPORT_LIMIT_PER_HOUR: '1000' });
    chauThanh = await t.seedItem({ units: 2 });
    const moCayProducer = producerSnapshot({
      name: 'HTX Kẹo dừa Mỏ Cày',
      address: {
        unitMap: 'bt-2022',
        communeCode: '28792',
        places: {
          'bt-2022': { provinceCode: BEN_TRE, districtCode: '835', communeCode: '28792' },
          'vl-2025-07': { provinceCode: '86', communeCode: '28777' },
        },
      },
    });
    await t.publish(CatalogueEvents.producerVerified, { producer: moCayProducer, actorId: randomUUID() });
    moCay = await t.seedItem({
      units: 1,
      producer: moCayProducer,
      product: { nameVi: 'Kẹo dừa Mỏ Cày', nameEn: 'Mo Cay coconut candy' },
    });
    province = await t.token({ roles: ['officer'], scope: { provinceCode: BEN_TRE } });
    chauThanhOfficer = await t.token({
      roles: ['officer'],
      scope: { provinceCode: BEN_TRE, districtCode: '831' },
    });
    quoiSonOfficer = await t.token({
      roles: ['officer'],
      scope: { provinceCode: BEN_TRE, communeCode: '28807' },
    });
    moCayOfficer = await t.token({
      roles: ['officer'],
      scope: { provinceCode: BEN_TRE, districtCode: '835' },
    });
    // Officers whose territory is written in the map of July 2025 (Vĩnh Long, 86): the same producers, judged by
    // their place under that map (Quới Sơn 28807 is now part of Giao Long, 28807; Mỏ Cày's 28792 of An Hội, 28777).
    vinhLongOfficer = await t.token({ roles: ['officer'], scope: { provinceCode: '86' } });
    giaoLongOfficer = await t.token({
      roles: ['officer'],
      scope: { provinceCode: '86', communeCode: '28807' },
    });
    // A province neither map covers.
    otherProvince = await t.token({ roles: ['officer'], scope: { provinceCode: '87' } });
    admin = await t.token({ roles: ['admin'] });
  });

  afterAll(async () => {
    await t?.close();
  });

  const file = async (code: string, body: Record<string, string> = {}): Promise<string> => {
    const res = await t.request('POST', '/reports', {
      body: JSON.stringify({
        code: `https://id.ocop.test${code}`,
        category: 'quality',
        message: 'Bị mốc',
        ...body,
      }),
      headers: jsonBody,
    });
    expect(res.status).toBe(201);
    return res.body.reportId;
  };

  const get = (url: string, token?: string) => t.request('GET', url, { token });
  const move = (id: string, token: string, body: { status: string; note?: string }) =>
    t.request('POST', `/reports/${id}/transitions`, { token, body: JSON.stringify(body), headers: jsonBody });
  const ids = (page: Json) => page.items.map((r: Json) => r.reportId);

  /** Every report.filed event on lookup's stream, once the outbox has relayed what it holds. */
  async function filedEvents(): Promise<{ subject: string; data: ReportFiledV1 }[]> {
    await t.waitForRows(`SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL`, [], 0);
    const nc = await t.natsConnection();
    const jsm = await nc.jetstreamManager();
    const stream = streamNameFor(t.config.EVENT_NAMESPACE, 'lookup');
    const durable = `check-${randomUUID()}`;
    await jsm.consumers.add(stream, {
      durable_name: durable,
      ack_policy: AckPolicy.None,
      deliver_policy: DeliverPolicy.All,
      filter_subject: natsSubjectFor(t.config.EVENT_NAMESPACE, LookupEvents.reportFiled),
    });
    const consumer = await nc.jetstream().consumers.get(stream, durable);
    const info = await consumer.info();
    const events: { subject: string; data: ReportFiledV1 }[] = [];
    const pending = info.num_pending;
    while (events.length < pending) {
      for await (const m of await consumer.fetch({ max_messages: pending, expires: 2000 }))
        events.push(m.json());
    }
    await jsm.consumers.delete(stream, durable);
    return events;
  }

  it('makes cases of the reports stored before reports were cases: product, producer and place from the read model', async () => {
    // Back to the schema before migration 1765230000000 (and whatever ran after it), a report stored as lookup
    // stored them then, and forward.
    const reportCasesApplied = async () =>
      (
        await t.dataSource.query(
          `SELECT count(*)::int AS n FROM schema_migrations WHERE timestamp = 1765230000000`,
        )
      )[0].n > 0;
    while (await reportCasesApplied()) await t.dataSource.undoLastMigration({ transaction: 'each' });
    const [{ id }] = await t.dataSource.query(
      `INSERT INTO problem_reports (gtin, lot, serial, product_id, category, message, contact, client_hash, created_at)
       VALUES ($1, $2, $3, $4, 'quality', 'Báo cáo cũ', '0912 000 111', 'h', '2026-01-05T03:00:00.123456Z')
       RETURNING id`,
      [chauThanh.batch.gtin, chauThanh.batch.lot, chauThanh.serials[0], chauThanh.product.productId],
    );
    await t.dataSource.runMigrations({ transaction: 'each' });

    const res = await get(`/reports/${id}`, quoiSonOfficer);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'new',
      message: 'Báo cáo cũ',
      contact: '0912 000 111',
      product: { productId: chauThanh.product.productId, nameVi: chauThanh.product.nameVi },
      producerId: chauThanh.producer.producerId,
      places: {
        'bt-2022': { provinceCode: BEN_TRE, districtCode: '831', communeCode: '28807' },
        'vl-2025-07': { provinceCode: '86', communeCode: '28807' },
      },
      // Cut to the millisecond, as page cursors carry it.
      filedAt: '2026-01-05T03:00:00.123Z',
      history: [],
    });
    expect((await get(`/reports/${id}`, moCayOfficer)).status).toBe(404);
  });

  it('publishes ocop.lookup.report.filed with the report, naming the product, without the contact', async () => {
    const long = `${'Sản phẩm có mùi lạ. '.repeat(60)}`.slice(0, 1000);
    const contact = '0909 123 456';
    const reportId = await file(chauThanh.unitPaths[0], {
      category: 'counterfeit',
      message: long,
      contact,
    });
    const unknownGtin = randomGtin();
    const unknownId = await file(`/01/${unknownGtin}`, {
      category: 'label',
      message: 'Không có tên sản phẩm',
    });

    await waitFor(async () => {
      const events = await filedEvents();
      expect(events.map((e) => e.data.reportId)).toEqual(expect.arrayContaining([reportId, unknownId]));
    });
    const events = await filedEvents();
    const filed = events.find((e) => e.data.reportId === reportId) as {
      subject: string;
      data: ReportFiledV1;
    };
    expect(filed.subject).toBe(reportId);
    expect(filed.data).toEqual({
      reportId,
      category: 'counterfeit',
      messageExcerpt: expect.stringMatching(/^Sản phẩm có mùi lạ\..*…$/),
      hasContact: true,
      gtin: chauThanh.batch.gtin,
      lot: chauThanh.batch.lot,
      serial: chauThanh.serials[0],
      outcome: 'genuine',
      product: {
        productId: chauThanh.product.productId,
        nameVi: chauThanh.product.nameVi,
        nameEn: chauThanh.product.nameEn,
      },
      producerId: chauThanh.producer.producerId,
      places: {
        'bt-2022': { provinceCode: BEN_TRE, districtCode: '831', communeCode: '28807' },
        'vl-2025-07': { provinceCode: '86', communeCode: '28807' },
      },
      filedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
    });
    expect(Array.from(filed.data.messageExcerpt)).toHaveLength(280);
    // The whole number, not a prefix: a random GTIN may well hold "0909".
    const published = JSON.stringify(filed.data);
    expect(published).not.toContain(contact);
    expect(published).not.toContain(contact.replace(/ /g, ''));
    // A code naming no known product is still a case: no product, no producer, no territory (province-wide).
    const unknown = events.find((e) => e.data.reportId === unknownId)?.data;
    expect(unknown).toEqual({
      reportId: unknownId,
      category: 'label',
      messageExcerpt: 'Không có tên sản phẩm',
      hasContact: false,
      gtin: unknownGtin,
      outcome: 'unknown',
      filedAt: expect.any(String),
    });
  });

  it('lists to each officer the reports of their territory, newest first; the contact only to officers', async () => {
    const a = await file(chauThanh.unitPaths[1], { contact: 'an@example.vn' });
    const b = await file(moCay.unitPaths[0], { category: 'counterfeit' });
    const c = await file(`/01/${randomGtin()}`, { category: 'other' });
    const mine = (page: Json) => ids(page).filter((id: string) => [a, b, c].includes(id));

    const all = await get('/reports?limit=100', province);
    expect(all.status).toBe(200);
    expect(mine(all.body)).toEqual([c, b, a]);
    const first = all.body.items.find((r: Json) => r.reportId === a);
    expect(first).toMatchObject({
      status: 'new',
      category: 'quality',
      message: 'Bị mốc',
      contact: 'an@example.vn',
      gtin: chauThanh.batch.gtin,
      serial: chauThanh.serials[1],
      outcome: 'genuine',
      product: { productId: chauThanh.product.productId, nameVi: chauThanh.product.nameVi },
      producerId: chauThanh.producer.producerId,
      places: {
        'bt-2022': { provinceCode: BEN_TRE, districtCode: '831', communeCode: '28807' },
        'vl-2025-07': { provinceCode: '86', communeCode: '28807' },
      },
      statusChangedAt: null,
    });
    expect(mine((await get('/reports?limit=100', chauThanhOfficer)).body)).toEqual([a]);
    expect(mine((await get('/reports?limit=100', quoiSonOfficer)).body)).toEqual([a]);
    expect(mine((await get('/reports?limit=100', moCayOfficer)).body)).toEqual([b]);
    expect(mine((await get('/reports?limit=100', vinhLongOfficer)).body)).toEqual([c, b, a]);
    expect(mine((await get('/reports?limit=100', giaoLongOfficer)).body)).toEqual([a]);
    expect((await get(`/reports/${a}`, giaoLongOfficer)).status).toBe(200);
    expect((await get(`/reports/${b}`, giaoLongOfficer)).status).toBe(404);
    // The unknown code's report has no place: province-wide officers of any province take it.
    expect(mine((await get('/reports?limit=100', otherProvince)).body)).toEqual([c]);
    expect((await get(`/reports/${c}`, otherProvince)).status).toBe(200);
    expect((await get(`/reports/${c}`, quoiSonOfficer)).status).toBe(404);

    const byAdmin = await get('/reports?limit=100', admin);
    expect(mine(byAdmin.body)).toEqual([c, b, a]);
    expect(byAdmin.body.items.every((r: Json) => !('contact' in r))).toBe(true);

    const producer = await t.token({ roles: ['producer'], producerId: chauThanh.producer.producerId });
    const own = await get('/reports?limit=100', producer);
    expect(own.body.items.every((r: Json) => r.producerId === chauThanh.producer.producerId)).toBe(true);
    expect(mine(own.body)).toEqual([a]);
    expect(own.body.items.every((r: Json) => !('contact' in r))).toBe(true);

    expect((await get('/reports')).status).toBe(401);
    expect((await get('/reports', await t.token({ roles: ['retailer'] }))).status).toBe(403);
  });

  it('filters by status, category, product and Viet Nam days, and pages without repeats', async () => {
    // 00:30 and 23:59 on 10/03/2026 in Viet Nam, then 00:00 on 11/03.
    const at = ['2026-03-09T17:30:00.000Z', '2026-03-10T16:59:00.000Z', '2026-03-10T17:00:00.000Z'];
    const dated: string[] = [];
    for (const instant of at) {
      t.clock.set(new Date(instant));
      dated.push(await file(moCay.unitPaths[0], { category: 'label' }));
    }
    t.clock.reset();
    const day = await get('/reports?from=2026-03-10&to=2026-03-10', moCayOfficer);
    expect(ids(day.body)).toEqual([dated[1], dated[0]]);
    // The test clock moves by an offset: the instant is the one set, give or take the time the request took.
    expect(day.body.items[1].filedAt).toMatch(/^2026-03-09T17:30:0/);
    expect(ids((await get('/reports?from=2026-03-11&to=2026-03-11', moCayOfficer)).body)).toEqual([dated[2]]);
    expect(ids((await get('/reports?to=2026-03-09T17:31:00.000Z', moCayOfficer)).body)).toEqual([dated[0]]);
    const labels = await get(`/reports?category=label&productId=${moCay.product.productId}`, moCayOfficer);
    expect(ids(labels.body)).toEqual([...dated].reverse());
    expect((await get(`/reports?productId=${chauThanh.product.productId}`, moCayOfficer)).body.items).toEqual(
      [],
    );
    expect((await get('/reports?status=closed', moCayOfficer)).body.items).toEqual([]);

    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await get(`/reports?limit=2${cursor ? `&cursor=${cursor}` : ''}`, moCayOfficer);
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...ids(page.body));
      cursor = page.body.nextCursor;
    } while (cursor);
    const whole = ids((await get('/reports?limit=100', moCayOfficer)).body);
    expect(seen).toEqual(whole);
    expect(new Set(seen).size).toBe(seen.length);

    // The officer's desk reads the same list from the report that has waited longest, page by page.
    const waiting: string[] = [];
    cursor = undefined;
    do {
      const page = await get(
        `/reports?sort=waiting&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        moCayOfficer,
      );
      expect(page.status).toBe(200);
      waiting.push(...ids(page.body));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(waiting).toEqual([...whole].reverse());
    expect(waiting.slice(0, 3)).toEqual(dated);
    const newestCursor = (await get('/reports?limit=1', moCayOfficer)).body.nextCursor;
    expect((await get(`/reports?sort=waiting&cursor=${newestCursor}`, moCayOfficer)).body.code).toBe(
      'invalid-cursor',
    );

    for (const bad of [
      'status=open',
      'category=spam',
      'productId=x',
      'from=2026-02-30',
      'from=2026-W10-1',
      'to=2026-069',
      'to=2026-03-10T08:00',
      'limit=500',
      'cursor=abc',
      'sort=oldest',
    ]) {
      const res = await get(`/reports?${bad}`, moCayOfficer);
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
    }
    expect((await get('/reports?cursor=abc', moCayOfficer)).body.code).toBe('invalid-cursor');
  });

  it('triages a case: investigating, then closed with a note, with its history; wrong moves are 409', async () => {
    const id = await file(chauThanh.unitPaths[0], { contact: 'chi@example.vn' });

    const investigating = await move(id, chauThanhOfficer, { status: 'investigating' });
    expect(investigating.status).toBe(200);
    expect(investigating.body).toMatchObject({
      reportId: id,
      status: 'investigating',
      contact: 'chi@example.vn',
    });
    expect(investigating.body.history).toEqual([
      { from: 'new', to: 'investigating', at: expect.any(String), note: null, actorId: expect.any(String) },
    ]);
    const again = await move(id, chauThanhOfficer, { status: 'investigating' });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({
      code: 'invalid-report-transition',
      currentStatus: 'investigating',
      requestedStatus: 'investigating',
    });

    // Closing says why.
    for (const body of [{ status: 'closed' }, { status: 'closed', note: '  ' }, { status: 'open' }]) {
      const res = await move(id, chauThanhOfficer, body);
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
    }
    const officerId = randomUUID();
    const closer = await t.token({
      accountId: officerId,
      roles: ['officer'],
      scope: { provinceCode: BEN_TRE, communeCode: '28807' },
    });
    const closed = await move(id, closer, {
      status: 'closed',
      note: ' Đã kiểm tra lô, hàng thật; hướng dẫn bảo quản. ',
    });
    expect(closed.status).toBe(200);
    expect(closed.body.status).toBe('closed');
    expect(closed.body.statusChangedAt).toEqual(closed.body.history[1].at);
    expect(closed.body.history[1]).toEqual({
      from: 'investigating',
      to: 'closed',
      at: expect.any(String),
      note: 'Đã kiểm tra lô, hàng thật; hướng dẫn bảo quản.',
      actorId: officerId,
    });
    const reopen = await move(id, province, { status: 'investigating' });
    expect(reopen.status).toBe(409);
    expect(reopen.body.code).toBe('invalid-report-transition');

    const detail = await get(`/reports/${id}`, province);
    expect(detail.status).toBe(200);
    expect(detail.body.history.map((h: Json) => h.to)).toEqual(['investigating', 'closed']);
    expect(ids((await get('/reports?status=closed&limit=100', chauThanhOfficer)).body)).toContain(id);
    expect(ids((await get('/reports?status=new&limit=100', chauThanhOfficer)).body)).not.toContain(id);

    // The producer reads its case: the moves, not the officers' notes nor who made them, nor the contact.
    const producer = await t.token({ roles: ['producer'], producerId: chauThanh.producer.producerId });
    const seenByProducer = await get(`/reports/${id}`, producer);
    expect(seenByProducer.status).toBe(200);
    expect(seenByProducer.body.history).toEqual([
      { from: 'new', to: 'investigating', at: expect.any(String) },
      { from: 'investigating', to: 'closed', at: expect.any(String) },
    ]);
    expect(JSON.stringify(seenByProducer.body)).not.toMatch(/chi@example|Đã kiểm tra/);
  });

  it('answers 404 outside the territory or for an unknown id, 403 to a producer who tries to triage', async () => {
    const id = await file(chauThanh.unitPaths[1]);
    for (const token of [moCayOfficer, otherProvince]) {
      expect((await get(`/reports/${id}`, token)).status).toBe(404);
      const res = await move(id, token, { status: 'investigating' });
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('not-found');
    }
    expect((await get(`/reports/${randomUUID()}`, province)).status).toBe(404);
    expect((await move(randomUUID(), admin, { status: 'investigating' })).status).toBe(404);
    expect((await get('/reports/not-a-uuid', province)).status).toBe(400);

    const owner = await t.token({ roles: ['producer'], producerId: chauThanh.producer.producerId });
    const triage = await move(id, owner, { status: 'closed', note: 'Không phải lỗi của chúng tôi' });
    expect(triage.status).toBe(403);
    const stranger = await t.token({ roles: ['producer'], producerId: moCay.producer.producerId });
    expect((await get(`/reports/${id}`, stranger)).status).toBe(404);
    expect((await get(`/reports/${id}`)).status).toBe(401);

    // Nothing moved; an admin may triage any case, and does not see the contact.
    const byAdmin = await move(id, admin, { status: 'closed', note: 'Trùng với phản ánh trước' });
    expect(byAdmin.status).toBe(200);
    expect(byAdmin.body.history).toHaveLength(1);
    expect(byAdmin.body.history[0].from).toBe('new');
    expect('contact' in byAdmin.body).toBe(false);
  });
});
