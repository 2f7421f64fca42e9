import { RatingEvents } from '@ocop/contracts';
import { GS } from '@ocop/ocop-domain';
import { parse } from 'csv-parse/sync';
import { certificate } from '../../test/fixtures';
import { LookupHarness, SeededItem, startLookup } from '../../test/lookup-harness';

describe('Bulk verification of codes as scanners produce them (integration)', () => {
  let t: LookupHarness;
  let item: SeededItem;
  let lapsed: SeededItem;
  let token: string;
  let gtin: string;
  let lot: string;
  let serial: string;

  beforeAll(async () => {
    t = await startLookup('lookup_verify', { VERIFY_MAX_CODES: '20' });
    item = await t.seedItem({ units: 2 });
    gtin = item.batch.gtin as string;
    lot = item.batch.lot;
    serial = item.serials[0];
    // A product whose 3★ certificate ran out last month.
    lapsed = await t.seedItem({ units: 1, certificate: false });
    const issuedAt = new Date(Date.now() - 4 * 365 * 86_400_000).toISOString();
    await t.publish(
      RatingEvents.certificateIssued,
      certificate(lapsed.product, {
        stars: 3,
        issuedAt,
        expiresAt: new Date(Date.now() - 30 * 86_400_000).toISOString(),
      }),
    );
    await t.waitForRows(
      'SELECT count(*)::int AS n FROM rm_certificates WHERE product_id = $1',
      [lapsed.product.productId],
      1,
    );
    token = await t.token({ roles: ['retailer'] });
  });

  afterAll(async () => {
    await t?.close();
  });

  const verify = async (codes: string[]) => {
    const res = await t.request('POST', '/verify', { token, body: { codes } });
    expect(res.status).toBe(200);
    return res.body.results as Record<string, unknown>[];
  };

  it('answers the same unit whatever form its code comes in, with the OCOP stars and certificate state', async () => {
    const forms = [
      [`https://resolver.other.example/01/${gtin}/10/${lot}/21/${serial}`, 'digital-link'],
      [`(01)${gtin}(10)${lot}(21)${serial}`, 'element-string'],
      [`]d201${gtin}10${lot}${GS}21${serial}`, 'element-string'],
      [`]Q3${GS}01${gtin}21${serial}${GS}10${lot}`, 'element-string'],
      [`]C101${gtin}10${lot}${GS}21${serial}`, 'element-string'],
    ];
    const results = await verify(forms.map(([code]) => code));
    forms.forEach(([code, format], i) => {
      expect(results[i]).toMatchObject({
        code,
        format,
        outcome: 'genuine',
        level: 'unit',
        gtin,
        lot,
        serial,
        ocop: { stars: 4, certificate: { state: 'valid', number: expect.stringMatching(/^OCOP-BT-/) } },
      });
    });
  });

  it('answers a plain EAN-13 or GTIN-14 at product level, and shows a lapsed certificate as such', async () => {
    const [ean13, gtin14, old] = await verify([gtin.slice(1), gtin, lapsed.batch.gtin as string]);
    for (const r of [ean13, gtin14]) {
      expect(r).toMatchObject({ format: 'gtin', level: 'product', gtin, ocop: { stars: 4 } });
      expect(r).not.toHaveProperty('serial');
    }
    expect(old).toMatchObject({
      outcome: 'certificate-expired',
      ocop: { stars: 3, certificate: { state: 'expired' } },
    });
  });

  it('answers each malformed code with its specific problem, never failing the batch', async () => {
    const badCheck = `${gtin.slice(0, 13)}${(Number(gtin[13]) + 1) % 10}`;
    const results = await verify([
      `(01)${badCheck}(10)${lot}`,
      `]d201${gtin.slice(0, 9)}`,
      `01${gtin}3103000500`,
      `01${gtin}10${'L'.repeat(25)}`,
      'hello',
      `https://resolver.other.example/01/${gtin}/21/${serial}/10/${lot}`,
      `https://id.ocop.test/01/${gtin}/10/${lot}/21/${serial}`,
    ]);
    expect(
      results.map((r) => [r['outcome'], (r['problem'] as { reason?: string } | undefined)?.reason]),
    ).toEqual([
      ['invalid', 'gtin-check-digit'],
      ['invalid', 'truncated'],
      ['invalid', 'unknown-ai'],
      ['invalid', 'value-too-long'],
      ['invalid', 'not-recognised'],
      ['invalid', 'qualifier-order'],
      ['genuine', undefined],
    ]);
    expect(results[2]).toMatchObject({
      reason: { vi: expect.stringContaining('AI 31'), en: expect.stringContaining('AI 31') },
    });
  });

  it('reads a CSV upload (a "code" column, or one code a line) and answers as CSV when asked', async () => {
    const file = [
      'sku;code;note',
      `A1;(01)${gtin}(10)${lot}(21)${serial};ok`,
      `A2;"]d201${gtin}10${lot}${GS}21${item.serials[1]}";`,
      `A3;${gtin.slice(1)};`,
      'A4;=HYPERLINK("http://evil.example");',
      'A5;;blank code cells are skipped',
    ].join('\r\n');
    const json = await t.request('POST', '/verify/csv', {
      token,
      body: file,
      headers: { 'content-type': 'text/csv' },
    });
    expect(json.status).toBe(200);
    expect(json.body.results.map((r: { outcome: string }) => r.outcome)).toEqual([
      'genuine',
      'genuine',
      'genuine',
      'invalid',
    ]);

    const csv = await t.request('POST', '/verify/csv', {
      token,
      body: file,
      headers: { 'content-type': 'text/csv; charset=utf-8', accept: 'text/csv' },
    });
    expect(csv.status).toBe(200);
    expect(String(csv.headers['content-type'])).toMatch(/^text\/csv/);
    expect(String(csv.headers['content-disposition'])).toContain('attachment');
    const rows = parse(String(csv.body), { bom: true }) as string[][];
    expect(rows[0]).toEqual(expect.arrayContaining(['code', 'outcome', 'stars', 'certificate_state']));
    const column = (name: string) => rows[0].indexOf(name);
    expect(rows.slice(1).map((r) => [r[column('outcome')], r[column('level')], r[column('stars')]])).toEqual([
      ['genuine', 'unit', '4'],
      ['genuine', 'unit', '4'],
      ['genuine', 'product', '4'],
      ['invalid', '', ''],
    ]);
    expect(rows[1][column('certificate_state')]).toBe('valid');
    expect(rows[1][column('product_vi')]).toBe(item.product.nameVi);
    // The retailer's own cell comes back, but never as a formula (decision 0028).
    expect(rows[4][column('code')]).toBe(`'=HYPERLINK("http://evil.example")`);

    // Without a "code" header, every line's first cell is a code.
    const plain = await t.request('POST', '/verify/csv', {
      token,
      body: `${gtin}\n(01)${gtin}(10)${lot}\n`,
      headers: { 'content-type': 'text/plain' },
    });
    expect(plain.body.results).toMatchObject([
      { format: 'gtin', level: 'product' },
      { format: 'element-string', level: 'batch', lot },
    ]);
  });

  it('refuses too many codes, unreadable files, strangers and other roles', async () => {
    const many = Array.from({ length: 21 }, () => gtin).join('\n');
    const tooMany = await t.request('POST', '/verify/csv', {
      token,
      body: many,
      headers: { 'content-type': 'text/csv' },
    });
    expect(tooMany.status).toBe(413);
    expect(tooMany.body).toMatchObject({ code: 'too-many-codes', max: 20 });
    const unclosed = await t.request('POST', '/verify/csv', {
      token,
      body: `code\n"(01)${gtin}\n`,
      headers: { 'content-type': 'text/csv' },
    });
    expect(unclosed.status).toBe(400);
    expect(unclosed.body).toMatchObject({ code: 'verify-file-unreadable', line: 2 });
    expect(unclosed.body.title).toContain(' / ');
    const json = await t.request('POST', '/verify/csv', { token, body: { codes: [gtin] } });
    expect(json.status).toBe(400);
    expect(json.body).toMatchObject({ code: 'verify-file-unreadable', field: 'body' });
    const anonymous = await t.request('POST', '/verify/csv', {
      body: gtin,
      headers: { 'content-type': 'text/csv' },
    });
    expect(anonymous.status).toBe(401);
    const producer = await t.token({ roles: ['producer'], producerId: item.producer.producerId });
    const forbidden = await t.request('POST', '/verify/csv', {
      token: producer,
      body: gtin,
      headers: { 'content-type': 'text/csv' },
    });
    expect(forbidden.status).toBe(403);
  });
});
