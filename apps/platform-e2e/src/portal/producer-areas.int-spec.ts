import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Browser, Page } from 'playwright-core';
import { login, StoryContext } from '../story';
import { bootE2ePlatform, BOOTSTRAP_ADMIN, E2ePlatform } from '../support/e2e-platform';
import { contentWidth, DESKTOP, launchChromium, personContext, PHONE } from './browser';
import { addCommuneOfficer, checkPage, signIn, squareField, verifiedHousehold } from './seed';

/**
 * A producer's growing areas and packing houses in the portal (issue 17), in headless Chromium against the whole
 * built platform: a verified household asks for a growing-area code by uploading its boundary as GeoJSON (the
 * service first refuses an area below the minimum, said under the area field), and for a packing-house code by
 * typing a GPS point; the commune's officer issues both codes (the packing house on the officer's review page);
 * the producer reads the codes and the review history, then the list in English on a 360-px phone. No map tiles
 * are configured, as in every test: the shapes are drawn on a plain background.
 */
const PHU_KHUONG = '28756'; // Phường Phú Khương, on the map in force (Vĩnh Long from July 2025)
const ROOT = join(__dirname, '../../../..');

describe('growing areas and packing houses in the portal (browser, end to end)', () => {
  let e2e: E2ePlatform;
  let ctx: StoryContext;
  let portal: string;
  let browser: Browser;
  let officer: string;
  const officerAccount = {
    email: 'vungtrong.phukhuong@ocop.local',
    displayName: 'Cán bộ vùng trồng Phú Khương',
    communeCode: PHU_KHUONG,
    password: 'cán bộ phường Phú Khương trực vùng trồng',
  };
  let growingAreaId: string;
  let packingHouseId: string;

  const household = {
    type: 'household' as const,
    taxCode: '086190005566',
    name: 'Hộ kinh doanh Sầu riêng Tư Hòa',
    communeCode: PHU_KHUONG,
    fullName: 'Lê Văn Hòa',
    email: 'tuhoa.saurieng@example.vn',
    password: 'sầu riêng Ri6 cơm vàng hạt lép',
  };

  /** MapLibre has drawn the site's shape (it counts what it rendered once the map settles). */
  const shapeOnMap = (page: Page) =>
    page.locator('.areas-map[data-rendered-shapes]:not([data-rendered-shapes="0"])').first().waitFor();

  /** The form item (label, field, messages) of a field by its label. */
  const fieldItem = (page: Page, label: string) =>
    page.locator('.ant-form-item').filter({ has: page.locator('label', { hasText: label }) });

  beforeAll(async () => {
    // Default code templates: communes on the map in force get codes without a district (decision 0054).
    e2e = await bootE2ePlatform();
    ctx = e2e.ctx;
    portal = e2e.platform.urls['gateway'];
    const admin = await login(ctx, BOOTSTRAP_ADMIN.email, BOOTSTRAP_ADMIN.password);
    officer = await addCommuneOfficer(ctx, admin, officerAccount);
    await verifiedHousehold(ctx, officer, household);
    browser = await launchChromium();
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    const unclean = await e2e?.dispose();
    expect(unclean).toEqual([]);
  }, 180_000);

  it('the portal’s typed API client matches what the services serve (npm run api:client --check)', async () => {
    const run = await promisify(execFile)(
      process.execPath,
      ['tools/dev/api-client.mjs', '--check', '--url', portal],
      { cwd: ROOT },
    ).catch((err: { stderr: string; code: number }) => err);
    expect('code' in run ? run.stderr : '').toBe('');
  });

  it('a producer asks for a growing-area code with a GeoJSON file and a packing-house code with a typed GPS point, in Vietnamese', async () => {
    const context = await personContext(browser, { viewport: DESKTOP });
    const page = await context.newPage();
    await signIn(page, portal, household);
    await page.getByRole('link', { name: 'Vùng trồng', exact: true }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Vùng trồng và cơ sở đóng gói' }).waitFor();
    await page.getByText('Chưa có vùng trồng nào').waitFor();
    await checkPage(page, 'areas-list-empty-desktop');

    await page.getByRole('link', { name: 'Đăng ký vùng trồng' }).click();
    await page.getByRole('heading', { level: 1, name: 'Đăng ký vùng trồng' }).waitFor();
    await page.getByLabel('Tên vùng trồng').fill('Vườn sầu riêng Tư Hòa');
    await page.getByLabel('Xã, phường').fill('phu khuong');
    await page.locator('.ant-select-item-option', { hasText: 'Phú Khương' }).first().click();
    await page.getByLabel('Cây trồng').fill('Sầu');
    await page.locator('.ant-select-item-option', { hasText: 'Sầu riêng' }).first().click();
    await page.getByLabel('Giống').fill('Ri6');
    // Half a hectare: under QĐ 3156's minimum for perennial crops, which the service enforces.
    await page.getByLabel('Diện tích khai báo (ha)').fill('0,5');
    await page.getByLabel('Sản lượng dự kiến (tấn/năm)').fill('30');
    await page.getByLabel('Cơ sở, hộ sản xuất trên vùng').fill('Hộ ông Lê Văn Hòa');
    await page.getByText('Tải tệp lên', { exact: true }).click();
    await page.locator('input[type=file]').setInputFiles({
      name: 'vuon-tu-hoa.geojson',
      mimeType: 'application/geo+json',
      buffer: Buffer.from(JSON.stringify(squareField(141.4))),
    });
    await page.getByText('Đã đọc tệp vuon-tu-hoa.geojson').waitFor();
    await page.getByText(/Ranh giới: 2(,0\d)? ha đo được/).waitFor();
    await shapeOnMap(page);
    await page.getByRole('button', { name: 'Gửi đăng ký' }).click();
    await fieldItem(page, 'Diện tích khai báo (ha)').getByText('tối thiểu 1 ha').waitFor();
    await checkPage(page, 'areas-new-area-error-desktop');

    await page.getByLabel('Diện tích khai báo (ha)').fill('2');
    await page.getByRole('button', { name: 'Gửi đăng ký' }).click();
    await page.waitForURL(/\/vung-trong\/[0-9a-f-]{36}$/);
    growingAreaId = page.url().split('/').pop() as string;
    await page.getByRole('heading', { level: 1, name: 'Vườn sầu riêng Tư Hòa' }).waitFor();
    await page.getByText('Hồ sơ đang chờ cán bộ phụ trách địa bàn').waitFor();
    await page.getByText('Chưa cấu hình nền bản đồ').waitFor();
    await shapeOnMap(page);
    // The papers the officer issues the code on, filed from the request's page while it waits.
    const papers = page.getByRole('region', { name: 'Giấy tờ kèm theo' });
    const chooser = page.waitForEvent('filechooser');
    await papers.getByRole('button', { name: 'Tải giấy tờ lên' }).click();
    await (
      await chooser
    ).setFiles({
      name: 'Hợp đồng thuê đất.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n% Hợp đồng thuê đất\n%%EOF\n'),
    });
    await papers.getByRole('link', { name: 'Hợp đồng thuê đất.pdf' }).waitFor();
    await checkPage(page, 'areas-area-pending-desktop');

    await page.getByRole('link', { name: 'Về danh sách' }).click();
    await page.getByRole('tab', { name: 'Cơ sở đóng gói' }).click();
    await page.getByText('Chưa có cơ sở đóng gói nào').waitFor();
    await page.getByRole('link', { name: 'Đăng ký cơ sở đóng gói' }).click();
    await page.getByRole('heading', { level: 1, name: 'Đăng ký cơ sở đóng gói' }).waitFor();
    await page.getByLabel('Tên cơ sở đóng gói').fill('Cơ sở đóng gói Tư Hòa');
    await page.getByLabel('Xã, phường').fill('phu khuong');
    await page.locator('.ant-select-item-option', { hasText: 'Phú Khương' }).first().click();
    await page.getByLabel('Sản phẩm đóng gói').fill('Sầu riêng');
    await page.getByLabel('Sản phẩm đóng gói').press('Enter');
    // Latitude and longitude swapped first: the form says so before anything is sent.
    await page.getByLabel('Vĩ độ').fill('106,3756');
    await page.getByLabel('Kinh độ').fill('10,2415');
    await page.getByRole('button', { name: 'Dùng điểm này' }).click();
    await page.getByText('Vĩ độ từ -90 đến 90').waitFor();
    await page.getByLabel('Vĩ độ').fill('10,2415');
    await page.getByLabel('Kinh độ').fill('106,3756');
    await page.getByRole('button', { name: 'Dùng điểm này' }).click();
    await page.getByText('Điểm GPS: 10.2415, 106.3756').waitFor();
    await shapeOnMap(page);
    await checkPage(page, 'areas-new-house-desktop');
    await page.getByRole('button', { name: 'Gửi đăng ký' }).click();
    await page.waitForURL(/\/co-so-dong-goi\/[0-9a-f-]{36}$/);
    packingHouseId = page.url().split('/').pop() as string;
    await page.getByRole('heading', { level: 1, name: 'Cơ sở đóng gói Tư Hòa' }).waitFor();
    await page.getByText('Đang chờ cấp mã').first().waitFor();

    // The commune's officer issues both codes: the growing area through the API (officer-queues issues one on
    // screen), the packing house on the officer's review page, where the typed point is on the map.
    const area = await ctx.traceability.post(`/growing-areas/${growingAreaId}/issue`, {
      token: officer,
      body: {},
      expect: 200,
    });
    expect(area.code).toMatch(/^VN-86-28756-01-\d{2}$/);
    const officerDesk = await personContext(browser, { viewport: DESKTOP });
    const review = await officerDesk.newPage();
    await signIn(review, portal, officerAccount, 'vi', /\/can-bo$/);
    await review.goto(`${portal}/can-bo/co-so-dong-goi/${packingHouseId}`);
    await review.getByRole('heading', { level: 1, name: 'Cơ sở đóng gói Tư Hòa' }).waitFor();
    await shapeOnMap(review);
    await review.getByRole('link', { name: household.name }).waitFor();
    await checkPage(review, 'officer-packing-house-review-vi');
    await review.getByRole('button', { name: 'Cấp mã' }).click();
    await review.locator('.areas-code').waitFor();
    const house = await ctx.traceability.get(`/packing-houses/${packingHouseId}`, { token: officer });
    expect(house).toMatchObject({
      status: 'issued',
      code: expect.stringMatching(/^VN-86-28756-DG01-\d{2}$/),
    });
    await officerDesk.close();

    await page.reload();
    await page
      .getByText(house.code as string, { exact: true })
      .first()
      .waitFor();
    await page.getByText('Cấp mã', { exact: true }).waitFor();
    await page.getByText('10.2415, 106.3756', { exact: true }).waitFor();
    await checkPage(page, 'areas-house-issued-desktop');

    await page.goto(`${portal}/vung-trong/${growingAreaId}`);
    await page
      .getByText(area.code as string, { exact: true })
      .first()
      .waitFor();
    await page.getByRole('button', { name: 'Sao chép mã' }).waitFor();
    await page.getByText('Gửi đăng ký', { exact: true }).waitFor();
    // Issued on those papers: they stay, and no longer change.
    const issuedPapers = page.getByRole('region', { name: 'Giấy tờ kèm theo' });
    await issuedPapers.getByRole('link', { name: 'Hợp đồng thuê đất.pdf' }).waitFor();
    expect(await issuedPapers.getByRole('button').count()).toBe(0);
    await checkPage(page, 'areas-area-issued-desktop');
    await context.close();
  });

  it('in English on a 360-px phone: the list shows both codes, and a growing area’s page fits the screen', async () => {
    const phone = await personContext(browser, { viewport: PHONE, locale: 'en-GB' });
    const page = await phone.newPage();
    await signIn(page, portal, household, 'en');
    await page.getByRole('button', { name: 'Open the menu' }).click();
    await page.getByRole('link', { name: 'Growing areas', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Growing areas and packing houses' }).waitFor();
    await page.getByText('Vườn sầu riêng Tư Hòa').waitFor();
    await page.getByText('Code issued').first().waitFor();
    expect(await contentWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await checkPage(page, 'areas-list-phone-en');

    await page.getByRole('tab', { name: 'Packing houses' }).click();
    await page.getByText('Cơ sở đóng gói Tư Hòa').waitFor();
    expect(await contentWidth(page)).toBeLessThanOrEqual(PHONE.width);

    await page.goto(`${portal}/vung-trong/${growingAreaId}`);
    await page.getByText('Review history').waitFor();
    await page.getByText('Code issued').first().waitFor();
    await shapeOnMap(page);
    await page
      .getByRole('region', { name: 'Supporting documents' })
      .getByRole('link', { name: 'Hợp đồng thuê đất.pdf' })
      .waitFor();
    expect(await contentWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await checkPage(page, 'areas-area-phone-en');
    await phone.close();
  });
});
