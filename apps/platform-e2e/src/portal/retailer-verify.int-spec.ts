import { parse } from 'csv-parse/sync';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Browser } from 'playwright-core';
import { eventually, Json, placeholderGtin, setUpStaff, STAFF_ACCOUNTS, StoryContext } from '../story';
import { bootE2ePlatform, E2ePlatform } from '../support/e2e-platform';
import { contentWidth, DESKTOP, launchChromium, personContext, PHONE } from './browser';
import { checkPage, releasedBatch, signIn } from './seed';

/**
 * A retailer checks a delivery in the portal (issue 18): a CSV of 1,000 codes of mixed verdicts (700 genuine
 * units of a released durian batch, 100 with a unit's serial altered under its signature, 100 GTINs the platform
 * does not know, 100 lines that are no code at all). The page counts the verdicts and the downloaded results file
 * answers every code, in order, as the verification API does. Then a few codes pasted, on a 360-px phone in English.
 */
describe('a retailer checks codes in the portal (browser, end to end)', () => {
  let e2e: E2ePlatform;
  let ctx: StoryContext;
  let portal: string;
  let browser: Browser;
  let dir: string;
  let retailerToken: string;
  let genuine: string[];
  let codes: string[];
  const retailer = () => {
    const account = STAFF_ACCOUNTS.find((a) => a.key === 'retailer');
    if (!account) throw new Error('no retailer among the staff accounts');
    return account;
  };

  beforeAll(async () => {
    e2e = await bootE2ePlatform();
    ctx = e2e.ctx;
    portal = e2e.platform.urls['gateway'];
    dir = await mkdtemp(join(tmpdir(), 'ocop-verify-'));
    const staff = await setUpStaff(ctx);
    retailerToken = staff.retailer.token;
    const { units } = await releasedBatch(ctx, staff, { units: 700 });
    expect(units).toHaveLength(700);
    genuine = units.map((u) => u.digitalLink as string);
    // Lookup learns the units from traceability's events: wait until the last one answers as genuine (700 units'
    // events on a busy two-core machine take a while).
    class NotYet extends Error {}
    await eventually(
      async () => {
        const { results } = await ctx.lookup.post('/verify', {
          token: retailerToken,
          body: { codes: [genuine[genuine.length - 1]] },
          expect: 200,
        });
        if (results[0].outcome !== 'genuine') throw new NotYet(`lookup answers ${results[0].outcome}`);
      },
      { retryOn: (e) => e instanceof NotYet, timeoutMs: 180_000, intervalMs: 500 },
    );
    const altered = units.slice(0, 100).map((u) => {
      const serial = u.serial as string;
      const other = `${serial.slice(0, -1)}${serial.endsWith('K') ? 'M' : 'K'}`;
      return (u.digitalLink as string).replace(`/21/${serial}`, `/21/${other}`);
    });
    const unknownGtins = Array.from({ length: 100 }, (_, i) => placeholderGtin(500 + i));
    const junk = Array.from({ length: 100 }, (_, i) => `không phải mã ${i + 1}`);
    // Interleaved, as a delivery's cartons come: the answer must keep the file's order.
    codes = Array.from({ length: 1000 }, (_, i) => {
      const k = Math.floor(i / 10);
      const slot = i % 10;
      return slot < 7
        ? genuine[k * 7 + slot]
        : slot === 7
          ? altered[k]
          : slot === 8
            ? unknownGtins[k]
            : junk[k];
    });
    browser = await launchChromium();
  }, 900_000);

  afterAll(async () => {
    await browser?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
    const unclean = await e2e?.dispose();
    expect(unclean).toEqual([]);
  }, 180_000);

  it('uploads a CSV of 1,000 codes of mixed verdicts and downloads results that answer every code, in order', async () => {
    const file = join(dir, 'giao-hang-thang-12.csv');
    await writeFile(file, ['code', ...codes.map((c) => `"${c}"`)].join('\r\n'));
    const expected = (
      await ctx.lookup.post('/verify', { token: retailerToken, body: { codes }, expect: 200 })
    ).results as Json[];

    const context = await personContext(browser, { viewport: DESKTOP });
    context.setDefaultTimeout(60_000);
    try {
      const page = await context.newPage();
      await signIn(page, portal, retailer(), 'vi', /\/kiem-tra-ma$/);
      await page.getByRole('heading', { level: 1, name: 'Kiểm tra mã sản phẩm' }).waitFor();
      const [chooser] = await Promise.all([
        page.waitForEvent('filechooser'),
        page.getByRole('button', { name: 'Chọn tệp CSV' }).click(),
      ]);
      await chooser.setFiles(file);
      await page.getByText('Đã chọn: giao-hang-thang-12.csv').waitFor();
      await page.getByRole('button', { name: 'Kiểm tra tệp' }).click();
      const results = page.getByRole('region', { name: 'Kết quả (1000 mã)' });
      // The page counts each verdict as the verification API answers the same codes.
      const count = (outcome: string) => expected.filter((r) => r.outcome === outcome).length;
      expect(count('genuine')).toBe(700);
      expect(count('invalid')).toBe(100);
      await results.getByText(`${count('genuine')} Hàng thật`).waitFor();
      await results.getByText(`${count('invalid')} Mã không đọc được`).waitFor();
      await results.getByText(`${count('unknown')} Không có trong hệ thống`).waitFor();
      await checkPage(page, 'retailer-verify-file-vi');

      await page.getByRole('button', { name: 'Tạo tệp kết quả' }).click();
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: 'Tải giao-hang-thang-12-ket-qua.csv' }).click(),
      ]);
      expect(download.suggestedFilename()).toBe('giao-hang-thang-12-ket-qua.csv');
      const rows = parse(await readFile(await download.path(), 'utf8'), { bom: true }) as string[][];
      const [header, ...answers] = rows;
      expect(header.slice(0, 3)).toEqual(['code', 'format', 'outcome']);
      expect(answers).toHaveLength(1000);
      const outcome = header.indexOf('outcome');
      const stars = header.indexOf('stars');
      expect(answers.map((r) => r[0])).toEqual(codes);
      expect(answers.map((r) => r[outcome])).toEqual(expected.map((r) => r.outcome));
      expect(answers.map((r) => r[stars])).toEqual(expected.map((r) => String(r.ocop?.stars ?? '')));
      const byKind = (slot: number) => answers.filter((_, i) => i % 10 === slot).map((r) => r[outcome]);
      expect(new Set([0, 1, 2, 3, 4, 5, 6].flatMap(byKind))).toEqual(new Set(['genuine']));
      // A serial changed under its signature is not that unit: never genuine.
      expect(byKind(7).filter((o) => o === 'genuine')).toEqual([]);
      expect(new Set(byKind(8))).toEqual(new Set(['unknown']));
      expect(new Set(byKind(9))).toEqual(new Set(['invalid']));
    } finally {
      await context.close();
    }
  }, 600_000);

  it('on a phone in English: pasted codes are answered one by one, and an empty list is stopped beside the box', async () => {
    const context = await personContext(browser, { viewport: PHONE, locale: 'en-GB' });
    try {
      const page = await context.newPage();
      await signIn(page, portal, retailer(), 'en', /\/kiem-tra-ma$/);
      await page.getByRole('button', { name: 'Check', exact: true }).click();
      await page.getByText('Enter at least one code').waitFor();
      await page
        .getByLabel('Codes to check, one a line')
        .fill([genuine[0], placeholderGtin(900), 'abc'].join('\n'));
      await page.getByRole('button', { name: 'Check', exact: true }).click();
      const results = page.getByRole('region', { name: 'Results (3 codes)' });
      await results.getByText('1 Genuine').waitFor();
      await results.getByText('1 Unreadable code').waitFor();
      expect(await contentWidth(page)).toBeLessThanOrEqual(PHONE.width);
      await checkPage(page, 'retailer-verify-paste-phone-en');
    } finally {
      await context.close();
    }
  }, 300_000);
});
