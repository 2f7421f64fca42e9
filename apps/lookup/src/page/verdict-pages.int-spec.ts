import { CatalogueEvents, RatingEvents, TraceabilityEvents } from '@ocop/contracts';
import { freePort, waitFor } from '@ocop/testing';
import { mkdirSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../test/chromium';
import { certificate, growingArea, producerSnapshot, randomGtin, traceEvent } from '../../test/fixtures';
import { LookupHarness, newLabelKey, SeededItem, startLookup, TestLabelKey } from '../../test/lookup-harness';

const SHOTS = '/tmp/shots-page';
const PHOTO_HASH = 'ab'.repeat(16);
const PHONE = { width: 390, height: 844 };
const BROWSER_ACCEPT =
  'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8';
const HOTLINE = {
  phone: '0270 3822 222',
  vi: 'Đường dây nóng an toàn thực phẩm tỉnh',
  en: 'Provincial food-safety hotline',
};

/** The browser globals the checks read inside the page (this spec compiles without the DOM library). */
interface InPage {
  getComputedStyle(el: unknown): { backgroundColor: string };
  document: {
    documentElement: { scrollWidth: number };
    querySelectorAll(selector: string): ArrayLike<{ getBoundingClientRect(): { width: number } }>;
  };
}

/** The verdict colours of the stylesheet (html.ts), as a browser computes them. */
const COLOUR = { ok: 'rgb(23, 105, 47)', warn: 'rgb(245, 177, 0)', bad: 'rgb(179, 38, 30)' };

interface Case {
  state: string;
  tone: keyof typeof COLOUR;
  path: () => string;
  headline: { vi: string; en: string };
  status?: number;
}

/**
 * Each verdict's page as a shopper sees it on a 390-px phone, in Vietnamese and English: the state's words and
 * colour on the first screen, nothing genuine-looking on forged and unknown codes, no sideways scrolling at 320 px,
 * HTML errors for browsers, the journey in words, a light first load. Screenshots go to /tmp/shots-page.
 */
describe('verdict pages (integration, headless Chromium on a phone)', () => {
  let t: LookupHarness;
  let browser: Browser;
  let base: string;
  let key: TestLabelKey;
  let genuine: SeededItem;
  const items: Record<string, SeededItem> = {};

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    const port = await freePort();
    t = await startLookup('lookup_verdicts', {
      LOOKUP_BASE_URL: `http://127.0.0.1:${port}`,
      SUSPICIOUS_MAX_CLIENTS: '2',
      SUSPICIOUS_WINDOW_SECONDS: '3600',
      CONSUMER_HOTLINE_PHONE: HOTLINE.phone,
      CONSUMER_HOTLINE_NAME_VI: HOTLINE.vi,
      CONSUMER_HOTLINE_NAME_EN: HOTLINE.en,
    });
    await t.app.listen({ port, host: '127.0.0.1' });
    base = `http://127.0.0.1:${port}`;
    key = newLabelKey();
    await t.publishKey(key);
    await t.waitForRows(`SELECT count(*)::int AS n FROM rm_label_keys`, [], 1);

    genuine = await t.seedItem({
      units: 3,
      key,
      product: {
        descriptionVi: 'Múi sầu riêng Ri6 cấp đông nhanh, giữ nguyên hương vị.',
        descriptionEn: 'Quick-frozen Ri6 durian segments that keep their flavour.',
        // A photo uploaded to the catalogue (a closed port: the browser gives up at once, the page still loads).
        images: [{ url: `http://127.0.0.1:9/photos/${PHOTO_HASH}.webp`, caption: 'Múi sầu riêng Ri6' }],
        certifications: [
          {
            scheme: 'haccp',
            certificateNumber: 'HACCP-2025-0456',
            issuer: 'Trung tâm Kiểm nghiệm Bến Tre',
            validUntil: '2027-06-30',
          },
        ],
      },
    });
    const producer = genuine.producer;
    const [area] = genuine.batch.growingAreas;
    await t.publish(TraceabilityEvents.growingAreaIssued, {
      growingArea: growingArea(producer.producerId, area.growingAreaId, area.code),
      actorId: randomUUID(),
    });
    // As traceability records them: the packing captured on the packing day, and the platform's commissioning
    // when the batch was registered, days after the harvest (2026-05-01).
    await t.publish(TraceabilityEvents.traceEventsCaptured, {
      source: 'capture',
      events: [
        traceEvent(genuine.batch.batchId, {
          bizStep: 'packing',
          disposition: 'in_progress',
          eventTime: '2026-05-03T02:00:00Z',
        }),
        traceEvent(genuine.batch.batchId, { eventTime: '2026-05-10T03:00:00Z' }),
      ],
      part: 1,
      parts: 1,
    });
    await t.waitForRows(`SELECT count(*)::int AS n FROM rm_trace_events`, [], 2);
    await t.waitForRows(`SELECT count(*)::int AS n FROM rm_growing_areas`, [], 1);

    items['not-released'] = await t.seedItem({ units: 1, key, producer, batch: { status: 'open' } });
    items['recalled'] = await t.seedItem({
      units: 1,
      key,
      producer,
      batch: {
        status: 'recalled',
        recalledAt: new Date().toISOString(),
        recallReason: 'Nhiễm khuẩn Listeria',
      },
    });
    items['expired'] = await t.seedItem({
      units: 1,
      key,
      producer,
      batch: { harvestDate: '2024-11-01', packingDate: '2024-11-03', expiryDate: '2025-11-03' },
    });
    items['certificate-expired'] = await t.seedItem({ units: 1, key, producer, certificate: false });
    const lapsed = items['certificate-expired'].product;
    await t.publish(
      RatingEvents.certificateIssued,
      certificate(lapsed, {
        issuedAt: new Date(Date.now() - 4 * 365 * 86_400_000).toISOString(),
        expiresAt: new Date(Date.now() - 365 * 86_400_000).toISOString(),
      }),
    );
    items['certificate-revoked'] = await t.seedItem({ units: 1, key, producer, certificate: false });
    const revoked = certificate(items['certificate-revoked'].product);
    await t.publish(RatingEvents.certificateIssued, revoked);
    await t.publish(RatingEvents.certificateRevoked, {
      ...revoked,
      revokedAt: new Date().toISOString(),
      reason: 'Không duy trì chất lượng',
    });
    const suspended = producerSnapshot({ status: 'suspended', name: 'Hộ kinh doanh Tạm Ngưng' });
    await t.publish(CatalogueEvents.producerSuspended, {
      producer: suspended,
      reason: 'Vi phạm ghi nhãn',
      actorId: randomUUID(),
    });
    await t.waitForRows(
      `SELECT count(*)::int AS n FROM rm_producers WHERE id = $1`,
      [suspended.producerId],
      1,
    );
    items['producer-suspended'] = await t.seedItem({ units: 1, key, producer: suspended });
    await t.waitForRows(
      `SELECT count(*)::int AS n FROM rm_certificates WHERE product_id = ANY ($1) AND
         (revoked_at IS NOT NULL OR expires_at < now())`,
      [[lapsed.productId, items['certificate-revoked'].product.productId]],
      2,
    );

    // One real label scanned from more networks than SUSPICIOUS_MAX_CLIENTS allows: possibly copied.
    for (let i = 0; i < 3; i++) {
      await t.request('GET', genuine.unitPaths[2], {
        headers: { accept: 'application/json' },
        remoteAddress: `10.7.${i}.1`,
      });
    }
    await t.flushScans();
    await waitFor(async () =>
      expect(
        (await t.request('GET', genuine.unitPaths[2], { headers: { accept: 'application/json' } })).body
          .scans,
      ).toMatchObject({ suspicious: true }),
    );
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  /** The label's signature with its first character changed: a copied serial with a made-up signature. */
  const forgedPath = () =>
    genuine.unitPaths[1].replace(/8030=(.)/, (_m, c: string) => `8030=${c === 'A' ? 'B' : 'A'}`);

  const cases: Case[] = [
    {
      state: 'genuine',
      tone: 'ok',
      path: () => genuine.unitPaths[0],
      headline: { vi: 'Chính hãng', en: 'Genuine' },
    },
    {
      state: 'possibly-copied',
      tone: 'warn',
      path: () => genuine.unitPaths[2],
      headline: { vi: 'Tem có thể bị sao chép', en: 'Label possibly copied' },
    },
    {
      state: 'not-released',
      tone: 'warn',
      path: () => items['not-released'].unitPaths[0],
      headline: { vi: 'Lô hàng chưa phát hành', en: 'Batch not released' },
    },
    {
      state: 'recalled',
      tone: 'bad',
      path: () => items['recalled'].unitPaths[0],
      headline: { vi: 'Lô hàng đã bị thu hồi', en: 'Batch recalled' },
    },
    {
      state: 'expired',
      tone: 'bad',
      path: () => items['expired'].unitPaths[0],
      headline: { vi: 'Hết hạn sử dụng', en: 'Expired' },
    },
    {
      state: 'certificate-expired',
      tone: 'warn',
      path: () => items['certificate-expired'].unitPaths[0],
      headline: { vi: 'Chứng nhận OCOP hết hạn', en: 'OCOP certificate expired' },
    },
    {
      state: 'certificate-revoked',
      tone: 'warn',
      path: () => items['certificate-revoked'].unitPaths[0],
      headline: { vi: 'Chứng nhận OCOP bị thu hồi', en: 'OCOP certificate revoked' },
    },
    {
      state: 'producer-suspended',
      tone: 'bad',
      path: () => items['producer-suspended'].unitPaths[0],
      headline: { vi: 'Chủ thể bị tạm ngưng', en: 'Producer suspended' },
    },
    {
      state: 'forged',
      tone: 'bad',
      path: forgedPath,
      headline: { vi: 'Tem không hợp lệ: nghi hàng giả', en: 'Invalid label: suspected fake' },
    },
    {
      state: 'unknown',
      tone: 'bad',
      path: () => `/01/${genuine.batch.gtin}/10/${genuine.batch.lot}/21/NEVERISSUED7`,
      headline: { vi: 'Mã không có trên hệ thống', en: 'Code not registered' },
    },
    {
      state: 'unknown',
      tone: 'bad',
      path: () => `/01/${randomGtin()}`,
      headline: { vi: 'Mã không có trên hệ thống', en: 'Code not registered' },
      status: 404,
    },
  ];

  const withLang = (path: string, lang: string) => `${path}${path.includes('?') ? '&' : '?'}lang=${lang}`;

  async function open(
    path: string,
    lang: 'vi' | 'en',
    viewport = PHONE,
  ): Promise<{ page: Page; status: number }> {
    const page = await browser.newPage({ viewport, locale: lang === 'vi' ? 'vi-VN' : 'en-GB' });
    const response = await page.goto(`${base}${withLang(`/p${path}`, lang)}`);
    return { page, status: response?.status() ?? 0 };
  }

  describe.each(['vi', 'en'] as const)('in %s', (lang) => {
    it.each(cases.map((c, i) => [`${c.state}${c.status ? ' (unknown GTIN)' : ''}`, i]))(
      '%s: the verdict’s words and colour fill the first screen',
      async (_name, i) => {
        const c = cases[i as number];
        const { page, status } = await open(c.path(), lang);
        expect(status).toBe(c.status ?? 200);
        expect(await page.getAttribute('html', 'lang')).toBe(lang);
        // The first thing in the page's main part is the verdict, in its colour, heading on the first screen.
        const first = page.locator('main > :first-child');
        expect(await first.getAttribute('data-state')).toBe(c.state);
        expect(
          await first.evaluate(
            (el) => (globalThis as unknown as InPage).getComputedStyle(el).backgroundColor,
          ),
        ).toBe(COLOUR[c.tone]);
        const heading = page.locator('#verdict');
        expect(await heading.innerText()).toContain(c.headline[lang]);
        const box = await heading.boundingBox();
        expect(box && box.y < 150 && box.y + box.height < PHONE.height).toBe(true);
        const text = await page.innerText('body');
        if (c.state !== 'genuine') expect(text).not.toContain(lang === 'vi' ? 'Chính hãng' : 'Genuine');
        if (c.tone === 'bad' || c.state === 'possibly-copied') expect(text).toContain(HOTLINE.phone);
        if (c.state === 'forged' || c.state === 'unknown') {
          // Nothing styled as genuine: no star badge, no producer card, no batch, no journey, none of the real
          // batch's lot or serials.
          expect(await page.locator('.stars').count()).toBe(0);
          expect(await page.locator('#producer-card, #batch, #timeline').count()).toBe(0);
          expect(text).not.toContain(genuine.producer.name);
          expect(text).not.toContain(genuine.serials[1]);
          if (c.state === 'forged') expect(text).not.toContain(genuine.batch.lot);
          expect(text).toContain(lang === 'vi' ? 'Mã này tự nhận là' : 'This code claims to be');
          expect(text).toMatch(lang === 'vi' ? /Không ăn, uống/ : /Do not eat/);
        }
        if (c.state === 'genuine') {
          expect(await page.locator('.stars').innerText()).toContain(lang === 'vi' ? '4 sao' : '4 stars');
        }
        await page.screenshot({ path: `${SHOTS}/${c.state}${c.status ? '-gtin' : ''}-${lang}.png` });
        await page.close();
      },
    );
  });

  it('genuine, in full: English texts, province and commune, certifications, the journey in words and order', async () => {
    const { page } = await open(genuine.unitPaths[0], 'vi');
    await page.screenshot({ path: `${SHOTS}/genuine-full-vi.png`, fullPage: true });
    const vi = await page.innerText('body');
    expect(vi).toContain('Tỉnh Vĩnh Long');
    expect(vi).toMatch(/Quới Sơn|Qưới Sơn/);
    expect(vi).toContain('Huyện Châu Thành');
    expect(vi).toContain('Tỉnh Bến Tre');
    expect(vi).toContain('HACCP');
    expect(vi).toContain('HACCP-2025-0456');
    expect(vi).toContain('30/06/2027');
    expect(vi).toContain('VietGAP'); // the growing area's standard
    // The photo: described, its box reserved (no jump when it arrives), loaded lazily, sized for the screen.
    const img = page.locator('img');
    expect(await img.getAttribute('alt')).toBe('Múi sầu riêng Ri6');
    expect([await img.getAttribute('width'), await img.getAttribute('height')]).toEqual(['640', '480']);
    expect(await img.getAttribute('loading')).toBe('lazy');
    expect(await img.getAttribute('srcset')).toContain(`/photos/${PHOTO_HASH}-320.webp 320w`);
    const steps = await page.locator('#timeline li').allInnerTexts();
    expect(steps).toEqual([
      '01/05/2026 — Thu hoạch',
      '03/05/2026 09:00 — Đóng gói',
      '10/05/2026 10:00 — Đăng ký lô hàng, cấp mã truy xuất',
    ]);
    await page.close();

    const english = await open(genuine.unitPaths[0], 'en');
    await english.page.screenshot({ path: `${SHOTS}/genuine-full-en.png`, fullPage: true });
    const en = await english.page.innerText('body');
    expect(await english.page.locator('#product').innerText()).toBe('Frozen Ri6 durian');
    expect(en).toContain('Quick-frozen Ri6 durian segments');
    expect(en).not.toContain('Sầu riêng Ri6 đông lạnh');
    expect(en).not.toContain('Múi sầu riêng Ri6 cấp đông');
    expect(await english.page.locator('#timeline li').allInnerTexts()).toEqual([
      '2026-05-01 — Harvested',
      '2026-05-03 09:00 — Packed',
      '2026-05-10 10:00 — Batch registered, trace codes assigned',
    ]);
    expect(en).not.toMatch(/UTC\)|_|ObjectEvent|in_progress|commissioning/);
    await english.page.close();
  });

  it('wraps on a 320-px screen: no sideways scrolling, no column narrower than a line of words', async () => {
    for (const lang of ['vi', 'en'] as const) {
      for (const path of [genuine.unitPaths[0], forgedPath(), items['recalled'].unitPaths[0]]) {
        const { page } = await open(path, lang, { width: 320, height: 640 });
        const widths = await page.evaluate(() => {
          const { document } = globalThis as unknown as InPage;
          return {
            scroll: document.documentElement.scrollWidth,
            dd: Array.from(document.querySelectorAll('dd')).map((d) => d.getBoundingClientRect().width),
          };
        });
        expect(widths.scroll).toBeLessThanOrEqual(320);
        for (const w of widths.dd) expect(w).toBeGreaterThan(200);
        await page.screenshot({
          path: `${SHOTS}/320-${lang}-${path === forgedPath() ? 'forged' : 'page'}.png`,
          fullPage: true,
        });
        await page.close();
      }
    }
  });

  it('first load under 30 KB, without a script', async () => {
    for (const path of [genuine.unitPaths[0], forgedPath(), `/01/${randomGtin()}`]) {
      const res = await fetch(`${base}/p${path}`, { headers: { accept: BROWSER_ACCEPT } });
      const body = Buffer.from(await res.arrayBuffer());
      expect(body.length).toBeLessThan(30 * 1024);
      expect(body.toString('utf8')).not.toMatch(/<script|<link[^>]+stylesheet|@import|url\(/i);
    }
  });

  it('answers a browser every error as an HTML page and an API client as problem+json', async () => {
    const html = { accept: BROWSER_ACCEPT };
    const json = { accept: 'application/json' };
    const asPage = async (path: string, status: number, words: string) => {
      const res = await fetch(`${base}${path}`, { headers: html });
      expect(res.status).toBe(status);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(await res.text()).toContain(words);
    };
    const asProblem = async (
      path: string,
      status: number,
      code: string,
      headers: Record<string, string> = json,
    ) => {
      const res = await fetch(`${base}${path}`, { headers });
      expect(res.status).toBe(status);
      expect(res.headers.get('content-type')).toMatch(/problem\+json/);
      expect(await res.json()).toMatchObject({ code, status });
    };
    const unknownGtin = randomGtin();
    await asPage(`/01/${unknownGtin}`, 404, 'Mã không có trên hệ thống');
    await asProblem(`/01/${unknownGtin}`, 404, 'not-found');
    await asProblem(`/01/${unknownGtin}`, 404, 'not-found', {}); // curl, fetch: */*
    await asPage(`/p/01/${unknownGtin}?lang=en`, 404, 'Code not registered');
    await asProblem(`/p/01/${unknownGtin}`, 404, 'not-found');
    await asPage('/certificates/OCOP-NOPE-1', 404, 'Không có giấy chứng nhận OCOP số này');
    await asProblem('/certificates/OCOP-NOPE-1', 404, 'not-found');
    await asPage('/', 200, 'Kiểm tra sản phẩm OCOP');
    await asProblem('/', 404, 'not-found');
    await asPage('/no/such/page?lang=en', 404, 'This page does not exist');
    await asProblem('/no/such/page', 404, 'not-found');
    await asPage('/01/08936047000501', 400, 'Mã này không đọc được');
    await asProblem('/01/08936047000501', 400, 'invalid-digital-link');
    await asPage('/p/01/08936047000501', 400, 'Mã này không đọc được');
    await asPage('/p/01/%E0%A4%A', 400, 'Mã này không đọc được');

    // The report form posted with a message too short: the browser gets a page saying what to fix.
    const form = new URLSearchParams({
      code: `${base}${genuine.unitPaths[0]}`,
      category: 'other',
      message: 'x',
    });
    const refused = await fetch(`${base}/reports`, {
      method: 'POST',
      headers: { ...html, 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
    });
    expect(refused.status).toBe(400);
    expect(refused.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await refused.text()).toContain('Báo cáo chưa được gửi');

    // What a shopper's browser shows: a page, not raw JSON.
    const page = await browser.newPage({ viewport: PHONE, locale: 'vi-VN' });
    for (const path of ['/', '/nothing-here', `/01/${unknownGtin}`, '/certificates/OCOP-NOPE-2']) {
      await page.goto(`${base}${path}`);
      expect(await page.locator('h1').count()).toBe(1);
      expect(await page.innerText('body')).not.toMatch(/^\s*\{/);
    }
    await page.screenshot({ path: `${SHOTS}/error-certificate-vi.png` });
    await page.close();
  });

  it('lands on the thank-you after a report, in view', async () => {
    const { page } = await open(items['recalled'].unitPaths[0], 'en');
    await page.selectOption('#category', 'quality');
    await page.fill('#message', 'Bought it today at the market');
    await page.click('button[type=submit]');
    await page.waitForURL(/#reported$/);
    const box = await page.locator('#reported').boundingBox();
    expect(box && box.y >= 0 && box.y + box.height <= PHONE.height).toBe(true);
    expect(await page.locator('#reported').innerText()).toContain('Thank you');
    await page.screenshot({ path: `${SHOTS}/reported-en.png` });
    await page.close();
  });
});
