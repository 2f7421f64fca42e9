import { parseDigitalLink } from '@ocop/ocop-domain';
import { parse } from 'csv-parse/sync';
import { Json, startTraceability, TraceabilityHarness } from '../../test/traceability-harness';
import { CSV_HEADER } from './csv-labels';

const SUM = "@SUM(1+1)*cmd|' /C calc'!A0";
/** 18 characters of GS1 set 82: a lot may carry a formula too. */
const LOT = '=HYPERLINK("x.io")';

/**
 * The printing house's CSV carries the producer's product name and lot: a spreadsheet that opens it must show
 * them as text, not run them.
 */
describe('label CSV: formula injection (integration)', () => {
  let t: TraceabilityHarness;
  let token: string;
  let batch: Json;

  beforeAll(async () => {
    t = await startTraceability('trace_labels_csv');
    const { producer, product } = await t.seedProducer({}, { nameVi: SUM });
    token = await t.token({ roles: ['producer'], producerId: producer.producerId });
    const created = await t.request('POST', '/batches', {
      token,
      body: { productId: product.productId, lot: LOT, quantity: 3, unit: 'XBX', expiryDate: '2027-05-31' },
    });
    expect(created.status).toBe(201);
    batch = created.body;
    expect(
      (await t.request('POST', `/batches/${batch.batchId}/units`, { token, body: { count: 3 } })).status,
    ).toBe(201);
  });

  afterAll(async () => {
    await t?.close();
  });

  it.each([
    ['serialised units', 'format=csv'],
    ['batch-level copies', 'format=csv&batchLevel=true&copies=3'],
  ])('writes %s with the product name and lot neutralised', async (_, query) => {
    const res = await t.request('GET', `/batches/${batch.batchId}/labels?${query}`, { token });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    const text = res.raw.toString('utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    // One BOM, at the start: the rows written after the header carry none.
    expect(text.lastIndexOf('\uFEFF')).toBe(0);
    const [header, ...rows] = parse(text, { bom: true }) as string[][];
    expect(header).toEqual(CSV_HEADER);
    expect(rows.map((r) => r[0])).toEqual(['1', '2', '3']);
    for (const row of rows) {
      expect(row[CSV_HEADER.indexOf('lot')]).toBe(`'${LOT}`);
      expect(row[CSV_HEADER.indexOf('product_name')]).toBe(`'${SUM}`);
      expect(row[CSV_HEADER.indexOf('expiry_date')]).toBe('2027-05-31');
      // The code the press encodes keeps the lot as it is.
      const link = parseDigitalLink(row[CSV_HEADER.indexOf('digital_link')], 2026);
      expect(link.ok && link.value.lot).toBe(LOT);
      for (const value of row) expect(value).not.toMatch(/^[=+\-@\t\r]/);
    }
  });
});
