import { CatalogueEvents, TraceabilityEvents } from '@ocop/contracts';
import { productCodeOf } from '@ocop/ocop-domain';
import { waitFor } from '@ocop/testing';
import { randomUUID } from 'node:crypto';
import { randomGtin } from '../../test/fixtures';
import { LookupHarness, newLabelKey, SeededItem, startLookup, TestLabelKey } from '../../test/lookup-harness';

const json = { accept: 'application/json' };
const BASE = 'https://id.ocop.test';

/** Decision 0048: /t/{product code}/{lot}/{serial}?sig=… resolves and verifies as a GS1 label does. */
describe('labels of products without a GTIN (integration)', () => {
  let t: LookupHarness;
  let key: TestLabelKey;
  let item: SeededItem;
  let code: string;

  beforeAll(async () => {
    t = await startLookup('lookup_no_gtin');
    key = newLabelKey();
    await t.publishKey(key);
    await t.waitForRows(`SELECT count(*)::int AS n FROM rm_label_keys`, [], 1);
    item = await t.seedItem({ units: 4, key, product: { gtins: [], nameVi: 'Bánh tráng Mỹ Lồng' } });
    code = productCodeOf(item.product.productId);
  });

  afterAll(async () => {
    await t?.close();
  });

  const verify = async (path: string) => (await t.request('GET', path, { headers: json })).body;

  it('genuine: a signed unit, as JSON, on the status link and on the consumer page', async () => {
    const [path] = item.unitPaths;
    expect(path).toMatch(
      new RegExp(`^/t/${code}/${item.batch.lot}/${item.serials[0]}\\?sig=[A-Za-z0-9_-]{86}$`),
    );
    const body = await verify(path);
    expect(body).toMatchObject({
      code: `${BASE}/t/${code}/${item.batch.lot}/${item.serials[0]}`,
      productCode: code,
      lot: item.batch.lot,
      serial: item.serials[0],
      outcome: 'genuine',
      level: 'unit',
      signature: 'valid',
      product: { productId: item.product.productId, nameVi: 'Bánh tráng Mỹ Lồng' },
    });
    expect(body.gtin).toBeUndefined();
    expect(await verify(`/status${path}`)).toMatchObject({ outcome: 'genuine', signature: 'valid' });
    // A browser is sent to the page of the same identifier, which says it is genuine.
    const browser = await t.request('GET', path, { headers: { accept: 'text/html' } });
    expect(browser.status).toBe(307);
    expect(String(browser.headers['location'])).toBe(`${BASE}/p${path}`);
    // The EPCIS link names the unit as traceability records it: its /t/ URI, unsigned.
    const epcis = await t.request('GET', `${path}&linkType=gs1:epcis`);
    expect(epcis.status).toBe(307);
    expect(new URL(String(epcis.headers['location'])).searchParams.get('MATCH_epc')).toBe(
      `${BASE}/t/${code}/${item.batch.lot}/${item.serials[0]}`,
    );
    const page = await t.request('GET', `/p${path}`);
    expect([page.status, String(page.headers['content-type'])]).toEqual([200, 'text/html; charset=utf-8']);
    expect(String(page.body)).toContain('Bánh tráng Mỹ Lồng');
    expect(String(page.body)).toContain('Chính hãng');
  });

  it('forged: an altered signature, none, another unit’s, or another key’s', async () => {
    const [, path] = item.unitPaths;
    const tampered = path.replace(/sig=(.)/, (_m, c: string) => `sig=${c === 'A' ? 'B' : 'A'}`);
    expect(await verify(tampered)).toMatchObject({ outcome: 'forged', signature: 'invalid' });
    // The page says what the code claims: the product code, not a GTIN.
    const forgedPage = String((await t.request('GET', `/p${tampered}`)).body);
    expect(forgedPage).toContain(`<dt>Mã sản phẩm</dt><dd class="code">${code}</dd>`);
    expect(forgedPage).not.toContain('<dt>GTIN</dt>');
    expect(await verify(path.replace(/\?sig=.*$/, ''))).toMatchObject({
      outcome: 'forged',
      signature: 'missing',
    });
    const otherUnitsSignature = item.unitPaths[2].split('?')[1];
    expect(await verify(`${path.split('?')[0]}?${otherUnitsSignature}`)).toMatchObject({
      outcome: 'forged',
      signature: 'invalid',
    });
    const stranger = newLabelKey();
    expect(await verify(t.unitPath(item.batch, item.serials[1], stranger))).toMatchObject({
      outcome: 'forged',
      signature: 'invalid',
    });
  });

  it('unknown: a serial or a lot never issued, a product code nobody has; a malformed code is a 400', async () => {
    expect(await verify(`/t/${code}/${item.batch.lot}/NOTISSUED12`)).toMatchObject({
      outcome: 'unknown',
      level: 'unit',
    });
    expect(await verify(`/t/${code}/NOLOT`)).toMatchObject({
      outcome: 'unknown',
      level: 'batch',
      product: { nameVi: 'Bánh tráng Mỹ Lồng' },
    });
    const nobody = await t.request('GET', `/t/${productCodeOf(randomUUID())}/L1/ABC`, { headers: json });
    expect(nobody.body).toMatchObject({ status: 404, code: 'not-found' });
    const unknownCode = productCodeOf(randomUUID());
    const browser = await t.request('GET', `/p/t/${unknownCode}/L1/ABC`);
    expect(browser.status).toBe(404);
    expect(String(browser.body)).toContain(unknownCode);
    expect(String(browser.headers['content-type'])).toMatch(/^text\/html/);
    const malformed = await t.request('GET', `/t/${code.toLowerCase()}/L1`, { headers: json });
    expect(malformed.body).toMatchObject({
      status: 400,
      code: 'invalid-digital-link',
      reason: 'product-code',
    });
    // A GTIN batch's lot is not reachable under a product code, nor the other way round.
    const gs1 = await t.seedItem({ units: 1, producer: item.producer });
    expect(await verify(`/t/${code}/${gs1.batch.lot}`)).toMatchObject({ outcome: 'unknown' });
    expect(await verify(`/01/${gs1.batch.gtin}/10/${item.batch.lot}`)).toMatchObject({ outcome: 'unknown' });
  });

  it('not released, recalled and a suspended producer: the same verdicts as a GS1 label', async () => {
    const open = await t.seedItem({
      units: 1,
      key,
      producer: item.producer,
      product: { gtins: [] },
      batch: { status: 'open' },
    });
    expect(await verify(open.unitPaths[0])).toMatchObject({ outcome: 'not-released', signature: 'valid' });

    await t.publish(TraceabilityEvents.batchRecalled, {
      batch: {
        ...open.batch,
        status: 'recalled',
        recallReason: 'Nấm mốc',
        updatedAt: new Date().toISOString(),
      },
      reason: 'Nấm mốc',
      recalledAt: new Date().toISOString(),
      unitCount: 1,
      actorId: randomUUID(),
    });
    await waitFor(async () =>
      expect(await verify(open.unitPaths[0])).toMatchObject({
        outcome: 'recalled',
        batch: { recallReason: 'Nấm mốc' },
      }),
    );

    const other = await t.seedItem({ units: 1, key, product: { gtins: [] } });
    await t.publish(CatalogueEvents.producerSuspended, {
      producer: { ...other.producer, status: 'suspended', updatedAt: new Date().toISOString() },
      actorId: randomUUID(),
    });
    await waitFor(async () =>
      expect(await verify(other.unitPaths[0])).toMatchObject({ outcome: 'producer-suspended' }),
    );
  });

  it('keeps resolving a /t/ label to the same unit after the product gets a GTIN', async () => {
    const gtin = randomGtin();
    const updated = { ...item.product, gtins: [gtin], updatedAt: new Date().toISOString() };
    await t.publish(CatalogueEvents.productUpdated, { product: updated, actorId: randomUUID() });
    await t.waitForRows(`SELECT count(*)::int AS n FROM rm_product_gtins WHERE gtin = $1`, [gtin], 1);
    expect(await verify(item.unitPaths[3])).toMatchObject({
      outcome: 'genuine',
      signature: 'valid',
      serial: item.serials[3],
      product: { productId: item.product.productId },
    });
    expect(await verify(`/01/${gtin}`)).toMatchObject({
      outcome: 'genuine',
      level: 'product',
      product: { productId: item.product.productId },
    });
  });

  it('bulk verification and problem reports take /t/ URIs as scanned', async () => {
    const token = await t.token({ roles: ['retailer'] });
    const uri = `${BASE}${item.unitPaths[0]}`;
    const res = await t.request('POST', '/verify', {
      token,
      body: { codes: [uri, `]Q1${uri}`, `${BASE}/t/${code}/NOLOT`, `${BASE}/t/SHORT/L1`] },
    });
    expect(res.status).toBe(200);
    expect(
      res.body.results.map((r: Record<string, unknown>) => [r['format'], r['outcome'], r['productCode']]),
    ).toEqual([
      ['product-code-link', 'genuine', code],
      ['product-code-link', 'genuine', code],
      ['product-code-link', 'unknown', code],
      [undefined, 'invalid', undefined],
    ]);
    const report = await t.request('POST', '/reports', {
      body: { code: uri, category: 'label', message: 'Tem bị bong' },
    });
    expect(report.status).toBe(201);
    const [row] = await t.dataSource.query(
      `SELECT gtin, lot, serial, product_id FROM problem_reports WHERE id = $1`,
      [report.body.reportId],
    );
    expect(row).toEqual({
      gtin: code,
      lot: item.batch.lot,
      serial: item.serials[0],
      product_id: item.product.productId,
    });
  });
});
