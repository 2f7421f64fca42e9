import jsQR from 'jsqr';
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PNG } from 'pngjs';
import { Json, startTraceability, TraceabilityHarness } from '../../test/traceability-harness';
import { LABEL_LAYOUTS, LabelLayout, labelsPerPage } from './label-layouts';

const run = promisify(execFile);

/** Rendering resolution: a version 9 code on a 3×8 label has modules of ~0.5 mm, 4 pixels at 200 dpi. */
const DPI = 200;
const px = (pt: number) => (pt * DPI) / 72;

/**
 * Decodes the QR code of every cell of a rendered page, in slot order (undefined for a cell without one). Each
 * cell is cropped to its QR symbol's box, quiet zone included, so the label's texts do not reach the decoder.
 */
function decodeCells(png: PNG, layout: LabelLayout): (string | undefined)[] {
  const decoded: (string | undefined)[] = [];
  for (let slot = 0; slot < labelsPerPage(layout); slot++) {
    const left = (slot % layout.columns) * layout.cellWidth + layout.padding;
    const top = Math.floor(slot / layout.columns) * layout.cellHeight + layout.padding;
    const x0 = Math.max(0, Math.floor(px(left)));
    const y0 = Math.max(0, Math.floor(px(top)));
    const x1 = Math.min(png.width, Math.ceil(px(left + layout.qrSide)));
    const y1 = Math.min(png.height, Math.ceil(px(top + layout.qrSide)));
    const [width, height] = [x1 - x0, y1 - y0];
    const crop = new Uint8ClampedArray(width * height * 4);
    for (let y = 0; y < height; y++) {
      const from = ((y0 + y) * png.width + x0) * 4;
      crop.set(png.data.subarray(from, from + width * 4), y * width * 4);
    }
    decoded.push(jsQR(crop, width, height, { inversionAttempts: 'dontInvert' })?.data);
  }
  return decoded;
}

describe('PDF label sheets, rendered (integration)', () => {
  const layout = LABEL_LAYOUTS['a4-3x8'];
  const N = 30;
  const SIGNED = 10;
  let t: TraceabilityHarness;
  let token: string;
  let batch: Json;
  let units: Json[];
  let dir: string;

  beforeAll(async () => {
    t = await startTraceability('trace_label_render', {
      LABEL_SYNC_MAX: '200',
      RESOLVER_BASE_URL: 'https://id.ocop.test',
    });
    const a = await t.seedProducer({}, { nameVi: 'Kẹo dừa sáp Thạnh Phú', nameEn: 'Waxy coconut candy' });
    token = await t.token({ roles: ['producer'], producerId: a.producer.producerId });
    batch = (
      await t.request('POST', '/batches', {
        token,
        body: {
          productId: a.product.productId,
          lot: 'KD-2611',
          quantity: 100,
          unit: 'XBX',
          expiryDate: '2027-05-31',
        },
      })
    ).body;
    // Signed units carry the longest URIs, so the densest codes; unsigned ones the shortest.
    await t.request('POST', `/batches/${batch.batchId}/units`, {
      token,
      body: { count: SIGNED, signed: true },
    });
    await t.request('POST', `/batches/${batch.batchId}/units`, { token, body: { count: N - SIGNED } });
    units = (await t.request('GET', `/batches/${batch.batchId}/units?limit=1000`, { token })).body.items;
    dir = await mkdtemp(join(tmpdir(), 'label-render-'));
  });

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
    await t?.close();
  });

  it(`prints ${N} labels on ceil(${N}/24) A4 3×8 pages whose rendered QR codes all decode to the units’ URIs`, async () => {
    expect(units).toHaveLength(N);
    const res = await t.request(
      'GET',
      `/batches/${batch.batchId}/labels?format=pdf&layout=a4-3x8&fromSeq=1&toSeq=${N}`,
      { token },
    );
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const pdfPath = join(dir, 'labels.pdf');
    await writeFile(pdfPath, res.raw);

    await run('pdftoppm', ['-r', String(DPI), '-gray', '-png', pdfPath, join(dir, 'page')]);
    // pdftoppm numbers pages page-1.png… (zero-padded to the page count's width), so a plain sort keeps order.
    const pngs = (await readdir(dir)).filter((f) => /^page-\d+\.png$/.test(f)).sort();
    expect(pngs).toHaveLength(Math.ceil(N / labelsPerPage(layout)));

    const decoded: (string | undefined)[] = [];
    for (const file of pngs) {
      const png = PNG.sync.read(await readFile(join(dir, file)));
      expect([png.width, png.height]).toEqual([
        Math.round(px(layout.pageWidth)),
        Math.round(px(layout.pageHeight)),
      ]);
      decoded.push(...decodeCells(png, layout));
    }
    // Every printed label decodes; the cells left on the last sheet are blank.
    const printed = decoded.slice(0, N);
    // (Labels are numbered from 1 in drawing order, so a failure names the ones that did not decode.)
    expect(printed.flatMap((uri, i) => (uri === undefined ? [i + 1] : []))).toEqual([]);
    expect(decoded.slice(N).filter((uri) => uri !== undefined)).toEqual([]);
    // Exactly the run's URIs: none missing, none extra, none twice.
    const expected = units.map((u) => u.digitalLink as string);
    expect(new Set(printed).size).toBe(N);
    expect([...printed].sort()).toEqual([...expected].sort());
    expect(printed.filter((uri) => uri?.includes('&8030='))).toHaveLength(SIGNED);
  });
});
