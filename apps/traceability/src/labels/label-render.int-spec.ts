import { waitFor } from '@ocop/testing';
import { BinaryBitmap, HybridBinarizer, QRCodeReader, RGBLuminanceSource } from '@zxing/library';
import jsQR from 'jsqr';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PNG } from 'pngjs';
import { LONGEST_NAMES } from '../../test/label-products';
import { Json, startTraceability, TraceabilityHarness } from '../../test/traceability-harness';
import { labelContent } from './label-content';
import { labelMeasure } from './label-fonts';
import { designLabel } from './label-layout-engine';
import { Box, contentBox, LABEL_LAYOUT_IDS, labelBox, LabelTemplate, labelsPerPage } from './label-layouts';
import { LabelRequestDto } from './labels.dto';
import { templateFor } from './label-request-design';
import { zplFieldData } from './zpl-labels';

const run = promisify(execFile);

/** Print resolution of an office laser printer. */
const DPI = 300;
const px = (pt: number) => (pt * DPI) / 72;
/** pdftotext rounds coordinates; a hundredth of a point is far below anything a printer shows. */
const TOLERANCE = 0.01;

interface Word extends Box {
  text: string;
  page: number;
}

/** Every word box of the PDF as poppler extracts it (`pdftotext -bbox`), in points from each page's top-left. */
async function wordBoxes(
  pdfPath: string,
): Promise<{ pages: { width: number; height: number }[]; words: Word[] }> {
  const { stdout } = await run('pdftotext', ['-bbox', pdfPath, '-'], { maxBuffer: 64 * 1024 * 1024 });
  const pages: { width: number; height: number }[] = [];
  const words: Word[] = [];
  const unescape = (s: string) =>
    s
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&');
  for (const m of stdout.matchAll(
    /<page width="([\d.]+)" height="([\d.]+)">|<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g,
  )) {
    if (m[1]) {
      pages.push({ width: Number(m[1]), height: Number(m[2]) });
      continue;
    }
    const [xMin, yMin, xMax, yMax] = [m[3], m[4], m[5], m[6]].map(Number);
    words.push({
      text: unescape(m[7]),
      page: pages.length - 1,
      x: xMin,
      y: yMin,
      width: xMax - xMin,
      height: yMax - yMin,
    });
  }
  return { pages, words };
}

const overlaps = (a: Box, b: Box) =>
  a.x + TOLERANCE < b.x + b.width &&
  b.x + TOLERANCE < a.x + a.width &&
  a.y + TOLERANCE < b.y + b.height &&
  b.y + TOLERANCE < a.y + a.height;
const inside = (a: Box, outer: Box) =>
  a.x >= outer.x - TOLERANCE &&
  a.y >= outer.y - TOLERANCE &&
  a.x + a.width <= outer.x + outer.width + TOLERANCE &&
  a.y + a.height <= outer.y + outer.height + TOLERANCE;
const shift = (b: Box, by: Box): Box => ({ ...b, x: b.x + by.x, y: b.y + by.y });

/** The square of grey levels `scale` times the size of `source` (side `side`), each pixel the mean it covers. */
function resample(
  source: Uint8ClampedArray,
  side: number,
  scale: number,
): { pixels: Uint8ClampedArray; side: number } {
  const out = Math.floor(side * scale);
  const pixels = new Uint8ClampedArray(out * out);
  for (let y = 0; y < out; y++) {
    for (let x = 0; x < out; x++) {
      let sum = 0;
      let n = 0;
      for (let sy = Math.floor(y / scale); sy < Math.min(side, Math.floor((y + 1) / scale)); sy++)
        for (let sx = Math.floor(x / scale); sx < Math.min(side, Math.floor((x + 1) / scale)); sx++, n++)
          sum += source[sy * side + sx];
      pixels[y * out + x] = n ? sum / n : 255;
    }
  }
  return { pixels, side: out };
}

/**
 * Decodes the QR symbol in `box` (points) of a page rendered at DPI with ZXing's QR reader. ZXing's JavaScript
 * detector misses some symbols at some non-whole pixels-per-module ratios (reproduced on synthetic, perfectly
 * sharp images of the same symbol: e.g. 4.6 px fails where 4.5 and 4.7 decode, about one ratio in five), so,
 * as a phone scanner tries again from another distance, an unread crop is tried again at smaller sizes. Even so
 * about one random signed URI in a hundred is missed at 5.8–7.4 px a module (1,500 synthetic symbols, 2026-12-04),
 * and jsQR, an independent decoder, read every one of those: a symbol is unreadable only when both miss it.
 */
function decodeQr(png: PNG, box: Box): string | undefined {
  const x0 = Math.max(0, Math.floor(px(box.x)));
  const y0 = Math.max(0, Math.floor(px(box.y)));
  const side = Math.min(png.width - x0, png.height - y0, Math.ceil(px(box.width)));
  const crop = new Uint8ClampedArray(side * side);
  for (let y = 0; y < side; y++)
    for (let x = 0; x < side; x++) crop[y * side + x] = png.data[((y0 + y) * png.width + x0 + x) * 4];
  for (const scale of [1, 0.9, 0.8, 0.75, 0.7, 0.6, 0.5]) {
    const image = scale === 1 ? { pixels: crop, side } : resample(crop, side, scale);
    try {
      const source = new RGBLuminanceSource(image.pixels, image.side, image.side);
      return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source))).getText();
    } catch {
      // not read at this size: try the next
    }
  }
  const rgba = new Uint8ClampedArray(side * side * 4);
  for (let i = 0; i < side * side; i++) {
    rgba.fill(crop[i], i * 4, i * 4 + 3);
    rgba[i * 4 + 3] = 255;
  }
  return jsQR(rgba, side, side)?.data;
}

describe('Print-ready label sheets, rendered and read back (integration)', () => {
  const longest = LONGEST_NAMES[0];
  let t: TraceabilityHarness;
  let token: string;
  let batch: Json;
  let units: Json[];
  /** A batch of a product without GTIN (labels under /t/, decision 0048), and its signed units. */
  let noGtinBatch: Json;
  let noGtinUnits: Json[];
  let dir: string;

  beforeAll(async () => {
    t = await startTraceability('trace_label_render', {
      LABEL_SYNC_MAX: '200',
      RESOLVER_BASE_URL: 'https://id.ocop.test',
    });
    const a = await t.seedProducer({}, { nameVi: longest.vi, nameEn: longest.en });
    token = await t.token({ roles: ['producer'], producerId: a.producer.producerId });
    await t.dataSource.query(
      `INSERT INTO ocop_certificates (certificate_id, product_id, stars, issued_at, expires_at)
       VALUES ($1, $2, 5, now() - interval '1 year', now() + interval '2 years')`,
      [randomUUID(), a.product.productId],
    );
    batch = (
      await t.request('POST', '/batches', {
        token,
        body: {
          productId: a.product.productId,
          lot: 'CT-2611-BT-017',
          quantity: 100,
          unit: 'XBX',
          productionDate: '2026-11-20',
          expiryDate: '2027-05-31',
        },
      })
    ).body;
    // Signed units carry the longest URIs, so the densest codes.
    await t.request('POST', `/batches/${batch.batchId}/units`, { token, body: { count: 12, signed: true } });
    units = (await t.request('GET', `/batches/${batch.batchId}/units?limit=1000`, { token })).body.items;
    const noGtin = await t.seedProduct(a.producer.producerId, {
      nameVi: longest.vi,
      nameEn: longest.en,
      gtins: [],
    });
    await t.dataSource.query(
      `INSERT INTO ocop_certificates (certificate_id, product_id, stars, issued_at, expires_at)
       VALUES ($1, $2, 5, now() - interval '1 year', now() + interval '2 years')`,
      [randomUUID(), noGtin.productId],
    );
    noGtinBatch = (
      await t.request('POST', '/batches', {
        token,
        body: {
          productId: noGtin.productId,
          lot: 'CT-2611-BT-017',
          quantity: 100,
          unit: 'XBX',
          productionDate: '2026-11-20',
          expiryDate: '2027-05-31',
        },
      })
    ).body;
    await t.request('POST', `/batches/${noGtinBatch.batchId}/units`, {
      token,
      body: { count: 3, signed: true },
    });
    noGtinUnits = (await t.request('GET', `/batches/${noGtinBatch.batchId}/units`, { token })).body.items;
    dir = await mkdtemp(join(tmpdir(), 'label-render-'));
  });

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
    await t?.close();
  });

  /**
   * The codes of the first `count` labels of the PDF, rasterised at DPI and read with ZXing, in order. Only the rows
   * that carry labels are rasterised (the rest of an A4 page is blank and slow to render).
   */
  async function readCodes(
    pdfPath: string,
    template: LabelTemplate,
    count: number,
    pageCount: number,
    qr: Box,
  ): Promise<(string | undefined)[]> {
    const perPage = labelsPerPage(template);
    const printedBottom = Math.max(
      ...Array.from({ length: Math.min(count, perPage) }, (_, slot) => {
        const label = labelBox(template, slot);
        return label.y + label.height;
      }),
    );
    await run('pdftoppm', [
      ...['-r', String(DPI), '-gray', '-png'],
      ...[
        '-x',
        '0',
        '-y',
        '0',
        '-W',
        String(Math.ceil(px(template.pageWidth))),
        '-H',
        String(Math.ceil(px(printedBottom))),
      ],
      pdfPath,
      join(dir, `${template.id}-page`),
    ]);
    const pngs = (await readdir(dir)).filter((f) => f.startsWith(`${template.id}-page-`)).sort();
    expect(pngs).toHaveLength(pageCount);
    const decoded: (string | undefined)[] = [];
    for (const [i, file] of pngs.entries()) {
      const png = PNG.sync.read(await readFile(join(dir, file)));
      for (let slot = 0; slot < Math.min(perPage, count - i * perPage); slot++)
        decoded.push(decodeQr(png, shift(qr, labelBox(template, slot))));
      await rm(join(dir, file));
    }
    return decoded;
  }

  const custom = {
    layout: 'custom',
    pageWidthMm: 148,
    pageHeightMm: 210,
    columns: 2,
    rows: 4,
    labelWidthMm: 64,
    labelHeightMm: 42,
    gapXMm: 4,
    gapYMm: 3,
    cropMarks: true,
  };
  const cases: [string, Record<string, unknown>][] = [
    ...LABEL_LAYOUT_IDS.map((layout): [string, Record<string, unknown>] => [layout, { layout }]),
    ['custom A5 2×4 of 64 × 42 mm with crop marks', custom],
  ];

  it.each(cases)(
    '%s: fonts embedded, no text box on another, all inside the labels’ safe areas, every QR decodes to its unit',
    async (name, params) => {
      const request = Object.assign(new LabelRequestDto(), { format: 'pdf', ...params });
      const template: LabelTemplate = templateFor(request);
      // Two rows of a sheet (a few labels), two pages of a roll: enough for every geometry, each code checked.
      const count = template.kind === 'roll' ? 2 : Math.min(labelsPerPage(template), template.columns + 1);
      const query = new URLSearchParams({
        format: 'pdf',
        fromSeq: '1',
        toSeq: String(count),
        ...Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)])),
      });
      const res = await t.request('GET', `/batches/${batch.batchId}/labels?${query}`, { token });
      expect([res.status, res.headers['content-type']]).toEqual([200, 'application/pdf']);
      const pdfPath = join(dir, `${template.id}-${name.length}.pdf`);
      await writeFile(pdfPath, res.raw);
      const perPage = labelsPerPage(template);

      // Every font is embedded (subset TrueType DejaVu: condensed, condensed bold, mono bold for the serial); no
      // standard font such as Helvetica.
      const fonts = (await run('pdffonts', [pdfPath])).stdout.trim().split('\n').slice(2);
      expect(fonts.length).toBeGreaterThan(0);
      for (const font of fonts) {
        expect(font).toMatch(
          /^[A-Z]{6}\+DejaVuSans(Condensed|Condensed-Bold|Mono-Bold)\s+CID TrueType\s+Identity-H\s+yes\s+yes/,
        );
      }
      expect(fonts.join('\n')).not.toMatch(/Helvetica|Times|Courier/);

      const { pages, words } = await wordBoxes(pdfPath);
      expect(pages).toHaveLength(Math.ceil(count / perPage));
      const design = designLabel(
        template,
        labelContent(
          {
            productNameVi: longest.vi,
            productNameEn: longest.en,
            lot: batch.lot,
            productionDate: '2026-11-20',
            expiryDate: '2027-05-31',
            stars: 5,
          },
          true,
        ),
        await labelMeasure(),
      );
      for (const [i, page] of pages.entries()) {
        expect([page.width, page.height].map((v) => v.toFixed(1))).toEqual(
          [template.pageWidth, template.pageHeight].map((v) => v.toFixed(1)),
        );
        const onPage = words.filter((w) => w.page === i);
        const labels = Array.from({ length: Math.min(perPage, count - i * perPage) }, (_, slot) =>
          labelBox(template, slot),
        );
        for (const word of onPage) {
          // Inside the page, and inside the safe area of the label it belongs to, clear of its QR code.
          expect(inside(word, { x: 0, y: 0, ...page })).toBe(true);
          const label = labels.find((l) => inside(word, l));
          expect([word.text, label !== undefined]).toEqual([word.text, true]);
          expect([word.text, inside(word, shift(contentBox(template), label as Box))]).toEqual([
            word.text,
            true,
          ]);
          expect([word.text, overlaps(word, shift(design.qr, label as Box))]).toEqual([word.text, false]);
        }
        for (let a = 0; a < onPage.length; a++) {
          for (let b = a + 1; b < onPage.length; b++) {
            if (overlaps(onPage[a], onPage[b]))
              throw new Error(
                `"${onPage[a].text}" overlaps "${onPage[b].text}" on page ${i + 1}: ${JSON.stringify([onPage[a], onPage[b]])}`,
              );
          }
        }
      }
      // What a shopper reads: every serial, the lot, the dates, the mark and the call to scan.
      const allText = words.map((w) => w.text).join(' ');
      for (const unit of units.slice(0, count)) expect(allText).toContain(unit.serial);
      for (const expected of ['OCOP', 'CT-2611-BT-017', '20/11/2026', '31/05/2027', 'Quét', 'Scan', 'verify'])
        expect(allText).toContain(expected);

      // Rasterised at 300 dpi, every label's code reads back (ZXing) as exactly its unit's URI, in order.
      const decoded = await readCodes(pdfPath, template, count, pages.length, design.qr);
      expect(decoded).toEqual(units.slice(0, count).map((u) => u.digitalLink));
    },
  );

  it('prints a product without GTIN: each QR reads back as its unit’s signed /t/ URI, in PDF, ZPL and CSV', async () => {
    expect(noGtinUnits).toHaveLength(3);
    for (const unit of noGtinUnits) {
      expect(unit.digitalLink).toBe(
        `https://id.ocop.test/t/${noGtinBatch.productCode}/CT-2611-BT-017/${unit.serial}?sig=${unit.digitalLink.split('sig=')[1]}`,
      );
      expect(unit.digitalLink).toMatch(/\?sig=[A-Za-z0-9_-]{86}$/);
    }
    const template = templateFor(
      Object.assign(new LabelRequestDto(), { format: 'pdf', layout: LABEL_LAYOUT_IDS[0] }),
    );
    const res = await t.request(
      'GET',
      `/batches/${noGtinBatch.batchId}/labels?format=pdf&layout=${LABEL_LAYOUT_IDS[0]}`,
      { token },
    );
    expect([res.status, res.headers['content-type']]).toEqual([200, 'application/pdf']);
    const pdfPath = join(dir, 'no-gtin.pdf');
    await writeFile(pdfPath, res.raw);
    const { pages, words } = await wordBoxes(pdfPath);
    const allText = words.map((w) => w.text).join(' ');
    for (const expected of ['CT-2611-BT-017', ...noGtinUnits.map((u) => u.serial)])
      expect(allText).toContain(expected);
    // What a person reads under the code is the identifier, not a GTIN.
    expect(allText).not.toMatch(/\/01\//);
    const design = designLabel(
      template,
      labelContent(
        {
          productNameVi: longest.vi,
          productNameEn: longest.en,
          lot: 'CT-2611-BT-017',
          productionDate: '2026-11-20',
          expiryDate: '2027-05-31',
          stars: 5,
        },
        true,
      ),
      await labelMeasure(),
    );
    expect(await readCodes(pdfPath, template, 3, pages.length, design.qr)).toEqual(
      noGtinUnits.map((u) => u.digitalLink),
    );

    const zpl = await t.request('GET', `/batches/${noGtinBatch.batchId}/labels?format=zpl`, { token });
    expect(zpl.status).toBe(200);
    for (const unit of noGtinUnits)
      expect(zpl.raw.toString()).toContain(`^FDQA,${zplFieldData(unit.digitalLink)}^FS`);
    const csv = await t.request('GET', `/batches/${noGtinBatch.batchId}/labels?format=csv`, { token });
    const rows = csv.raw.toString().trim().split(/\r?\n/).slice(1);
    expect(rows.map((r) => r.split(','))).toEqual(
      noGtinUnits.map((u, i) => [
        String(i + 1),
        u.serial,
        '',
        'CT-2611-BT-017',
        '2027-05-31',
        '',
        longest.vi,
        u.digitalLink,
        u.digitalLink.replace(/^https:\/\//, '').replace(/\?.*$/, ''),
      ]),
    );
  });

  it('takes a custom template in a label job’s JSON body, and refuses a bad one before queueing it', async () => {
    const started = await t.request('POST', `/batches/${batch.batchId}/label-jobs`, {
      token,
      body: { format: 'pdf', toSeq: 3, ...custom },
    });
    expect(started.status).toBe(202);
    const done = await waitFor(async () => {
      const res = await t.request('GET', `/label-jobs/${started.body.jobId}`, { token });
      expect(res.body.status).toBe('succeeded');
      return res.body;
    });
    expect(done).toMatchObject({ layout: 'custom', done: 3, total: 3 });
    const file = await t.request('GET', done.outputUrl, { token });
    expect(file.headers['content-type']).toBe('application/pdf');
    const refused = await t.request('POST', `/batches/${batch.batchId}/label-jobs`, {
      token,
      body: { format: 'pdf', ...custom, labelWidthMm: 80 },
    });
    expect(refused.body).toMatchObject({ status: 400, code: 'label-template-does-not-fit' });
  });

  it('refuses a custom sheet whose labels do not fit the page, or are too small for their content, with a 400', async () => {
    const labels = (params: Record<string, unknown>) => {
      const query = Object.entries({ format: 'pdf', toSeq: 1, ...params }).map(([k, v]): [string, string] => [
        k,
        String(v),
      ]);
      return t.request('GET', `/batches/${batch.batchId}/labels?${new URLSearchParams(query)}`, { token });
    };
    const tooWide = await labels({ ...custom, columns: 3 });
    expect(tooWide.body).toMatchObject({
      status: 400,
      code: 'label-template-does-not-fit',
      errors: [{ field: 'columns' }],
    });
    const tooSmall = await labels({ ...custom, columns: 5, rows: 10, labelWidthMm: 25, labelHeightMm: 15 });
    expect(tooSmall.body).toMatchObject({ status: 400, code: 'label-content-does-not-fit' });
    const missing = await labels({ layout: 'custom', pageWidthMm: 210 });
    expect(missing.status).toBe(400);
    expect(missing.body.errors.map((e: Json) => e.field)).toEqual(
      expect.arrayContaining(['pageHeightMm', 'columns', 'rows', 'labelWidthMm', 'labelHeightMm']),
    );
    const silly = await labels({ layout: 'a4-3x8', safeMarginMm: 'wide' });
    expect(silly.status).toBe(400);
    expect(new Set(silly.body.errors.map((e: Json) => e.field))).toEqual(new Set(['safeMarginMm']));
  });
});
