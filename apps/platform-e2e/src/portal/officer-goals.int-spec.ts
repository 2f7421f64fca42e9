import { adminUnits } from '@ocop/ocop-domain';
import { Workbook } from 'exceljs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Browser } from 'playwright-core';
import { StoryContext, STORY_PRODUCT } from '../story';
import { STAFF_ACCOUNTS, setUpStaff, StaffAccounts } from '../story/accounts';
import { ApiError, eventually, Json } from '../story/api';
import { bootE2ePlatform, BOOTSTRAP_ADMIN, E2ePlatform } from '../support/e2e-platform';
import { contentWidth, DESKTOP, launchChromium, personContext, PHONE } from './browser';
import { checkPage, releasedBatch, signIn } from './seed';

/**
 * The province's goals dashboard (issue 18), against the whole platform with the rating issue's case loaded as an
 * office would load it: at the end of June 2022, 41 of the 157 communes of the 2022 map (34 xã, 5 phường, 2 thị
 * trấn) had a 3★+ product, 26.11 %. Producers and products come in through the catalogue's CSV imports and the
 * certificates through rating's. The province officer reads that figure on the dashboard, downloads the
 * XLSX for the Department's report and finds the same figure in it, and the PDF; the page fits a phone, in English.
 * An admin loads the communes' boundaries as GeoJSON (a faulty file refused first) and the map colours the same
 * 41 communes. Consumers scan a batch's labels, one of them with a serial the batch never had: the Vĩnh Long officer reads the scans by
 * outcome, product and district on the dashboard, as lookup counts them.
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

/**
 * The 2022 map's communes as a GIS office would export them: one square per commune (codes under "ma_xa"), laid out
 * in rows across Ben Tre's longitudes and latitudes. Real boundaries are not in the repository; the squares are
 * enough to draw and colour each commune.
 */
function boundariesFile(): string {
  const communes = adminUnits()
    .units('bt-2022', { level: 'commune' })
    .sort((a, b) => a.code.localeCompare(b.code));
  const size = 0.02;
  const features = communes.map((c, i) => {
    const [x, y] = [106.1 + (i % 16) * size, 10.3 - Math.floor(i / 16) * size];
    const ring = [
      [x, y],
      [x + size, y],
      [x + size, y + size],
      [x, y + size],
      [x, y],
    ].map(([lon, lat]) => [Math.round(lon * 1e5) / 1e5, Math.round(lat * 1e5) / 1e5]);
    return {
      type: 'Feature',
      properties: { ma_xa: c.code, ten_xa: c.name },
      geometry: { type: 'Polygon', coordinates: [ring] },
    };
  });
  return JSON.stringify({ type: 'FeatureCollection', features });
}

/** Three labelled units of the demo's durian of Chánh Thu, and its producer's 2022 district. */
async function labelledUnits(
  ctx: StoryContext,
  staff: StaffAccounts,
): Promise<{ links: string[]; district: string }> {
  const { producer, units } = await releasedBatch(ctx, staff, { units: 3 });
  const record = await ctx.catalogue.get(`/producers/${producer.producerId}`, { token: staff.admin });
  const districtCode = record.address.places['bt-2022'].districtCode as string;
  const district = adminUnits().unit('bt-2022', districtCode)?.name;
  if (!district) throw new Error(`no district ${districtCode} on the 2022 map`);
  return { links: units.map((u) => u.digitalLink as string), district };
}

describe('the goals dashboard in the portal (browser, end to end)', () => {
  let e2e: E2ePlatform;
  let ctx: StoryContext;
  let portal: string;
  let browser: Browser;
  let staff: StaffAccounts;
  let labels: { links: string[]; district: string };
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
    labels = await labelledUnits(ctx, staff);
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
      const [pdf] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: 'Tải chỉ tiêu (PDF)' }).click(),
      ]);
      expect(pdf.suggestedFilename()).toBe(`chi-tieu-ocop-bt-2022-${AT}.pdf`);
      expect((await readFile(await pdf.path())).subarray(0, 5).toString()).toBe('%PDF-');
    } finally {
      await context.close();
    }
  }, 300_000);

  it('draws coverage on the communes’ boundaries once an admin loads them (a faulty file is refused first)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ocop-boundaries-'));
    const context = await personContext(browser, { viewport: DESKTOP });
    try {
      const good = join(dir, 'ranh-gioi-xa-2022.geojson');
      await writeFile(good, boundariesFile());
      // A file from the wrong projection (VN-2000 metres) with a code that is not on the map.
      const faulty = join(dir, 'ranh-gioi-vn2000.geojson');
      const wrong = JSON.parse(boundariesFile());
      wrong.features[0].geometry.coordinates = [
        [
          [577000, 1133000],
          [577100, 1133000],
          [577100, 1133100],
          [577000, 1133000],
        ],
      ];
      wrong.features[1].properties.ma_xa = '99999';
      await writeFile(faulty, JSON.stringify(wrong));

      const page = await context.newPage();
      await signIn(page, portal, BOOTSTRAP_ADMIN, 'vi', /\/quan-tri$/);
      await page.goto(`${portal}/can-bo/chi-tieu?ngay=${AT}&ban-do=bt-2022`);
      await page.getByText('Chưa nạp ranh giới các xã: bản đồ đang vẽ dạng sơ đồ, mỗi ô một xã.').waitFor();
      await page.getByTestId('boundaries-file').setInputFiles(faulty);
      const alert = page.getByRole('alert');
      await alert.getByText('Chưa nạp được: tệp có các lỗi dưới đây, ranh giới cũ vẫn giữ nguyên.').waitFor();
      await alert.getByText(/features\[0\]\.geometry: .*VN-2000/).waitFor();
      await alert.getByText(/features\[1\]\.properties: mã xã 99999 không có trên bản đồ này/).waitFor();
      await checkPage(page, 'officer-goals-boundaries-refused-vi');

      await page.getByTestId('boundaries-file').setInputFiles(good);
      await page.getByText('Đã nạp ranh giới 157 xã; 0 xã của bản đồ không có trong tệp.').waitFor();
      const map = page.getByTestId('coverage-map');
      await map.waitFor();
      expect(await map.locator('path').count()).toBe(157);
      // The same 41 communes that rating counts, coloured.
      expect(await map.locator('path.goals-map-covered').count()).toBe(41);
      await checkPage(page, 'officer-goals-map-vi');
    } finally {
      await context.close();
      await rm(dir, { recursive: true, force: true });
    }
  }, 300_000);

  it('shows the labels scanned in the last 30 days by outcome, product and district', async () => {
    // Consumers open the labels (the resolver's redirect counts a scan); one label was copied with a made-up serial.
    const [first, second] = labels.links;
    const serial = /\/21\/([^/?]+)/.exec(first)?.[1] as string;
    const madeUp = first.replace(
      `/21/${serial}`,
      `/21/${serial.slice(0, -1)}${serial.endsWith('K') ? 'M' : 'K'}`,
    );
    class NotYet extends Error {}
    const notYet = { retryOn: (e: unknown) => e instanceof NotYet, timeoutMs: 60_000, intervalMs: 300 };
    // Lookup learns the units from traceability's events: the last one must answer genuine before the count starts
    // (asked as a retailer's till asks, which is not a consumer's scan and is not counted).
    await eventually(async () => {
      const { results } = await ctx.lookup.post('/verify', {
        token: staff.retailer.token,
        body: { codes: [second] },
        expect: 200,
      });
      if (results[0].outcome !== 'genuine') throw new NotYet(`lookup answers ${results[0].outcome}`);
    }, notYet);
    for (const link of [first, first, second, madeUp]) {
      expect((await fetch(link, { redirect: 'manual' })).status).toBe(307);
    }
    const vinhLong = staff.vinhLongOfficer.token;
    // Scans are written every second: the officer's API shows them once written.
    const summary = await eventually(async () => {
      const s = await ctx.lookup.get('/stats/scans/summary', { token: vinhLong });
      if (s.total !== 4) throw new NotYet(`lookup counts ${s.total} scans`);
      return s;
    }, notYet);
    expect(summary.byOutcome).toEqual([
      { outcome: 'genuine', scans: 3 },
      { outcome: 'unknown', scans: 1 },
    ]);

    const account = STAFF_ACCOUNTS.find((a) => a.key === 'vinhLongOfficer');
    if (!account) throw new Error('no Vĩnh Long officer among the staff accounts');
    const context = await personContext(browser, { viewport: DESKTOP });
    try {
      const page = await context.newPage();
      await signIn(page, portal, account, 'vi', /\/can-bo$/);
      await page.goto(`${portal}/can-bo/chi-tieu`);
      await page.getByRole('heading', { level: 2, name: 'Lượt quét tem và kết quả' }).waitFor();
      await page
        .getByTestId('scan-total')
        .getByText('Tổng 4 lượt quét; 1 lượt có kết quả khác “Hàng thật” (25%).')
        .waitFor();
      const product = page.getByTestId('scan-by-product').getByRole('listitem');
      await expect(product.count()).resolves.toBe(1);
      await product.getByText(`${STORY_PRODUCT.nameVi} · ${STORY_PRODUCT.producerName}`).waitFor();
      await product.getByText('4 lượt · 1 lượt cần xem lại').waitFor();
      await product.getByText('Hàng thật 3 · Không có trong hệ thống 1').waitFor();
      const district = page.getByTestId('scan-by-district').getByRole('listitem');
      await district.getByText(labels.district).waitFor();
      await district.getByText('4 lượt · 1 lượt cần xem lại').waitFor();
      await checkPage(page, 'officer-goals-scans-vi');
    } finally {
      await context.close();
    }
  }, 300_000);

  it('fits a 360-px phone in English: the same figure, the communes on their boundaries, and the scans', async () => {
    const context = await personContext(browser, { viewport: PHONE, locale: 'en-GB' });
    try {
      const page = await context.newPage();
      await signIn(page, portal, officer(), 'en', /\/can-bo$/);
      await page.goto(`${portal}/can-bo/chi-tieu?ngay=${AT}&ban-do=bt-2022`);
      await page.getByTestId('coverage-figure').getByText('41/157 communes (26.11%)').waitFor();
      // The boundaries the admin loaded above are drawn on the phone too, not the schematic grid.
      const map = page.getByTestId('coverage-map');
      await map.locator('path').first().waitFor();
      expect(await map.locator('path.goals-map-covered').count()).toBe(41);
      expect(await contentWidth(page)).toBeLessThanOrEqual(PHONE.width);
      await checkPage(page, 'officer-goals-phone-en');

      // Today's dashboard counts the scans above: the province's officer reads them as the district's did.
      await page.goto(`${portal}/can-bo/chi-tieu`);
      await page
        .getByTestId('scan-total')
        .getByText('4 scans in all; 1 answered something other than “Genuine” (25%).')
        .waitFor();
      await page.getByTestId('scan-by-product').getByText('4 scans · 1 to look into').waitFor();
      expect(await contentWidth(page)).toBeLessThanOrEqual(PHONE.width);
      await checkPage(page, 'officer-goals-scans-phone-en');
    } finally {
      await context.close();
    }
  }, 300_000);
});
