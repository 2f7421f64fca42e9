import { waitFor } from '@ocop/testing';
import { Browser, Page } from 'playwright-core';
import { ApiError, eventually, Json, login, ORCHARD, StoryContext } from '../story';
import { bootE2ePlatform, BOOTSTRAP_ADMIN, E2ePlatform } from '../support/e2e-platform';
import { contentWidth, DESKTOP, launchChromium, personContext, PHONE } from './browser';
import { addCommuneOfficer, checkPage, signIn, verifiedHousehold } from './seed';

/**
 * A producer's batches and farm diary in the portal (issue 17), in headless Chromium against the whole built
 * platform: a verified household with an active product and an issued growing area opens a batch (after the service
 * refuses a lot number it already used, said under the lot field), records a pesticide application and a harvest in
 * its diary, is stopped from shipping inside the pesticide's pre-harvest interval, releases the batch and reads its
 * journey as a shopper will; it recalls another batch with a reason; the batch's page in English on a 360-px phone.
 */
const PHU_KHUONG = '28756'; // Phường Phú Khương, on the map in force

describe('batches and the farm diary in the portal (browser, end to end)', () => {
  let e2e: E2ePlatform;
  let ctx: StoryContext;
  let portal: string;
  let browser: Browser;
  let recallable: Json;
  let batchPath: string;
  let journeyInPortal: string[];

  const household = {
    type: 'household' as const,
    taxCode: '086190005566',
    name: 'Hộ kinh doanh Bưởi da xanh Cô Tư',
    communeCode: PHU_KHUONG,
    fullName: 'Lê Thị Tư',
    email: 'cotu.buoi@example.vn',
    password: 'bưởi da xanh Cô Tư ngọt lịm',
  };
  const areaName = 'Vườn bưởi Cô Tư';

  /** The message antd shows under a form field, found from the field's label. */
  const fieldError = (page: Page, label: string) =>
    page
      .locator('.ant-form-item', { has: page.getByLabel(label, { exact: true }) })
      .locator('.ant-form-item-explain');

  beforeAll(async () => {
    e2e = await bootE2ePlatform();
    ctx = e2e.ctx;
    portal = e2e.platform.urls['gateway'];
    const admin = await login(ctx, BOOTSTRAP_ADMIN.email, BOOTSTRAP_ADMIN.password);
    const officer = await addCommuneOfficer(ctx, admin, {
      email: 'canbo.phukhuong@ocop.local',
      displayName: 'Cán bộ Phú Khương',
      communeCode: PHU_KHUONG,
      password: 'cán bộ phường Phú Khương trực ban',
    });

    // The household registers, its commune's officer verifies it; it puts a product on sale and has an orchard
    // whose code an admin issues (the officers' screens are issue 18).
    const { token, producerId } = await verifiedHousehold(ctx, officer, household);
    const product = await ctx.catalogue.post('/products', {
      token,
      body: { producerId, nameVi: 'Bưởi da xanh Cô Tư', nameEn: 'Co Tu green-skin pomelo', productSet: 7 },
      expect: 201,
    });
    await ctx.catalogue.post(`/products/${product.productId}/activate`, { token, expect: 200 });
    const area = await ctx.traceability.post('/growing-areas', {
      token,
      body: { ...ORCHARD, name: areaName, crop: 'Bưởi', variety: 'Da xanh' },
      expect: 201,
    });
    await ctx.traceability.post(`/growing-areas/${area.growingAreaId}/issue`, {
      token: admin,
      body: { reason: 'Quyết định cấp mã số vùng trồng (kiểm thử)' },
      expect: 200,
    });
    // A batch already on the market, to recall in the browser; traceability learns of the product through the
    // catalogue's events, so the first attempts may not find it on sale yet.
    recallable = await eventually(
      () =>
        ctx.traceability.post('/batches', {
          token,
          body: {
            productId: product.productId,
            lot: 'BX01',
            quantity: 300,
            unit: 'KGM',
            harvestDate: ctx.today(-20),
          },
          expect: 201,
        }),
      { retryOn: (e) => e instanceof ApiError && e.status !== 400 },
    );
    await ctx.traceability.post(`/batches/${recallable.batchId}/release`, { token, expect: 200 });
    browser = await launchChromium();
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    const unclean = await e2e?.dispose();
    expect(unclean).toEqual([]);
  }, 180_000);

  it('opens a batch (a lot number used before is refused under its field), keeps its diary, releases it and reads its journey', async () => {
    const context = await personContext(browser, { viewport: DESKTOP });
    const page = await context.newPage();
    await signIn(page, portal, household);
    await page.getByRole('link', { name: 'Lô hàng', exact: true }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Lô hàng' }).waitFor();
    await page.getByRole('link', { name: 'Lô BX01' }).waitFor();
    await checkPage(page, 'batches-list-desktop');

    await page.getByRole('link', { name: 'Mở lô mới' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mở lô hàng mới' }).waitFor();
    await page.getByLabel('Sản phẩm').fill('bưởi');
    await page.locator('.ant-select-item-option', { hasText: 'Bưởi da xanh Cô Tư' }).click();
    await page.getByLabel('Số lô').fill('BX01');
    await page.getByLabel('Số lượng').fill('450');
    await page.getByLabel('Ngày thu hoạch').fill(ctx.today(-2));
    await page.getByLabel('Vùng trồng').click();
    await page.locator('.ant-select-item-option', { hasText: areaName }).click();
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Mở lô' }).click();
    // The service's own words, in Vietnamese, under the lot field: the lot exists already.
    await fieldError(page, 'Số lô').getByText('đã có').waitFor();
    await checkPage(page, 'batches-new-desktop');

    await page.getByLabel('Số lô').fill('BX02');
    await page.getByRole('button', { name: 'Mở lô' }).click();
    await page.waitForURL(/\/lo-hang\/[0-9a-f-]{36}$/);
    batchPath = new URL(page.url()).pathname;
    await page.getByRole('heading', { level: 1, name: 'Lô BX02' }).waitFor();
    await page.getByText('Chưa phát hành').first().waitFor();

    // A pesticide ten days ago (7 days' interval), then the harvest two days ago.
    await page.locator('label', { hasText: 'Bón phân, phun thuốc' }).click();
    await page.getByLabel('Ngày', { exact: true }).fill(ctx.today(-10));
    await page.getByLabel('Tên thương mại').fill('Anvil 5SC');
    await page.getByLabel('Liều lượng', { exact: true }).fill('20');
    await page.getByLabel('Thời gian cách ly (ngày)').fill('7');
    await page.getByRole('button', { name: 'Ghi nhật ký' }).click();
    await page
      .getByText('Chỉ bạn thấy: Thuốc bảo vệ thực vật: Anvil 5SC, 20 ml / bình 16 lít, cách ly 7 ngày')
      .waitFor();

    await page.locator('label', { hasText: 'Thu hoạch' }).first().click();
    await page.getByLabel('Ngày', { exact: true }).fill(ctx.today(-2));
    await page.getByLabel('Số lượng', { exact: true }).fill('460');
    await page.getByRole('button', { name: 'Ghi nhật ký' }).click();
    await page.locator('.journey').getByText('Thu hoạch, sản xuất lô hàng').waitFor();

    // Sprayed again yesterday: shipping today is inside the interval, and the form says until when.
    await page.locator('label', { hasText: 'Bón phân, phun thuốc' }).click();
    await page.getByLabel('Ngày', { exact: true }).fill(ctx.today(-1));
    await page.getByLabel('Tên thương mại').fill('Amistar Top 325SC');
    await page.getByLabel('Liều lượng', { exact: true }).fill('10');
    await page.getByLabel('Thời gian cách ly (ngày)').fill('7');
    await page.getByRole('button', { name: 'Ghi nhật ký' }).click();
    await page.getByText('Chỉ bạn thấy: Thuốc bảo vệ thực vật: Amistar Top 325SC').waitFor();
    await page.locator('label', { hasText: 'Xuất hàng' }).click();
    await page.getByLabel('Số lượng', { exact: true }).fill('100');
    await page.getByLabel('Giao cho ai').fill('Siêu thị Co.opmart Bến Tre');
    await page.getByLabel('Giao đến đâu').fill('Phường An Hội');
    await page.getByRole('button', { name: 'Ghi nhật ký' }).click();
    await fieldError(page, 'Ngày').getByText('Chưa hết thời gian cách ly của Amistar Top 325SC').waitFor();

    await page.getByRole('button', { name: 'Phát hành lô' }).click();
    await page.getByRole('button', { name: 'Đồng ý' }).click();
    await page.getByText('Đã phát hành').first().waitFor();
    await page.getByRole('link', { name: 'Xem như người mua' }).waitFor();
    await page.getByRole('link', { name: 'In tem' }).waitFor();
    journeyInPortal = await page.locator('.journey li .step').allTextContents();
    // Sprayed ten days ago, harvested two days ago, sprayed yesterday, registered today: an input application is a
    // step of the platform's own vocabulary (GS1's has none), which the shopper's page names too.
    expect(journeyInPortal).toEqual([
      'Bón phân, phun thuốc',
      'Thu hoạch, sản xuất lô hàng',
      'Bón phân, phun thuốc',
      'Đăng ký lô hàng, cấp mã truy xuất',
    ]);
    await checkPage(page, 'batches-detail-desktop');
    await context.close();
  });

  it('shows the shopper the same journey, in the same words and order', async () => {
    const context = await personContext(browser, { viewport: DESKTOP });
    const page = await context.newPage();
    await signIn(page, portal, household);
    await page.goto(`${portal}${batchPath}`);
    const link = (await page.getByRole('link', { name: 'Xem như người mua' }).getAttribute('href')) as string;
    const shopper = await context.newPage();
    // Lookup learns of the release and the events through the services' events: it may lag a moment.
    await waitFor(
      async () => {
        await shopper.goto(link);
        const steps = (await shopper.locator('#timeline li').allTextContents()).map((s) =>
          s.replace(/^.*? — /, '').replace(/ \(.*$/, ''),
        );
        expect(steps).toEqual(journeyInPortal);
      },
      { intervalMs: 1000 },
    );
    await context.close();
  });

  it('recalls a batch on the market with a reason, after saying what a recall does to labels in shops', async () => {
    const context = await personContext(browser, { viewport: DESKTOP });
    const page = await context.newPage();
    await signIn(page, portal, household);
    await page.goto(`${portal}/lo-hang/${recallable.batchId}`);
    await page.getByRole('heading', { level: 1, name: 'Lô BX01' }).waitFor();
    await page.getByRole('button', { name: 'Thu hồi lô' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('kể cả tem đã dán trên hàng đang bày bán ở cửa hàng').waitFor();
    await dialog.getByRole('button', { name: 'Thu hồi lô' }).click();
    await dialog.getByText('Nhập lý do, ít nhất 3 ký tự').waitFor();
    await dialog.getByLabel('Lý do thu hồi').fill('Bưởi bị nấm mốc do kho bảo quản hỏng quạt thông gió');
    await checkPage(page, 'batches-recall-desktop');
    await dialog.getByRole('button', { name: 'Thu hồi lô' }).click();
    await page.getByText('Lô đã bị thu hồi. Người mua quét tem').waitFor();
    await page.getByText('Bưởi bị nấm mốc do kho bảo quản hỏng quạt thông gió', { exact: true }).waitFor();
    await page.locator('.journey').getByText('Thu hồi lô hàng').waitFor();
    const back = await ctx.traceability.get(`/batches/${recallable.batchId}`, {
      token: await login(ctx, household.email, household.password),
    });
    expect(back).toMatchObject({ status: 'recalled', recallReason: expect.stringContaining('nấm mốc') });
    await context.close();
  });

  it('in English on a 360-px phone: the batch’s page and the list, nothing wider than the screen', async () => {
    const phone = await personContext(browser, { viewport: PHONE, locale: 'en-GB' });
    const page = await phone.newPage();
    await signIn(page, portal, household, 'en');
    await page.goto(`${portal}${batchPath}`);
    await page.getByRole('heading', { level: 1, name: 'Lot BX02' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Farm diary' }).waitFor();
    await page.locator('.journey').getByText('Harvested, batch produced').waitFor();
    expect(await contentWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await checkPage(page, 'batches-detail-phone-en');

    await page.getByRole('link', { name: 'Back to batches' }).click();
    await page.getByRole('heading', { level: 1, name: 'Batches' }).waitFor();
    await page.getByText('Recalled').first().waitFor();
    expect(await contentWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await checkPage(page, 'batches-list-phone-en');
    await phone.close();
  });
});
