import { parseDigitalLink } from '@ocop/ocop-domain';
import { waitFor } from '@ocop/testing';
import jsQR from 'jsqr';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import { inspectPdf } from '../../test/pdf-inspect';
import { decodeRuns } from '../../test/qr-decode';
import { Json, startTraceability, TraceabilityHarness } from '../../test/traceability-harness';
import { labelFontPath } from './label-fonts';

describe('QR codes and labels (integration)', () => {
  let t: TraceabilityHarness;
  let tokenA: string;
  let tokenB: string;
  let batch: Json;
  let units: Json[];

  beforeAll(async () => {
    t = await startTraceability('trace_labels', {
      LABEL_SYNC_MAX: '200',
      RESOLVER_BASE_URL: 'https://id.ocop.test',
    });
    const a = await t.seedProducer({}, { nameVi: 'Kẹo dừa sáp Thạnh Phú', nameEn: 'Waxy coconut candy' });
    const b = await t.seedProducer();
    tokenA = await t.token({ roles: ['producer'], producerId: a.producer.producerId });
    tokenB = await t.token({ roles: ['producer'], producerId: b.producer.producerId });
    await t.dataSource.query(
      `INSERT INTO ocop_certificates (certificate_id, product_id, stars, issued_at, expires_at)
       VALUES ($1, $2, 4, now() - interval '1 year', now() + interval '2 years')`,
      [randomUUID(), a.product.productId],
    );
    batch = (
      await t.request('POST', '/batches', {
        token: tokenA,
        body: {
          productId: a.product.productId,
          lot: 'KD-2611',
          quantity: 500,
          unit: 'XBX',
          expiryDate: '2027-05-31',
        },
      })
    ).body;
    await t.request('POST', `/batches/${batch.batchId}/units`, {
      token: tokenA,
      body: { count: 40, signed: true },
    });
    await t.request('POST', `/batches/${batch.batchId}/units`, { token: tokenA, body: { count: 460 } });
    units = (await t.request('GET', `/batches/${batch.batchId}/units?limit=1000`, { token: tokenA })).body
      .items;
  });

  afterAll(async () => {
    await t?.close();
  });

  const labels = (query: string, token = tokenA) =>
    t.request('GET', `/batches/${batch.batchId}/labels?${query}`, { token });

  describe('QR images', () => {
    it('serves a unit’s PNG that decodes, with an independent decoder, to exactly its URI', async () => {
      const unit = units[0];
      const res = await t.request(
        'GET',
        `/batches/${batch.batchId}/units/${unit.serial}/qr.png?size=300&ecc=Q&margin=4`,
        {
          token: tokenA,
        },
      );
      expect(res.headers['content-type']).toBe('image/png');
      const png = PNG.sync.read(res.raw);
      expect(png.width).toBe(300);
      expect(jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data).toBe(unit.digitalLink);
    });

    it('serves the batch-level code as SVG, and nothing to another producer', async () => {
      const res = await t.request('GET', `/batches/${batch.batchId}/qr.svg?size=200`, { token: tokenA });
      expect(res.headers['content-type']).toContain('image/svg+xml');
      expect(res.body).toMatch(/^<svg [^>]*width="200"/);
      expect((await t.request('GET', `/batches/${batch.batchId}/qr.svg`, { token: tokenB })).status).toBe(
        404,
      );
      expect(
        (await t.request('GET', `/batches/${batch.batchId}/qr.png?ecc=X`, { token: tokenA })).body.errors[0]
          .field,
      ).toBe('ecc');
    });
  });

  describe('PDF sheets', () => {
    it('lays 50 labels out on 3 A4 pages of 3×8, every QR decoding to its unit’s valid URI', async () => {
      const res = await labels('format=pdf&layout=a4-3x8&fromSeq=1&toSeq=50');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      const pdf = inspectPdf(res.raw);
      expect(pdf.pages).toBe(3);
      const decoded = pdf.qrTexts();
      expect(decoded).toEqual(units.slice(0, 50).map((u) => u.digitalLink));
      for (const uri of decoded) expect(parseDigitalLink(uri as string, 2026).ok).toBe(true);
      // Signed units carry their signature in the code.
      expect(decoded[0]).toMatch(/&8030=[A-Za-z0-9_-]{86}$/);
      expect(decoded[45]).not.toContain('8030');
    });

    it('prints the OCOP mark, the names in Vietnamese first, lot, expiry, the call to scan and the serial', async () => {
      const { lines } = inspectPdf((await labels('format=pdf&layout=a4-4x10&fromSeq=41&toSeq=41')).raw);
      // The mark's word, then the names (wrapped as the label's width wants), details, the call, the serial.
      expect(lines[0]).toBe('OCOP');
      const names = lines.slice(1, lines.indexOf('Lô / Lot: KD-2611'));
      expect(names.join(' ')).toBe('Kẹo dừa sáp Thạnh Phú Waxy coconut candy');
      expect(lines.slice(lines.indexOf('Lô / Lot: KD-2611'))).toEqual([
        'Lô / Lot: KD-2611',
        'HSD / EXP: 31/05/2027',
        'Quét để kiểm tra',
        'Scan to verify',
        units[40].serial,
      ]);
    });

    it('makes 4×10 sheets and one-label pages for thermal printers', async () => {
      expect(inspectPdf((await labels('format=pdf&layout=a4-4x10&toSeq=90')).raw)).toMatchObject({
        pages: 3,
      });
      const thermal = inspectPdf((await labels('format=pdf&layout=thermal-50x30&toSeq=7')).raw);
      expect(thermal.pages).toBe(7);
      expect(thermal.qrTexts()).toEqual(units.slice(0, 7).map((u) => u.digitalLink));
    });

    it('makes batch-level labels without serials', async () => {
      const pdf = inspectPdf((await labels('format=pdf&batchLevel=true&copies=30')).raw);
      expect(pdf.pages).toBe(2);
      expect(pdf.qrCodes).toHaveLength(30);
      expect(new Set(pdf.qrTexts().slice(0, 2))).toEqual(new Set([batch.digitalLink]));
    });

    it('sends large runs to a job, which reports progress and streams its file', async () => {
      expect((await labels('format=pdf')).body).toMatchObject({
        status: 413,
        code: 'label-run-too-large',
        total: 500,
      });
      const started = await t.request('POST', `/batches/${batch.batchId}/label-jobs`, {
        token: tokenA,
        body: { format: 'pdf', layout: 'a4-4x10' },
      });
      expect(started.status).toBe(202);
      expect(started.headers['location']).toBe(`/label-jobs/${started.body.jobId}`);
      expect((await t.request('GET', `/label-jobs/${started.body.jobId}`, { token: tokenB })).status).toBe(
        404,
      );
      const done = await waitFor(
        async () => {
          const res = await t.request('GET', `/label-jobs/${started.body.jobId}`, { token: tokenA });
          expect(res.body.status).toBe('succeeded');
          return res.body;
        },
        { intervalMs: 100 },
      );
      expect(done).toMatchObject({
        done: 500,
        total: 500,
        outputUrl: `/label-jobs/${started.body.jobId}/output`,
      });
      const file = await t.request('GET', done.outputUrl, { token: tokenA });
      const pdf = inspectPdf(file.raw);
      expect(pdf.pages).toBe(13);
      expect(pdf.qrCodes).toHaveLength(500);
      // Every code is distinct (one per unit); decoding the last page checks the job wrote the run to its end.
      expect(new Set(pdf.qrCodes.map((c) => c.runs)).size).toBe(500);
      const lastPage = pdf.qrCodes.slice(480).map((c) => decodeRuns(c.size, c.runs, 2));
      expect(lastPage).toEqual(units.slice(480).map((u) => u.digitalLink));
    });
  });

  describe('ZPL and CSV', () => {
    it('writes one ZPL label per unit, after the Vietnamese font the labels are printed with', async () => {
      const res = await labels('format=zpl&layout=thermal-50x30&toSeq=12');
      const font = readFileSync(labelFontPath('regular'));
      // The job starts by storing DejaVu Sans Condensed in the printer's RAM (~DY, ASCII hex, TrueType).
      const preamble = `~DYR:OCOPVN.TTF,A,T,${font.length},,`;
      expect(res.body.startsWith(preamble)).toBe(true);
      expect(res.body.slice(preamble.length, preamble.length + 16)).toBe(
        font.subarray(0, 8).toString('hex').toUpperCase(),
      );
      const blocks = res.body.split('^XZ').filter((b: string) => b.includes('^XA'));
      expect(blocks).toHaveLength(12);
      blocks.forEach((block: string, i: number) => {
        const uri = units[i].digitalLink.replace(/_/g, '_5F');
        expect(block).toContain('^CI28');
        expect(block).toContain('^CWV,R:OCOPVN.TTF');
        expect(block).toContain(`^BQN,2,`);
        expect(block).toContain(`^FDQA,${uri}^FS`);
        expect(block).toContain(`^FD${units[i].serial}^FS`);
        // Every field starts inside the 50 × 30 mm label (400 × 240 dots at 203 dpi).
        for (const [, x, y] of block.matchAll(/\^FO(\d+),(\d+)/g)) {
          expect(Number(x)).toBeLessThan(400);
          expect(Number(y)).toBeLessThan(240);
        }
      });
      expect(blocks[0]).toContain('K_E1_BA_B9o d_E1_BB_AB');
      expect(blocks[0]).toContain('Qu_C3_A9t _C4_91_E1_BB_83 ki_E1_BB_83m tra');
      // A printer that already holds the font in flash gets labels alone.
      const stored = await labels('format=zpl&layout=thermal-50x30&toSeq=1&zplFont=printer');
      expect(stored.body.startsWith('^XA')).toBe(true);
      expect(stored.body).toContain('^CWV,E:OCOPVN.TTF');
    });

    it('writes a CSV of serials and URIs for printing houses', async () => {
      const res = await labels('format=csv&toSeq=100');
      expect(res.headers['content-type']).toContain('text/csv');
      const rows = (res.body as string)
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\r\n');
      expect(rows[0]).toBe(
        'seq,serial,gtin,lot,expiry_date,best_before_date,product_name,digital_link,short_uri',
      );
      expect(rows).toHaveLength(101);
      expect(rows[1].split(',')).toEqual([
        '1',
        units[0].serial,
        batch.gtin,
        'KD-2611',
        '2027-05-31',
        '',
        'Kẹo dừa sáp Thạnh Phú',
        units[0].digitalLink,
        units[0].digitalLink.replace('https://', '').replace(/\?.*$/, ''),
      ]);
    });
  });

  it('prints nothing for a recalled batch or for another producer', async () => {
    expect((await labels('format=pdf&toSeq=1', tokenB)).status).toBe(404);
    const other = (
      await t.request('POST', '/batches', {
        token: tokenA,
        body: { productId: batch.productId, lot: 'KD-RECALL', quantity: 1, unit: 'XBX' },
      })
    ).body;
    await t.request('POST', `/batches/${other.batchId}/recall`, {
      token: tokenA,
      body: { reason: 'In nhầm nhãn' },
    });
    const res = await t.request('GET', `/batches/${other.batchId}/labels?format=pdf&batchLevel=true`, {
      token: tokenA,
    });
    expect(res.body).toMatchObject({ status: 409, code: 'batch-not-labelable' });
    expect((await labels('format=pdf&fromSeq=900')).body).toMatchObject({
      code: 'no-units',
      errors: [{ field: 'fromSeq' }],
    });
  });
});
