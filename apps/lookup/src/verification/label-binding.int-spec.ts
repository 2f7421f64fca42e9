import { CatalogueEvents, TraceabilityEvents } from '@ocop/contracts';
import { waitFor } from '@ocop/testing';
import { randomUUID } from 'node:crypto';
import { producerSnapshot, productSnapshot } from '../../test/fixtures';
import { LookupHarness, newLabelKey, startLookup, TestLabelKey } from '../../test/lookup-harness';

const json = { accept: 'application/json' };
const later = (ms = 1000) => new Date(Date.now() + ms).toISOString();

/**
 * Issue 13 against the resolver (decision 0023): a label answers for the product and producer its batch was made
 * under, a suspended producer's labels are not "genuine", nor are units of a batch never released — also when the
 * answer was already kept by the hot path (decision 0022) before the news arrived.
 */
describe('what a label is bound to (integration)', () => {
  let t: LookupHarness;
  let key: TestLabelKey;

  beforeAll(async () => {
    t = await startLookup('lookup_binding');
    key = newLabelKey();
    await t.publishKey(key);
    await t.waitForRows(`SELECT count(*)::int AS n FROM rm_label_keys`, [], 1);
  });

  afterAll(async () => {
    await t?.close();
  });

  const verify = async (path: string) => (await t.request('GET', path, { headers: json })).body;
  /** Scanned twice, so that the hot path keeps the URL's answer (decision 0022), and the page rendered once. */
  const warm = async (path: string) => {
    await verify(path);
    await verify(path);
    await t.request('GET', `/p${path}`);
  };

  it('a unit answers for its batch’s product and producer, not for whoever lists its GTIN today', async () => {
    const b = await t.seedItem({ units: 1, key });
    const path = b.unitPaths[0];
    await warm(path);
    const gtin = b.batch.gtin as string;

    // B's product drops the GTIN; C, another producer, lists it on its own product.
    await t.publish(CatalogueEvents.productUpdated, {
      product: { ...b.product, gtins: [], updatedAt: later() },
      changed: ['gtins'],
      actorId: randomUUID(),
    });
    const c = producerSnapshot({ name: 'Cơ sở Kẹo dừa Mạo Danh', taxCode: '1300000099' });
    const hijacker = productSnapshot(c.producerId, {
      nameVi: 'Kẹo dừa mạo danh',
      nameEn: 'Impostor candy',
      gtins: [gtin],
      updatedAt: later(2000),
    });
    await t.publish(CatalogueEvents.producerVerified, { producer: c, actorId: randomUUID() });
    await t.publish(CatalogueEvents.productActivated, { product: hijacker, actorId: randomUUID() });
    await t.waitForRows(
      `SELECT count(*)::int AS n FROM rm_product_gtins WHERE gtin = $1 AND product_id = $2`,
      [gtin, hijacker.productId],
      1,
    );
    await t.waitForRows(`SELECT count(*)::int AS n FROM rm_producers WHERE id = $1`, [c.producerId], 1);

    const body = await verify(path);
    expect(body).toMatchObject({
      outcome: 'genuine',
      level: 'unit',
      signature: 'valid',
      product: { productId: b.product.productId, nameVi: b.product.nameVi },
      producer: { name: b.producer.name },
    });
    const page = (await t.request('GET', `/p${path}`)).body as string;
    expect(page).toContain(b.producer.name);
    expect(page).not.toContain('Mạo Danh');
    expect(page).not.toContain('Kẹo dừa mạo danh');
    // So do the batch-level label and the retailer's bulk check.
    expect(await verify(`/01/${gtin}/10/${b.batch.lot}`)).toMatchObject({
      outcome: 'genuine',
      product: { productId: b.product.productId },
    });
    const bulk = await t.request('POST', '/verify', {
      token: await t.token({ roles: ['retailer'] }),
      body: { codes: [`https://id.ocop.test${path}`] },
    });
    expect(bulk.body.results[0]).toMatchObject({ producer: { name: b.producer.name } });
  });

  it('a suspended producer’s labels answer producer-suspended at every level, kept answers included', async () => {
    const item = await t.seedItem({ units: 2, key });
    const [unitPath, otherUnit] = item.unitPaths;
    const batchPath = `/01/${item.batch.gtin}/10/${item.batch.lot}`;
    const productPath = `/01/${item.batch.gtin}`;
    for (const path of [unitPath, batchPath, productPath]) await warm(path);
    expect((await verify(unitPath)).outcome).toBe('genuine');

    await t.publish(CatalogueEvents.producerSuspended, {
      producer: { ...item.producer, status: 'suspended', updatedAt: later() },
      reason: 'Vi phạm ghi nhãn',
      actorId: randomUUID(),
    });
    await waitFor(async () => expect((await verify(unitPath)).outcome).toBe('producer-suspended'));
    const body = await verify(unitPath);
    expect(body).toMatchObject({ level: 'unit', signature: 'valid' });
    expect(body.reason.vi).toContain('tạm ngưng');
    expect(body.reason.en).toContain('suspended');
    expect(await verify(batchPath)).toMatchObject({ outcome: 'producer-suspended', level: 'batch' });
    expect(await verify(productPath)).toMatchObject({ outcome: 'producer-suspended', level: 'product' });
    const page = (await t.request('GET', `/p${unitPath}`)).body as string;
    expect(page).toContain('Chủ thể bị tạm ngưng');
    expect(page).toContain('class="verdict bad" aria-labelledby="verdict" data-state="producer-suspended"');
    expect(page).not.toContain('Chính hãng');
    expect((await t.request('GET', `/p${unitPath}&lang=en`)).body).toContain('Producer suspended');

    // A recall still says the most serious thing first.
    await t.publish(TraceabilityEvents.batchRecalled, {
      batch: { ...item.batch, status: 'recalled', recallReason: 'Nhiễm khuẩn', updatedAt: later(2000) },
      reason: 'Nhiễm khuẩn',
      recalledAt: new Date().toISOString(),
      unitCount: 2,
      actorId: randomUUID(),
    });
    await waitFor(async () => expect((await verify(otherUnit)).outcome).toBe('recalled'));
  });

  it('units of a batch never released answer not-released, until the release arrives', async () => {
    const item = await t.seedItem({ units: 1, key, batch: { status: 'open' } });
    const path = item.unitPaths[0];
    await warm(path);
    const body = await verify(path);
    expect(body).toMatchObject({ outcome: 'not-released', level: 'unit', signature: 'valid' });
    expect(body.reason.en).toContain('not released');
    expect(await verify(`/01/${item.batch.gtin}/10/${item.batch.lot}`)).toMatchObject({
      outcome: 'not-released',
      level: 'batch',
    });
    const page = (await t.request('GET', `/p${path}`)).body as string;
    expect(page).toContain('Lô hàng chưa phát hành');
    expect(page).not.toContain('Chính hãng');

    await t.publish(TraceabilityEvents.batchReleased, {
      batch: { ...item.batch, status: 'released', releasedAt: new Date().toISOString(), updatedAt: later() },
      actorId: randomUUID(),
    });
    await waitFor(async () => expect((await verify(path)).outcome).toBe('genuine'));
    expect((await t.request('GET', `/p${path}`)).body).toContain('Chính hãng');
  });

  it('a discontinued product’s labels stay genuine, saying it is no longer sold', async () => {
    const item = await t.seedItem({ units: 1, key });
    const path = item.unitPaths[0];
    await warm(path);
    await t.publish(CatalogueEvents.productDiscontinued, {
      product: { ...item.product, status: 'discontinued', updatedAt: later() },
      actorId: randomUUID(),
    });
    await waitFor(async () =>
      expect(await verify(path)).toMatchObject({ outcome: 'genuine', product: { status: 'discontinued' } }),
    );
    const body = await verify(path);
    expect(body.reason.vi).toContain('ngừng bán');
    expect(body.reason.en).toContain('discontinued');
  });
});
