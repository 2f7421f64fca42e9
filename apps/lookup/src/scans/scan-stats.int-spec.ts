import { randomUUID } from 'node:crypto';
import { LookupHarness, SeededItem, startLookup } from '../../test/lookup-harness';

describe('scan statistics (integration)', () => {
  let t: LookupHarness;
  let mine: SeededItem;
  let theirs: SeededItem;

  beforeAll(async () => {
    t = await startLookup('lookup_stats');
    mine = await t.seedItem({ units: 1 });
    theirs = await t.seedItem({ units: 1, certificate: false });
    for (const path of [mine.unitPaths[0], mine.unitPaths[0], theirs.unitPaths[0]]) {
      expect((await t.request('GET', path)).status).toBe(307);
    }
    await t.flushScans();
  });

  afterAll(async () => {
    await t?.close();
  });

  it('counts scans per product, day and district for the producer who owns them', async () => {
    const token = await t.token({ roles: ['producer'], producerId: mine.producer.producerId });
    const res = await t.request('GET', '/stats/scans', { token });
    expect(res.status).toBe(200);
    expect(res.body.rows).toEqual([
      {
        productId: mine.product.productId,
        day: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
        districtCode: '831',
        scans: 2,
      },
    ]);
  });

  it('never shows a producer another producer’s figures', async () => {
    const token = await t.token({ roles: ['producer'], producerId: mine.producer.producerId });
    const res = await t.request('GET', `/stats/scans?producerId=${theirs.producer.producerId}`, { token });
    expect(res.status).toBe(404);
    const byProduct = await t.request('GET', `/stats/scans?productId=${theirs.product.productId}`, { token });
    expect(byProduct.body.rows).toEqual([]);
  });

  it('shows officers their territory and admins everything; others get 403', async () => {
    const district = await t.token({
      roles: ['officer'],
      scope: { provinceCode: '83', districtCode: '831' },
    });
    expect((await t.request('GET', '/stats/scans', { token: district })).body.total).toBe(3);
    const other = await t.token({ roles: ['officer'], scope: { provinceCode: '83', districtCode: '836' } });
    expect((await t.request('GET', '/stats/scans', { token: other })).body.total).toBe(0);
    const admin = await t.token({ roles: ['admin'] });
    expect((await t.request('GET', '/stats/scans', { token: admin })).body.total).toBe(3);
    const retailer = await t.token({ roles: ['retailer'], accountId: randomUUID() });
    expect((await t.request('GET', '/stats/scans', { token: retailer })).status).toBe(403);
  });
});

describe('scan counting when a write fails (integration)', () => {
  let t: LookupHarness;

  beforeAll(async () => {
    t = await startLookup('lookup_stats_retry');
  });

  afterAll(async () => {
    await t?.close();
  });

  it('keeps the counts of a failed flush and writes them once with the next', async () => {
    const item = await t.seedItem({ units: 1 });
    const json = { accept: 'application/json' };
    const scan = (ip: string) => t.request('GET', item.unitPaths[0], { headers: json, remoteAddress: ip });
    await scan('10.9.0.1');
    await scan('10.9.0.1');
    await scan('10.9.0.2');
    // The flush's transaction fails half-way: the daily count is written, then the unit's scan log is missing.
    await t.dataSource.query(`ALTER TABLE unit_scans RENAME TO unit_scans_away`);
    try {
      await t.flushScans();
    } finally {
      await t.dataSource.query(`ALTER TABLE unit_scans_away RENAME TO unit_scans`);
    }
    const [{ n: written }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM scan_daily`);
    expect(written).toBe(0); // rolled back with the rest
    await scan('10.9.0.1'); // counted meanwhile
    await t.flushScans();
    const [daily] = await t.dataSource.query(`SELECT sum(scans)::int AS n FROM scan_daily`);
    expect(daily.n).toBe(4);
    const perClient = await t.dataSource.query(
      `SELECT client_hash, sum(scans)::int AS n FROM unit_scans GROUP BY client_hash ORDER BY n`,
    );
    expect(perClient.map((r: { n: number }) => r.n)).toEqual([1, 3]);
    const [state] = await t.dataSource.query(`SELECT scans FROM unit_scan_state`);
    expect(state.scans).toBe(4);
    expect((await scan('10.9.0.3')).body.scans).toMatchObject({ scans: 4 });
  });
});
