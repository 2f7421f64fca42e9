import { adminUnits } from '@ocop/ocop-domain';
import { Workbook } from 'exceljs';
import { readFile } from 'node:fs/promises';
import { Browser } from 'playwright-core';
import { StoryContext } from '../story';
import { STAFF_ACCOUNTS, setUpStaff, StaffAccounts } from '../story/accounts';
import { ApiError, eventually, Json } from '../story/api';
import { bootE2ePlatform, E2ePlatform } from '../support/e2e-platform';
import { contentWidth, DESKTOP, launchChromium, personContext, PHONE } from './browser';
import { checkPage, signIn } from './seed';

/**
 * The province's goals dashboard (issue 18), against the whole platform with the rating issue's case loaded as an
 * office would load it: at the end of June 2022, 41 of the 157 communes of the 2022 map (34 xã, 5 phường, 2 thị
 * trấn) had a 3★+ product, 26.11 %. Producers and products come in through the catalogue's CSV imports and the
 * certificates through rating's. The province officer reads that figure on the dashboard, downloads the
 * XLSX for the Department's report and finds the same figure in it; the page fits a phone, in English.
 */
const AT = '2022-06-30';

/** One producer and one product in each of 41 communes of the 2022 map, each product certified 3★ in March 2022. */
async function loadCoverageCase(ctx: StoryContext, admin: string, officer: string): Promise<void> {
  const communes = adminUnits()
    .units('bt-2022', { level: 'commune' })
    .sort((a, b) => a.code.localeCompare(b.code));
  const ofType = (type: string, n: number) => communes.filter((c) => c.type === type).slice(0, n);
  const covered = [...ofType('Xã', 34), ...ofType('Phường', 5), ...ofType('Thị trấn', 2)];
  const taxCode = (i: number) => String(8300000000 + i).padStart(10, '0');
  const csv = (lines: string[]) => ({
    contentType: 'text/csv; charset=utf-8',
    payload: `${lines.join('\r\n')}\r\n`,
  });
  await ctx.catalogue.post('/imports/producers', {
    token: admin,
    raw: csv([
      'Tên chủ thể,Loại chủ thể,Mã số thuế,Người đại diện,Địa chỉ,Mã xã,Bản đồ hành chính',
      ...covered.map(
        (c, i) => `"Hợp tác xã Đặc sản ${c.name}",Hợp tác xã,${taxCode(i)},Nguyễn Văn An,Ấp 1,${c.code},2022`,
      ),
    ]),
    expect: 201,
  });
  const products = await ctx.catalogue.post('/imports/products', {
    token: admin,
    raw: csv([
      'Tên sản phẩm,Mã số thuế chủ thể,Bộ sản phẩm,Trạng thái',
      ...covered.map((c, i) => `"Đặc sản ${c.name}",${taxCode(i)},7. Chế biến từ rau củ quả hạt,đang bán`),
    ]),
    expect: 201,
  });
  const certificates = [
    'certificate_number,product_id,product_name,producer_name,stars,decision_ref,decision_date',
    ...products.created.map((p: Json, i: number) => `BT-2022-${100 + i},${p.id},,,3,12/QĐ-UBND,15/03/2022`),
  ].join('\r\n');
  // Rating learns the products from the catalogue's events: the dry run is retried until it knows all 41.
  await eventually(async () => {
    const dry = await ctx.rating.post('/certificates/import?dryRun=true', {
      token: officer,
      raw: { contentType: 'text/csv', payload: certificates },
      expect: 200,
    });
    if (dry.valid !== covered.length) throw new ApiError('rating', 'POST', '/certificates/import', 422, dry);
  });
  const imported = await ctx.rating.post('/certificates/import?dryRun=false', {
    token: officer,
    raw: { contentType: 'text/csv', payload: certificates },
    expect: 200,
  });
  expect(imported).toMatchObject({ imported: covered.length });
}

describe('the goals dashboard in the portal (browser, end to end)', () => {
  let e2e: E2ePlatform;
  let ctx: StoryContext;
  let portal: string;
  let browser: Browser;
  let staff: StaffAccounts;
  const officer = () => {
    const account = STAFF_ACCOUNTS.find((a) => a.key === 'provinceOfficer');
    if (!account) throw new Error('no province officer among the staff accounts');
    return account;
  };

  beforeAll(async () => {
    e2e = await bootE2ePlatform();
    ctx = e2e.ctx;
    portal = e2e.platform.urls['gateway'];
    staff = await setUpStaff(ctx);
    await loadCoverageCase(ctx, staff.admin, staff.provinceOfficer.token);
    browser = await launchChromium();
  }, 900_000);

  afterAll(async () => {
    await browser?.close();
    const unclean = await e2e?.dispose();
    expect(unclean).toEqual([]);
  }, 180_000);

  it('shows the coverage rating computes (41/157 at the end of June 2022) and exports it as XLSX', async () => {
    const kpis = await ctx.rating.get(`/reports/kpis?map=bt-2022&at=${AT}`, {
      token: staff.provinceOfficer.token,
    });
    expect(kpis.coverage).toMatchObject({ covered: 41, total: 157, percent: 26.11 });

    const context = await personContext(browser, { viewport: DESKTOP });
    try {
      const page = await context.newPage();
      await signIn(page, portal, officer(), 'vi', /\/can-bo$/);
      await page.getByRole('link', { name: 'Chỉ tiêu và độ phủ' }).click();
      await page.getByRole('heading', { level: 1, name: 'Chỉ tiêu và độ phủ OCOP' }).waitFor();
      await page.getByLabel('Tính đến hết ngày').fill(AT);
      await page.getByRole('combobox', { name: 'Bản đồ hành chính' }).click();
      await page.locator('.ant-select-item-option', { hasText: 'Bến Tre (trước 7/2025)' }).click();
      await page
        .getByText('Số liệu tính đến hết ngày 30/06/2022, theo bản đồ Bến Tre (trước 7/2025).')
        .waitFor();
      const figure = page.getByTestId('coverage-figure');
      await figure.getByText('41/157 xã (26,11%)').waitFor();
      await page.getByText('116 xã chưa có sản phẩm từ 3 sao').waitFor();
      await checkPage(page, 'officer-goals-vi');

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: 'Tải chỉ tiêu (XLSX)' }).click(),
      ]);
      expect(download.suggestedFilename()).toBe(`chi-tieu-ocop-bt-2022-${AT}.xlsx`);
      const workbook = new Workbook();
      await workbook.xlsx.load(await readFile(await download.path()));
      const rows = (workbook.worksheets[0].getSheetValues() as unknown[][]).map((r) => r?.slice(1));
      expect(rows).toContainEqual([
        'Xã có sản phẩm OCOP từ 3 sao / Communes with a 3★+ OCOP product',
        41,
        157,
        26.11,
      ]);
    } finally {
      await context.close();
    }
  }, 300_000);

  it('fits a 360-px phone in English, with the same figure', async () => {
    const context = await personContext(browser, { viewport: PHONE, locale: 'en-GB' });
    try {
      const page = await context.newPage();
      await signIn(page, portal, officer(), 'en', /\/can-bo$/);
      await page.goto(`${portal}/can-bo/chi-tieu?ngay=${AT}&ban-do=bt-2022`);
      await page.getByTestId('coverage-figure').getByText('41/157 communes (26.11%)').waitFor();
      expect(await contentWidth(page)).toBeLessThanOrEqual(PHONE.width);
      await checkPage(page, 'officer-goals-phone-en');
    } finally {
      await context.close();
    }
  }, 300_000);
});
