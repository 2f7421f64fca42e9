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
