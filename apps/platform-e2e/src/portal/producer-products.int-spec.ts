import { waitFor } from '@ocop/testing';
import { Browser, Locator } from 'playwright-core';
import sharp from 'sharp';
import { Json, login, StoryContext } from '../story';
import { bootE2ePlatform, BOOTSTRAP_ADMIN, E2ePlatform } from '../support/e2e-platform';
import { contentWidth, DESKTOP, launchChromium, personContext, PHONE } from './browser';
import { addCommuneOfficer, checkPage, signIn, verifiedHousehold } from './seed';

/**
 * A verified household manages its products in the portal (issue 17), in headless Chromium against the whole
 * built platform: from an empty list to a product with its OCOP set chosen by name, a photo uploaded from the
 * browser, details edited and the product put on sale; the catalogue's refusal of a GTIN another product holds
 * shown under that GTIN; then the list and a product in English on a 360-px phone, where one is discontinued.
 */
const PHU_KHUONG = '28756'; // Phường Phú Khương, on the map in force
const HELD_GTIN = '8936047000500';
describe('a producer’s products in the portal (browser, end to end)', () => {
  let e2e: E2ePlatform;
  let ctx: StoryContext;
  let portal: string;
  let browser: Browser;
  let producerToken: string;
  let producerId: string;

  const household = {
    type: 'household' as const,
    name: 'Hộ kinh doanh Kẹo dừa Tư Lành',
    taxCode: '086190005566',
    communeCode: PHU_KHUONG,
    fullName: 'Lê Văn Lành',
    email: 'tulanh.keodua@example.vn',
    password: 'kẹo dừa Tư Lành sáp ca cao thơm',
  };

  /** The form item (label, control, message) that holds a control: a message inside it is that field's. */
  const fieldOf = (control: Locator) =>
    control.locator('xpath=ancestor::div[contains(@class,"ant-form-item ")][1]');

  beforeAll(async () => {
    e2e = await bootE2ePlatform();
    ctx = e2e.ctx;
    portal = e2e.platform.urls['gateway'];
    const admin = await login(ctx, BOOTSTRAP_ADMIN.email, BOOTSTRAP_ADMIN.password);
    const officer = await addCommuneOfficer(ctx, admin, {
      email: 'canbo.sanpham@ocop.local',
      displayName: 'Cán bộ Phú Khương',
      communeCode: PHU_KHUONG,
      password: 'cán bộ phường Phú Khương trực ban',
    });
    ({ token: producerToken, producerId } = await verifiedHousehold(ctx, officer, household));
    browser = await launchChromium();
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    const unclean = await e2e?.dispose();
    expect(unclean).toEqual([]);
  }, 180_000);

  it('in Vietnamese on a desktop: from no products to one with a photo, edited and on sale; a GTIN another product holds is refused under its box', async () => {
    const context = await personContext(browser, { viewport: DESKTOP });
    const page = await context.newPage();
    await signIn(page, portal, household, 'vi');

    await page.getByRole('link', { name: 'Sản phẩm', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Sản phẩm của tôi' }).waitFor();
    await page.getByText('Cơ sở chưa có sản phẩm nào').waitFor();
    await checkPage(page, 'products-list-empty-desktop');

    // Another product of the household already lists the GTIN (added through the API).
    await ctx.catalogue.post('/products', {
      token: producerToken,
      body: { producerId, nameVi: 'Kẹo dừa sữa', productSet: 7, gtins: [HELD_GTIN] },
      expect: 201,
    });

    await page.getByRole('link', { name: 'Thêm sản phẩm đầu tiên' }).click();
    await page.waitForURL(/\/san-pham\/moi$/);
    await page.getByRole('heading', { level: 1, name: 'Thêm sản phẩm' }).waitFor();
    await page.getByLabel('Tên sản phẩm', { exact: true }).fill('Kẹo dừa sáp ca cao');
    await page.getByLabel('Bộ sản phẩm OCOP').fill('che bien rau');
    await page.locator('.ant-select-item-option', { hasText: 'Chế biến từ rau, củ, quả, hạt' }).click();
    await page.getByRole('button', { name: 'GTIN là gì? Không có thì sao?' }).click();
    await page.getByText('nền tảng tự cấp cho sản phẩm một mã riêng').waitFor();
    await page.getByRole('button', { name: 'Thêm mã GTIN' }).click();
    const gtin = page.getByLabel('Mã GTIN thứ 1', { exact: true });
    // A mistyped check digit is caught as typed, before anything is sent.
    await gtin.fill('8936047000501');
    await gtin.blur();
    await fieldOf(gtin).getByText('Chữ số cuối (số kiểm tra) phải là 0').waitFor();
    await gtin.fill(HELD_GTIN);
    await page.getByLabel('Thành phần').fill('Cơm dừa, đường, mạch nha, bột ca cao');
    await page.getByRole('button', { name: 'Lưu sản phẩm' }).click();
    await fieldOf(gtin).getByText('Mã GTIN này đã gắn với một sản phẩm khác.').waitFor();
    await checkPage(page, 'products-new-desktop');

    await page.getByRole('button', { name: 'Xóa mã GTIN thứ 1' }).click();
    await page.getByText('Chưa có mã GTIN: tem vẫn dùng được').waitFor();
    await page.getByRole('button', { name: 'Lưu sản phẩm' }).click();
    await page.waitForURL(/\/san-pham\/[0-9a-f-]{36}$/);
    const productId = /\/san-pham\/([0-9a-f-]{36})$/.exec(page.url())?.[1] as string;
    await page.getByRole('heading', { level: 1, name: 'Kẹo dừa sáp ca cao' }).waitFor();
    await page.getByText('Đã lưu sản phẩm (bản nháp)').waitFor();

    const photo = await sharp({
      create: { width: 800, height: 600, channels: 3, background: { r: 196, g: 150, b: 92 } },
    })
      .jpeg()
      .toBuffer();
    await page.getByLabel('Mô tả ảnh cho người khiếm thị (nên có)').fill('Hộp kẹo dừa sáp ca cao 400 g');
    await page
      .locator('input[type=file]')
      .setInputFiles({ name: 'keo-dua.jpg', mimeType: 'image/jpeg', buffer: photo });
    await page.getByText('Đã tải ảnh lên.').waitFor();
    const shown = page.getByRole('img', { name: 'Hộp kẹo dừa sáp ca cao 400 g' });
    await shown.waitFor();
    // Served by the gateway from the catalogue, on the page's own origin (its CSP allows no other).
    await waitFor(async () =>
      expect(await shown.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBe(
        320,
      ),
    );

    await page.getByLabel('Tên tiếng Anh (nếu có)').fill('Cocoa coconut candy');
    await page.getByLabel('Hạn sử dụng (số ngày kể từ ngày sản xuất)').fill('270');
    await page.getByRole('button', { name: 'Lưu', exact: true }).click();
    await page.getByText('Đã lưu thay đổi.').waitFor();

    await page.getByRole('button', { name: 'Mở bán' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('được mở lô, in tem truy xuất').waitFor();
    await dialog.getByRole('button', { name: 'Mở bán' }).click();
    await page.getByText('Sản phẩm đã được mở bán.').waitFor();
    await dialog.waitFor({ state: 'hidden' });
    await checkPage(page, 'products-product-desktop');

    const saved = (await ctx.catalogue.get(`/products/${productId}`, { token: producerToken })) as Json;
    expect(saved).toMatchObject({
      nameVi: 'Kẹo dừa sáp ca cao',
      nameEn: 'Cocoa coconut candy',
      productSet: 7,
      gtins: [],
      shelfLifeDays: 270,
      ingredients: 'Cơm dừa, đường, mạch nha, bột ca cao',
      status: 'active',
      images: [{ caption: 'Hộp kẹo dừa sáp ca cao 400 g' }],
    });

    await page.getByRole('link', { name: 'Về danh sách sản phẩm' }).click();
    const list = page.locator('.product-list');
    await list.getByRole('link', { name: 'Kẹo dừa sáp ca cao' }).waitFor();
    await list.getByRole('link', { name: 'Kẹo dừa sữa' }).waitFor();
    await list.getByText('Đang bán').waitFor();
    await list.getByText('Bản nháp').waitFor();
    expect(await list.locator('img.product-thumb').count()).toBe(1);
    await checkPage(page, 'products-list-desktop');
    await context.close();
  });

  it('in English on a 360-px phone: the list and a product fit the screen, and a product is discontinued after a warning', async () => {
    const phone = await personContext(browser, { viewport: PHONE, locale: 'en-GB' });
    const page = await phone.newPage();
    await signIn(page, portal, household, 'en');
    await page.getByRole('button', { name: 'Open the menu' }).click();
    await page.getByRole('link', { name: 'Products', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'My products' }).waitFor();
    await page.getByRole('link', { name: 'Cocoa coconut candy' }).waitFor();
    expect(await contentWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await checkPage(page, 'products-list-phone-en');

    await page.getByRole('link', { name: 'Kẹo dừa sữa' }).click();
    await page.getByRole('heading', { level: 1, name: 'Kẹo dừa sữa' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Product details' }).waitFor();
    expect(await page.getByLabel('GTIN number 1', { exact: true }).inputValue()).toBe(HELD_GTIN);
    expect(await contentWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await checkPage(page, 'products-product-phone-en');

    await page.getByRole('button', { name: 'Discontinue' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('no new batches, serial numbers, labels or releases').waitFor();
    await dialog.getByLabel('Reason (optional)').fill('Hộp 200 g không còn sản xuất');
    await dialog.getByRole('button', { name: 'Discontinue' }).click();
    await page.getByText('The product is discontinued.').waitFor();
    await page.getByRole('button', { name: 'Put on sale' }).waitFor();

    await page.getByRole('link', { name: 'Back to my products' }).click();
    await page.getByRole('link', { name: 'Add a product' }).click();
    await page.getByRole('heading', { level: 1, name: 'Add a product' }).waitFor();
    expect(await contentWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await checkPage(page, 'products-new-phone-en');
    await phone.close();
  });
});
