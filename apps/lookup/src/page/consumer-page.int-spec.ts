import { CatalogueEvents, TraceabilityEvents } from '@ocop/contracts';
import { freePort, waitFor } from '@ocop/testing';
import { randomUUID } from 'node:crypto';
import { Browser } from 'playwright-core';
import { growingArea, productSnapshot, traceEvent } from '../../test/fixtures';
import { launchChromium } from '../../test/chromium';
import { LookupHarness, newLabelKey, SeededItem, startLookup } from '../../test/lookup-harness';

/** The consumer page in a real browser (Debian chromium), in both languages, plus its safety properties. */
describe('consumer page (integration, headless Chromium)', () => {
  let t: LookupHarness;
  let browser: Browser;
  let base: string;
  let item: SeededItem;

  beforeAll(async () => {
    const port = await freePort();
    t = await startLookup('lookup_page', { LOOKUP_BASE_URL: `http://127.0.0.1:${port}` });
    await t.app.listen({ port, host: '127.0.0.1' });
    base = `http://127.0.0.1:${port}`;
    const key = newLabelKey();
    await t.publishKey(key);
    await t.waitForRows(`SELECT count(*)::int AS n FROM rm_label_keys`, [], 1);
    item = await t.seedItem({ units: 2, key });
    const [ga] = item.batch.growingAreas;
    await t.publish(TraceabilityEvents.growingAreaIssued, {
      growingArea: growingArea(item.producer.producerId, ga.growingAreaId, ga.code),
      actorId: randomUUID(),
    });
    const harvested = traceEvent(item.batch.batchId);
    const shipped = traceEvent(item.batch.batchId, {
      bizStep: 'shipping',
      eventTime: '2026-05-05T02:00:00Z',
    });
    const wrong = traceEvent(item.batch.batchId, { bizStep: 'receiving', eventTime: '2026-05-06T02:00:00Z' });
    const declaration = {
      ...wrong,
      traceEventId: randomUUID(),
      errorDeclaration: true,
      eventTime: '2026-05-07T00:00:00Z',
    };
    await t.publish(TraceabilityEvents.traceEventsCaptured, {
      source: 'capture',
      events: [harvested, shipped, wrong, declaration],
      part: 1,
      parts: 1,
    });
    await t.waitForRows(`SELECT count(*)::int AS n FROM rm_trace_events`, [], 4);
    await t.waitForRows(`SELECT count(*)::int AS n FROM rm_growing_areas`, [], 1);
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('shows the verdict, product, producer, places, stars, batch, origin and timeline in Vietnamese', async () => {
    const page = await browser.newPage({ locale: 'vi-VN' });
    const response = await page.goto(`${base}${item.unitPaths[0]}`);
    expect(page.url()).toContain('/p/01/');
    expect(response?.status()).toBe(200);
    expect(await page.getAttribute('html', 'lang')).toBe('vi');
    const text = await page.innerText('body');
    expect(text).toContain('Chính hãng');
    expect(text).toContain('Sầu riêng Ri6 đông lạnh');
    expect(text).toContain('Công ty TNHH XNK Trái cây Chánh Thu');
    expect(text).toMatch(/Quới Sơn|Qưới Sơn/);
    expect(text).toContain('Châu Thành');
    expect(text).toContain('4 sao');
    expect(text).toMatch(/OCOP-BT-\d+/);
    expect(text).toContain(item.batch.lot);
    expect(text).toContain('03/05/2027'); // expiry, dd/mm/yyyy
    expect(text).toContain('VN-83-831-28807-01-26');
    expect(text).toContain('Thu hoạch');
    expect(text).toContain('Đăng ký lô hàng, cấp mã truy xuất');
    expect(text).toContain('Xuất hàng');
    expect(text).toContain('đã được đính chính');
    expect(text).toContain('Shopee');
    expect(text).toContain('Báo cáo vấn đề');
    expect(text).not.toContain('secret-owner@example.com');
    expect(await page.getAttribute('img', 'alt')).toBe('Múi sầu riêng');
    expect(await page.locator('main').count()).toBe(1);
    expect(await page.locator('h1').innerText()).toContain('Chính hãng');
    expect(await page.locator('#product').innerText()).toBe('Sầu riêng Ri6 đông lạnh');
    // The language switch keeps the signature (the page must verify the same label in English).
    await page.click('a.lang');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    const english = await page.innerText('body');
    expect(english).toContain('Genuine');
    expect(english).toContain('Frozen Ri6 durian');
    expect(english).toContain('4 stars');
    expect(english).toContain('Product journey');
    expect(english).toContain('declared erroneous');
    expect(english).toContain('2027-05-03');
    await page.close();
  });

  it('answers English to Accept-Language: en, and stays small', async () => {
    const res = await t.request('GET', `/p${item.unitPaths[1]}`, {
      headers: { 'accept-language': 'en-GB,en;q=0.9' },
    });
    expect(res.body).toContain('<html lang="en"');
    expect(Buffer.byteLength(res.body)).toBeLessThan(12_000);
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
  });

  it('escapes every interpolated string (XSS in product names and links)', async () => {
    const xss = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">';
    const product = productSnapshot(item.producer.producerId, {
      nameVi: xss,
      nameEn: `"><svg onload=alert(1)>`,
      images: [{ url: 'javascript:alert(1)', caption: xss }],
      salesLinks: [
        { channel: xss, url: 'javascript:alert(1)' },
        { channel: 'ok', url: 'https://shop.vn/"onmouseover="x' },
      ],
    });
    await t.publish(CatalogueEvents.productActivated, { product, actorId: randomUUID() });
    await t.waitForRows(
      `SELECT count(*)::int AS n FROM rm_product_gtins WHERE product_id = $1`,
      [product.productId],
      1,
    );
    const res = await t.request('GET', `/p/01/${product.gtins[0]}`);
    expect(res.body).not.toContain('<script>window');
    expect(res.body).not.toContain('<img src=x');
    expect(res.body).not.toContain('javascript:');
    expect(res.body).toContain('&lt;script&gt;');
    const page = await browser.newPage({ locale: 'vi-VN' });
    await page.goto(`${base}/p/01/${product.gtins[0]}?lang=en`);
    await page.goto(`${base}/p/01/${product.gtins[0]}`);
    expect(
      await page.evaluate(() => (globalThis as unknown as { __pwned?: number }).__pwned),
    ).toBeUndefined();
    expect(await page.locator('#product').innerText()).toBe(xss);
    await page.close();
  });

  it('takes a problem report from the page’s form, validated and rate-limited', async () => {
    const page = await browser.newPage({ locale: 'vi-VN' });
    await page.goto(`${base}/p${item.unitPaths[0]}`);
    await page.selectOption('#category', 'counterfeit');
    await page.fill('#message', 'Tem bị bong, nghi hàng giả');
    await page.click('button[type=submit]');
    await waitFor(async () => expect(await page.innerText('body')).toContain('Cảm ơn bạn'));
    // The reloaded page lands on its thank-you, not at the top.
    expect(page.url()).toMatch(/[?&]reported=1.*#reported$/);
    const thanks = await page.locator('#reported').boundingBox();
    const viewport = page.viewportSize() as { height: number };
    expect(thanks && thanks.y >= 0 && thanks.y + thanks.height <= viewport.height).toBe(true);
    await page.close();
    const [row] = await t.dataSource.query(`SELECT category, message, serial FROM problem_reports`);
    expect(row).toMatchObject({
      category: 'counterfeit',
      message: 'Tem bị bong, nghi hàng giả',
      serial: item.serials[0],
    });
    const invalid = await t.request('POST', '/reports', {
      body: { code: `${base}${item.unitPaths[0]}`, category: 'spam', message: 'x' },
      headers: { 'content-type': 'application/json' },
    });
    expect(invalid.status).toBe(400);
    expect(invalid.headers['content-type']).toMatch(/problem\+json/);
    let last = 0;
    for (let i = 0; i < 12 && last !== 429; i++) {
      last = (
        await t.request('POST', '/reports', {
          body: JSON.stringify({ code: `${base}${item.unitPaths[0]}`, category: 'other', message: 'again' }),
          headers: { 'content-type': 'application/json' },
        })
      ).status;
    }
    expect(last).toBe(429);
  });
});
