import { CatalogueEvents } from '@ocop/contracts';
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { CatalogueHarness, Json, startCatalogue } from '../../test/catalogue-harness';
import { gtin } from '../../test/fixtures';
import { parseCsv } from '../common/csv';

const PRODUCERS_HEADER =
  'Tên chủ thể,Loại chủ thể,Mã số thuế,Người đại diện,Nữ,Dân tộc thiểu số,Địa chỉ,Mã xã,Bản đồ hành chính,Điện thoại';
// Communes of four districts: Chợ Lách, Châu Thành, Ba Tri, Thành phố Bến Tre.
const COMMUNES = ['28882', '28807', '29113', '28780'];

function producersCsv(
  count: number,
  taxBase: number,
  change: (i: number, cells: string[]) => void = () => undefined,
): string {
  const lines = [PRODUCERS_HEADER];
  for (let i = 0; i < count; i++) {
    const cells = [
      `"Hợp tác xã Dừa số ${taxBase + i}, Bến Tre"`,
      i % 2 ? 'Hợp tác xã' : 'Doanh nghiệp',
      String(taxBase + i).padStart(10, '0'),
      'Nguyễn Thị Lan',
      i % 3 === 0 ? 'x' : '',
      'không',
      'Ấp 1',
      COMMUNES[i % COMMUNES.length],
      '2022',
      '0275 3822 123',
    ];
    change(i, cells);
    lines.push(cells.join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

const PRODUCTS_HEADER =
  'Tên sản phẩm,Mã số thuế chủ thể,Bộ sản phẩm,GTIN,Quy cách,Thành phần,Hạn sử dụng (ngày),Trạng thái,Số sao';

function productsCsv(
  taxCodes: string[],
  count: number,
  prefix: string,
  bad: Map<number, (cells: string[]) => void> = new Map(),
): string {
  const lines = [PRODUCTS_HEADER];
  for (let i = 0; i < count; i++) {
    const cells = [
      `Kẹo dừa số ${i + 1}`,
      taxCodes[i % taxCodes.length],
      '7. Chế biến từ rau củ quả hạt',
      gtin(prefix, i + 1),
      '400 g; 1 kg',
      'Cơm dừa; đường',
      '270',
      i % 2 ? 'đang bán' : 'nháp',
      '4',
    ];
    bad.get(i)?.(cells);
    lines.push(cells.join(','));
  }
  return `${lines.join('\n')}\n`;
}

describe('CSV import and export (integration)', () => {
  let catalogue: CatalogueHarness;
  let admin: string;
  let taxCodes: string[];
  const csv = (payload: string) => ({ contentType: 'text/csv; charset=utf-8', payload });

  beforeAll(async () => {
    catalogue = await startCatalogue('cat_import');
    admin = await catalogue.token({ roles: ['admin'] });
  });

  afterAll(async () => {
    await catalogue?.close();
  });

  describe('producers', () => {
    it('reports every bad row by line and column in a dry run, refuses the file whole, then imports the fixed file', async () => {
      const broken = producersCsv(20, 3100000000, (i, cells) => {
        if (i === 4) cells[2] = '31000004'; // line 6: tax code too short
        if (i === 9) cells[7] = '99999'; // line 11: no such commune
        if (i === 14) cells[0] = ''; // line 16: no name
      });
      const before = {
        producers: await catalogue.count('producers'),
        outbox: await catalogue.count('outbox'),
      };
      const dry = await catalogue.request('POST', '/imports/producers/dry-run', {
        token: admin,
        raw: csv(broken),
      });
      expect(dry.status).toBe(200);
      expect(dry.body).toMatchObject({ dryRun: true, rows: 20, valid: 17 });
      expect(dry.body.errors.map((e: Json) => [e.line, e.column])).toEqual([
        [6, 'Mã số thuế'],
        [11, 'Mã xã'],
        [16, 'Tên chủ thể'],
      ]);
      const rejected = await catalogue.request('POST', '/imports/producers', {
        token: admin,
        raw: csv(broken),
      });
      expect(rejected.status).toBe(400);
      expect(rejected.body).toMatchObject({ code: 'import-rejected', rows: 20, valid: 17 });
      expect(rejected.body.errors.map((e: Json) => e.line)).toEqual([6, 11, 16]);
      expect({
        producers: await catalogue.count('producers'),
        outbox: await catalogue.count('outbox'),
      }).toEqual(before);

      const fixed = producersCsv(20, 3100000000);
      const imported = await catalogue.request('POST', '/imports/producers', {
        token: admin,
        raw: csv(fixed),
      });
      expect(imported.status).toBe(201);
      expect(imported.body.created).toHaveLength(20);
      expect(await catalogue.count('producers')).toBe(before.producers + 20);
      expect(await catalogue.count('outbox')).toBe(before.outbox + 20);
      const first = await catalogue.request('GET', `/producers/${imported.body.created[0].id}`, {
        token: admin,
      });
      expect(first.body).toMatchObject({
        name: 'Hợp tác xã Dừa số 3100000000, Bến Tre',
        type: 'enterprise',
        status: 'pending',
        legalRepresentative: { woman: true, ethnicMinority: false },
        address: { unitMap: 'bt-2022', communeCode: '28882' },
      });
      taxCodes = Array.from({ length: 20 }, (_, i) => String(3100000000 + i).padStart(10, '0'));

      const again = await catalogue.request('POST', '/imports/producers/dry-run', {
        token: admin,
        raw: csv(fixed),
      });
      expect(again.body.errors).toHaveLength(20);
      expect(again.body.errors[0].message).toMatch(/mã số thuế đã có/);
    });

    it('reads files saved by Excel in a Vietnamese locale (";" separators, BOM)', async () => {
      const semicolons =
        '\uFEFF' +
        producersCsv(2, 3200000000)
          .replace(/,/g, ';')
          .replace('"Hợp tác xã Dừa số 3200000000; Bến Tre"', 'HTX A')
          .replace('"Hợp tác xã Dừa số 3200000001; Bến Tre"', 'HTX B');
      const dry = await catalogue.request('POST', '/imports/producers/dry-run', {
        token: admin,
        raw: csv(semicolons),
      });
      expect(dry.body).toMatchObject({ rows: 2, valid: 2, errors: [] });
    });

    it('replays an import with the same Idempotency-Key and file, and refuses the key with another file', async () => {
      // The file is read as a stream: the key's fingerprint is the digest of its bytes.
      const key = `import-${randomUUID()}`;
      const send = (payload: string) =>
        catalogue.request('POST', '/imports/producers', {
          token: admin,
          raw: csv(payload),
          headers: { 'idempotency-key': key },
        });
      const first = await send(producersCsv(2, 3500000000));
      expect(first.status).toBe(201);
      const replay = await send(producersCsv(2, 3500000000));
      expect(replay.body.created).toEqual(first.body.created);
      expect(replay.body.created).toHaveLength(2);
      expect(await send(producersCsv(2, 3600000000))).toMatchObject({
        status: 422,
        body: { code: 'idempotency-key-reused' },
      });
    });

    it('keeps officers to their territory and refuses non-CSV bodies', async () => {
      const baTri = await catalogue.token({
        roles: ['officer'],
        scope: { provinceCode: '83', districtCode: '836' },
      });
      const dry = await catalogue.request('POST', '/imports/producers/dry-run', {
        token: baTri,
        raw: csv(producersCsv(4, 3300000000)),
      });
      // Only the third row (Tân Mỹ, Ba Tri) is in the officer's district.
      expect(dry.body.errors.map((e: Json) => e.line)).toEqual([2, 3, 5]);
      const json = await catalogue.request('POST', '/imports/producers/dry-run', {
        token: admin,
        body: { rows: [] },
      });
      expect(json.status).toBe(415);
      const producer = await catalogue.token({ roles: ['producer'], producerId: randomUUID() });
      expect(
        (
          await catalogue.request('POST', '/imports/producers', {
            token: producer,
            raw: csv(producersCsv(1, 3400000000)),
          })
        ).status,
      ).toBe(403);
    });
  });

  describe('products: 2,000 rows', () => {
    const BAD_LINES = [101, 1001, 1999];
    const broken = () =>
      productsCsv(
        taxCodes,
        2000,
        '8936100',
        new Map<number, (cells: string[]) => void>([
          [99, (cells) => (cells[3] = cells[3].slice(0, 12) + String((Number(cells[3][12]) + 1) % 10))], // wrong check digit
          [999, (cells) => (cells[2] = '27')], // no such product set
          [1997, (cells) => (cells[0] = '')], // no name
        ]),
      );

    it('names exactly the 3 bad rows in a dry run and stores nothing', async () => {
      const before = { products: await catalogue.count('products'), outbox: await catalogue.count('outbox') };
      const dry = await catalogue.request('POST', '/imports/products/dry-run', {
        token: admin,
        raw: csv(broken()),
      });
      expect(dry.status).toBe(200);
      expect(dry.body).toMatchObject({ dryRun: true, rows: 2000, valid: 1997 });
      expect(dry.body.errors).toEqual([
        { line: 101, column: 'GTIN', message: expect.stringContaining('sai số kiểm tra') },
        { line: 1001, column: 'Bộ sản phẩm', message: expect.stringContaining('QĐ 148') },
        { line: 1999, column: 'Tên sản phẩm', message: expect.stringContaining('bắt buộc') },
      ]);
      expect(dry.body.warnings).toEqual([
        { column: 'Số sao', message: expect.stringContaining('dịch vụ đánh giá') },
      ]);
      expect({
        products: await catalogue.count('products'),
        outbox: await catalogue.count('outbox'),
      }).toEqual(before);
    });

    it('refuses the broken file whole: a 400 naming the same rows, nothing stored', async () => {
      const before = {
        products: await catalogue.count('products'),
        gtins: await catalogue.count('product_gtins'),
        outbox: await catalogue.count('outbox'),
      };
      const res = await catalogue.request('POST', '/imports/products', { token: admin, raw: csv(broken()) });
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: Json) => e.line)).toEqual(BAD_LINES);
      expect({
        products: await catalogue.count('products'),
        gtins: await catalogue.count('product_gtins'),
        outbox: await catalogue.count('outbox'),
      }).toEqual(before);
    });

    it('imports all 2,000 rows of the fixed file in one go, one created event each', async () => {
      const before = await catalogue.count('outbox');
      const res = await catalogue.request('POST', '/imports/products', {
        token: admin,
        raw: csv(productsCsv(taxCodes, 2000, '8936100')),
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ dryRun: false, rows: 2000, valid: 2000, errors: [] });
      expect(res.body.created).toHaveLength(2000);
      expect(await catalogue.count('products')).toBe(2000);
      expect(await catalogue.count('product_gtins')).toBe(2000);
      expect(await catalogue.count('outbox')).toBe(before + 2000);
      const created = await catalogue.outbox(CatalogueEvents.productCreated);
      expect(created).toHaveLength(2000);
      const sample = await catalogue.request('GET', `/products/${res.body.created[1].id}`, { token: admin });
      expect(sample.body).toMatchObject({
        nameVi: 'Kẹo dừa số 2',
        status: 'active',
        productSet: 7,
        packageSizes: [
          { quantity: 400, unit: 'g' },
          { quantity: 1, unit: 'kg' },
        ],
        shelfLifeDays: 270,
        ocop: null,
      });
    });

    it('refuses GTINs already in the catalogue on a second import', async () => {
      const dry = await catalogue.request('POST', '/imports/products/dry-run', {
        token: admin,
        raw: csv(productsCsv(taxCodes, 3, '8936100')),
      });
      expect(dry.body.errors.map((e: Json) => [e.line, e.column])).toEqual([
        [2, 'GTIN'],
        [3, 'GTIN'],
        [4, 'GTIN'],
      ]);
    });

    it('refuses a file past 5,000 rows at its first extra row, and one past the byte limit with 413', async () => {
      const many = productsCsv(taxCodes, 6000, '8936300');
      const res = await catalogue.request('POST', '/imports/products/dry-run', {
        token: admin,
        raw: csv(many),
      });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({
        code: 'import-file-invalid',
        errors: [
          { field: 'body', message: expect.stringMatching(/^dòng \/ line 5002: .*at most 5000 rows/) },
        ],
      });
      const long = `${PRODUCTS_HEADER}\n${'x'.repeat(70 * 1024)},${taxCodes[0]}\n`;
      const tooLong = await catalogue.request('POST', '/imports/products/dry-run', {
        token: admin,
        raw: csv(long),
      });
      expect(tooLong.body).toMatchObject({ status: 400, code: 'import-file-invalid' });
      const huge = await catalogue.app.inject({
        method: 'POST',
        url: '/imports/products/dry-run',
        headers: {
          authorization: `Bearer ${admin}`,
          'content-type': 'text/csv',
          'content-length': String(11 * 1024 * 1024),
        },
        payload: Readable.from([Buffer.from(PRODUCTS_HEADER)]),
      });
      expect(huge.statusCode).toBe(413);
      expect(huge.json().code).toBe('payload-too-large');
    });

    it('lets a producer import for itself only', async () => {
      const [own] = await catalogue.dataSource.query(`SELECT id FROM producers WHERE tax_code = $1`, [
        taxCodes[0],
      ]);
      const token = await catalogue.token({ roles: ['producer'], producerId: own.id });
      const dry = await catalogue.request('POST', '/imports/products/dry-run', {
        token,
        raw: csv(productsCsv(taxCodes, 2, '8936200')),
      });
      expect(dry.body.errors).toEqual([
        { line: 3, column: 'Mã số thuế chủ thể', message: expect.stringContaining('ngoài phạm vi') },
      ]);
    });
  });

  describe('export', () => {
    it('exports one district as CSV that Excel opens: UTF-8 BOM, CRLF, bilingual headers', async () => {
      const res = await catalogue.request('GET', '/exports/products.csv?district=832', { token: admin });
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toContain('ocop-products-bt-2022-832.csv');
      expect(res.text.startsWith('\uFEFF')).toBe(true);
      expect(res.text).toContain('\r\n');
      const [header, ...rows] = parseCsv(res.text);
      expect(header.fields.slice(0, 4)).toEqual([
        'Mã huyện / District code',
        'Huyện / District',
        'Mã xã / Commune code',
        'Xã / Commune',
      ]);
      expect(rows).toHaveLength(500);
      expect(rows.every((r) => r.fields[0] === '832' && r.fields[1] === 'Huyện Chợ Lách')).toBe(true);
    });

    it('groups by district, or by commune under the 2025 map, and offers ";" for Vietnamese Excel', async () => {
      const all = parseCsv((await catalogue.request('GET', '/exports/products.csv', { token: admin })).text);
      const districts = all.slice(1).map((r) => r.fields[0]);
      expect(districts).toEqual([...districts].sort());
      const res = await catalogue.request(
        'GET',
        '/exports/products.csv?unitMap=vl-2025-07&delimiter=semicolon',
        { token: admin },
      );
      const [header, first] = parseCsv(res.text, ';');
      expect(header.fields[0]).toBe('Mã xã / Commune code');
      expect(first.fields[0]).toMatch(/^\d{5}$/);
    });

    it('shows officers their territory only and refuses producers and anonymous callers', async () => {
      const choLach = await catalogue.token({
        roles: ['officer'],
        scope: { provinceCode: '83', districtCode: '832' },
      });
      const rows = parseCsv(
        (await catalogue.request('GET', '/exports/products.csv', { token: choLach })).text,
      ).slice(1);
      expect(rows).toHaveLength(500);
      const producer = await catalogue.token({ roles: ['producer'], producerId: randomUUID() });
      expect((await catalogue.request('GET', '/exports/products.csv', { token: producer })).status).toBe(403);
      expect((await catalogue.request('GET', '/exports/products.csv')).status).toBe(401);
      const bad = await catalogue.request('GET', '/exports/products.csv?district=28882', { token: admin });
      expect(bad.status).toBe(400);
      expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'district' })]);
    });
  });
});
