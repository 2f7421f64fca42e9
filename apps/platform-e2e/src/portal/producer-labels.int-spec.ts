import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Browser, Page } from 'playwright-core';
import {
  ApiError,
  captureEvents,
  createBatch,
  ensureGtin,
  eventually,
  harvestAndPackingDocument,
  issueGrowingAreaCode,
  Json,
  placeholderGtin,
  registerGrowingArea,
  releaseBatch,
  seedCatalogue,
  setUpProducers,
  setUpStaff,
  SignedIn,
  StoryContext,
  STORY_PRODUCT,
} from '../story';
import { bootE2ePlatform, E2ePlatform } from '../support/e2e-platform';
import { contentWidth, DESKTOP, launchChromium, personContext, PHONE } from './browser';
import { firstSheetCodes } from './label-sheet';
import { checkPage } from './seed';

/**
 * Issue 17's labels, in headless Chromium against the whole built platform: a verified producer with a released
 * batch prints 500 labels from the portal — quantity, template, a preview at real size, a job followed to the end,
 * the PDF saved by the browser — and the saved PDF's QR codes decode to this batch's units. A quantity the units
 * service refuses shows under its field; a recalled batch says why it cannot be labelled; the page works in English
 * on a 360-px phone.
 */
const MM_PX = 96 / 25.4;

describe('a producer prints a batch’s labels in the portal (browser, end to end)', () => {
  let e2e: E2ePlatform;
  let ctx: StoryContext;
  let portal: string;
  let browser: Browser;
  let producer: SignedIn;
  let producerPassword: string;
  let batch: Json;
  let recalled: Json;
  let productName: string;
  let dir: string;

  const signIn = async (
    page: Page,
    path: string,
    labels = { who: 'E-mail hoặc số điện thoại', pw: 'Mật khẩu', go: 'Đăng nhập' },
  ) => {
    await page.goto(`${portal}${path}`);
    await page.waitForURL(/\/dang-nhap/);
    await page.getByLabel(labels.who).fill(producer.email);
    await page.getByLabel(labels.pw).fill(producerPassword);
    await page.getByRole('button', { name: labels.go }).click();
    await page.waitForURL(new RegExp(`${path.replace(/[/]/g, '\\/')}$`));
  };

  beforeAll(async () => {
    e2e = await bootE2ePlatform();
    ctx = e2e.ctx;
    portal = e2e.platform.urls['gateway'];
    dir = await mkdtemp(join(tmpdir(), 'ocop-labels-'));

    // The demo's verified producer (Chánh Thu) and its durian, with a GTIN; an orchard whose code the province
    // issued; a batch harvested, packed and released: everything but the labels, through the services' APIs.
    const staff = await setUpStaff(ctx);
    const catalogue = await seedCatalogue(ctx, staff.admin);
    const producers = await setUpProducers(ctx, staff.admin, catalogue.producers);
    producer = producers['producer'];
    producerPassword = 'Producer-ocop-2026!';
    const product = catalogue.products.find(
      (p) => p.nameVi === STORY_PRODUCT.nameVi && p.producerId === producer.producerId,
    );
    if (!product) throw new Error('the demo catalogue has no durian of Chánh Thu');
    productName = product.nameVi;
    const withGtin = await ensureGtin(ctx, producer.token, product.productId, placeholderGtin(1));
    const area = await issueGrowingAreaCode(
      ctx,
      staff.provinceOfficer.token,
      await registerGrowingArea(ctx, producer.token),
    );
    batch = await createBatch(ctx, producer.token, product.productId, area.growingAreaId);
    const capture = await captureEvents(ctx, producer.token, harvestAndPackingDocument(batch, area));
    expect(capture.success).toBe(true);
    batch = await releaseBatch(ctx, producer.token, batch.batchId);

    const gtin = withGtin.gtins[0] as string;
    recalled = await eventually(
      () =>
        ctx.traceability.post('/batches', {
          token: producer.token,
          body: {
            productId: product.productId,
            gtin,
            lot: 'SRTHUHOI1',
            quantity: 50,
            unit: 'KGM',
            bestBeforeDate: ctx.today(30),
          },
          expect: 201,
        }),
      { retryOn: (e) => e instanceof ApiError && e.status === 503 },
    );
    await ctx.traceability.post(`/batches/${recalled.batchId}/recall`, {
      token: producer.token,
      body: { reason: 'Mẫu kiểm nghiệm vượt ngưỡng dư lượng' },
      expect: 200,
    });
    browser = await launchChromium();
  }, 900_000);

  afterAll(async () => {
    await browser?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
    const unclean = await e2e?.dispose();
    expect(unclean).toEqual([]);
  }, 180_000);

  it('prints 500 labels: template, real-size preview, progress to the end, and the saved PDF’s QR codes decode to the batch’s units', async () => {
    const context = await personContext(browser, { viewport: DESKTOP });
    // A shared two-core machine: pages and jobs take longer than on a developer's laptop.
    context.setDefaultTimeout(60_000);
    const page = await context.newPage();
    const path = `/lo-hang/${batch.batchId}/tem`;
    await signIn(page, path);
    await page.getByRole('heading', { level: 1, name: 'In tem truy xuất' }).waitFor();
    await page.getByText(productName, { exact: true }).first().waitFor();
    await page.getByText(batch.lot, { exact: true }).first().waitFor();
    await page.getByText('Đã phát hành').waitFor();
    await page.getByText('400 kg', { exact: true }).waitFor();

    // One label at its printed size: 70 × 37 mm in CSS millimetres, the batch's QR code loaded into it.
    const label = page.locator('.label-preview-label');
    const box = await label.boundingBox();
    expect(Math.abs((box?.width ?? 0) - 70 * MM_PX)).toBeLessThan(1);
    expect(Math.abs((box?.height ?? 0) - 37 * MM_PX)).toBeLessThan(1);
    await page.getByText('Kích thước thật 70 × 37 mm').waitFor();
    await page.waitForFunction(() => {
      const img = (
        globalThis as unknown as { document: { querySelector(s: string): { naturalWidth: number } | null } }
      ).document.querySelector('.label-preview-code img');
      return !!img && img.naturalWidth > 0;
    });

    await page.getByLabel('Số tem').fill('500');
    await page.getByText('Tờ A4 24 tem 70 × 37 mm').click();
    await page.getByText('PDF', { exact: true }).click();
    expect(await page.getByRole('radio', { name: /Tờ A4 24 tem 70 × 37 mm/ }).isChecked()).toBe(true);
    await page.getByText('500 tem, in trên 21 tờ. Tờ cuối có 20 tem.').waitFor();
    await page.getByRole('button', { name: 'Tạo 500 tem' }).click();

    // The job is followed until it ends: the progress bar fills, then the file is offered.
    const progress = page.getByRole('progressbar', { name: 'Tiến độ tạo tệp PDF' });
    await progress.waitFor();
    await page.getByText('Đã xong 500 tem.').waitFor({ timeout: 120_000 });
    expect(await progress.getAttribute('aria-valuenow')).toBe('100');
    await page.getByText('Sê-ri thứ 1 đến 500 của lô').waitFor();
    await checkPage(page, 'labels-batch-desktop');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Tải tệp PDF' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);
    const pdfPath = join(dir, 'labels.pdf');
    await download.saveAs(pdfPath);
    const pdf = await readFile(pdfPath);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    // Page 1, as printed and read by a phone: its 24 codes are the batch's first 24 units, in order.
    const units = (
      await ctx.traceability.get(`/batches/${batch.batchId}/units?limit=1000`, { token: producer.token })
    ).items as Json[];
    expect(units).toHaveLength(500);
    expect(await firstSheetCodes(pdfPath)).toEqual(units.slice(0, 24).map((u) => u.digitalLink));

    // The same labels for a printing house: a CSV of the same 500 units, no new serials.
    await page.getByRole('button', { name: 'Thêm tệp CSV cho các tem này' }).click();
    await page.getByRole('link', { name: 'Tải tệp CSV' }).waitFor({ timeout: 120_000 });
    const [csvDownload] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Tải tệp CSV' }).click(),
    ]);
    const csv = await readFile(await csvDownload.path(), 'utf8');
    expect(csv.trim().split('\n')).toHaveLength(501);
    expect(csv).toContain(units[499].serial);
    const after = await ctx.traceability.get(`/batches/${batch.batchId}/units?limit=1000`, {
      token: producer.token,
    });
    expect(after.items).toHaveLength(500);
    await context.close();
  }, 480_000);

  it('shows the units service’s refusal of a quantity under the quantity, and why a recalled batch gets no labels', async () => {
    const context = await personContext(browser, { viewport: DESKTOP });
    // A shared two-core machine: pages and jobs take longer than on a developer's laptop.
    context.setDefaultTimeout(60_000);
    const page = await context.newPage();
    const path = `/lo-hang/${batch.batchId}/tem`;
    await signIn(page, path);
    await page.getByLabel('Số tem').fill('200000');
    await page.getByRole('button', { name: 'Tạo 200.000 tem' }).click();
    // The service's limit per run (MAX_UNITS_PER_GENERATION), in its words, under the field.
    const field = page.locator('.ant-form-item').filter({ has: page.getByLabel('Số tem') });
    await field.getByText('tối đa 100000 đơn vị mỗi lần').waitFor();
    await checkPage(page, 'labels-batch-error-desktop');

    await page.goto(`${portal}/lo-hang/${recalled.batchId}/tem`);
    await page.getByRole('heading', { level: 1, name: 'In tem truy xuất' }).waitFor();
    await page.getByText('Chưa in tem cho lô này được').waitFor();
    await page.getByText('Lô đã bị thu hồi: tem mới sẽ đưa hàng bị thu hồi trở lại thị trường.').waitFor();
    await page.getByText('Lý do thu hồi: Mẫu kiểm nghiệm vượt ngưỡng dư lượng').waitFor();
    expect(await page.getByLabel('Số tem').count()).toBe(0);
    await checkPage(page, 'labels-recalled-desktop');
    await context.close();
  }, 300_000);

  it('in English on a 360-px phone: the page fits the screen, the preview scrolls inside itself', async () => {
    const context = await personContext(browser, { viewport: PHONE, locale: 'en-GB' });
    // A shared two-core machine: pages and jobs take longer than on a developer's laptop.
    context.setDefaultTimeout(60_000);
    const page = await context.newPage();
    await page.goto(`${portal}/dang-nhap`);
    await page.getByText('EN', { exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await signIn(page, `/lo-hang/${batch.batchId}/tem`, {
      who: 'E-mail or phone number',
      pw: 'Password',
      go: 'Sign in',
    });
    await page.getByRole('heading', { level: 1, name: 'Print traceability labels' }).waitFor();
    await page.getByLabel('Number of labels').fill('500');
    await page.getByText('500 labels on 21 sheets. The last sheet has 20 labels.').waitFor();
    // The widest template (99.1 mm, wider than the phone): the page still does not scroll sideways.
    await page.getByText('A4 sheet, 14 labels of 99.1 × 38.1 mm').click();
    await page.getByText('Real size, 99.1 × 38.1 mm').waitFor();
    expect(await contentWidth(page)).toBeLessThanOrEqual(PHONE.width);
    const preview = page.getByRole('region', { name: 'Label preview' });
    expect(
      await preview.evaluate((el: unknown) => {
        const box = el as { scrollWidth: number; clientWidth: number };
        return box.scrollWidth > box.clientWidth;
      }),
    ).toBe(true);
    await checkPage(page, 'labels-batch-phone-en');
    await context.close();
  }, 300_000);
});
