import { once } from 'node:events';
import { Writable } from 'node:stream';
import { setImmediate as nextTick } from 'node:timers/promises';
import { QrPool, QrRunBytes } from '../qr/qr-pool';
import { LabelItem, LabelText } from './label-content';
import { forgetLaidOutWords, labelFontPath, loadPdfkit, pdfkitMeasure, selectLabelFont } from './label-fonts';
import { LabelDesign } from './label-layout-engine';
import { labelBox, LabelTemplate, labelsPerPage, MM } from './label-layouts';

/** Generated PDF bytes allowed to wait for a slow reader before generation pauses. */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;

const format = (n: number) => n.toFixed(2);

/**
 * The operators `draw` adds to the page, as it adds them. pdfkit writes all drawing through addContent, so this
 * captures a label's texts exactly as drawn (fonts selected, glyphs subset, resources registered on the page).
 */
function captured(doc: PDFKit.PDFDocument, draw: () => void): string {
  const parts: string[] = [];
  const addContent = doc.addContent;
  doc.addContent = (data: unknown) => {
    parts.push(String(data));
    return addContent.call(doc, data);
  };
  try {
    draw();
  } finally {
    doc.addContent = addContent;
  }
  return parts.join('\n');
}

const OCOP_RED = '#c8102e';
const STAR_GOLD = '#f2a900';

/** A five-pointed star of `side` with its top-left at (x, y). */
function star(doc: PDFKit.PDFDocument, x: number, y: number, side: number): void {
  const r = side / 2;
  const [cx, cy] = [x + r, y + r];
  const points: [number, number][] = [];
  for (let i = 0; i < 10; i++) {
    const radius = i % 2 === 0 ? r : r * 0.4;
    const angle = -Math.PI / 2 + (i * Math.PI) / 5;
    points.push([cx + radius * Math.cos(angle), cy + radius * Math.sin(angle)]);
  }
  doc.polygon(...points).fill(STAR_GOLD);
}

/** What is the same on every label of a run, at the label's top-left: names, lot, dates, the mark, the call. */
function drawConstantParts(doc: PDFKit.PDFDocument, design: LabelDesign): void {
  if (design.mark) {
    const { badge, word, stars } = design.mark;
    doc.roundedRect(badge.x, badge.y, badge.width, badge.height, badge.height * 0.2).fill(OCOP_RED);
    selectLabelFont(doc.fillColor('white'), word.font)
      .fontSize(word.size)
      .text(word.text, word.x, word.y, { lineBreak: false });
    for (let i = 0; i < stars.count; i++) star(doc, stars.x + i * stars.step, stars.y, stars.side);
  }
  doc.fillColor('black');
  for (const t of design.texts)
    selectLabelFont(doc, t.font).fontSize(t.size).text(t.text, t.x, t.y, { lineBreak: false });
}

/** Cut marks in the page margins, along every label edge, kept 1 mm off the labels and the page edge. */
export function cropMarkSegments(t: LabelTemplate): [number, number, number, number][] {
  const offset = 1 * MM;
  const longest = 5 * MM;
  const segments: [number, number, number, number][] = [];
  const grid = labelBox(t, t.columns * t.rows - 1);
  const [left, top, right, bottom] = [t.marginLeft, t.marginTop, grid.x + grid.width, grid.y + grid.height];
  // Labels edge to edge share an edge; rounding to a hundredth of a point keeps one mark for it.
  const xs = new Map<string, number>();
  const ys = new Map<string, number>();
  for (let c = 0; c < t.columns; c++) {
    const box = labelBox(t, c);
    for (const x of [box.x, box.x + box.width]) xs.set(x.toFixed(2), x);
  }
  for (let r = 0; r < t.rows; r++) {
    const box = labelBox(t, r * t.columns);
    for (const y of [box.y, box.y + box.height]) ys.set(y.toFixed(2), y);
  }
  const span = (room: number) => Math.min(longest, room - 2 * offset);
  for (const x of xs.values()) {
    if (span(top) > 0) segments.push([x, top - offset - span(top), x, top - offset]);
    if (span(t.pageHeight - bottom) > 0)
      segments.push([x, bottom + offset, x, bottom + offset + span(t.pageHeight - bottom)]);
  }
  for (const y of ys.values()) {
    if (span(left) > 0) segments.push([left - offset - span(left), y, left - offset, y]);
    if (span(t.pageWidth - right) > 0)
      segments.push([right + offset, y, right + offset + span(t.pageWidth - right), y]);
  }
  return segments;
}

/** Resolves when the reader has taken enough for generation to go on; rejects when the reader is gone. */
async function room(doc: PDFKit.PDFDocument, out: Writable): Promise<void> {
  while (doc.readableLength > MAX_BUFFERED_BYTES) {
    if (out.destroyed) throw new Error('The label output was closed before the sheet was complete');
    if (out.writableNeedDrain) await Promise.race([once(out, 'drain'), once(out, 'close')]);
    else await nextTick();
  }
}

/**
 * Print-ready PDF label sheets, streamed: labels arrive in chunks, their QR codes are encoded (on worker threads)
 * one chunk ahead of the drawing, each page goes out as it is finished, and generation waits whenever the reader
 * falls behind, so memory stays flat however many labels the run has.
 *
 * Every label follows one design (label-layout-engine.ts), computed once per run with the embedded DejaVu fonts'
 * metrics. QR codes are drawn as vector rectangles (one per run of dark modules) under a transform that makes one
 * unit a module: crisp at any printer resolution. What is the same on every label is drawn once and replayed.
 */
export async function writePdfLabels(
  out: Writable,
  template: LabelTemplate,
  design: LabelDesign,
  text: LabelText,
  chunks: AsyncIterable<LabelItem[]>,
  pool: QrPool,
  onProgress: (done: number) => Promise<void>,
  signal?: AbortSignal,
): Promise<number> {
  const PDFDocument = (await loadPdfkit()).default;
  const doc = new PDFDocument({
    size: [template.pageWidth, template.pageHeight],
    margin: 0,
    autoFirstPage: false,
    compress: true,
    // A default font of the label's own, so that pdfkit never reaches for an unembedded standard font.
    font: labelFontPath('regular'),
    info: { Title: `Tem ${text.productNameVi} – lô ${text.lot}`, Producer: 'OCOP Trace' },
  });
  const serialCharWidth = design.serial ? pdfkitMeasure(doc)('0', design.serial.font, 1) : 0;
  const finished = new Promise<void>((resolve, reject) => {
    out.once('finish', resolve);
    out.once('error', reject);
    doc.once('error', reject);
  });
  doc.pipe(out);

  const perPage = labelsPerPage(template);
  const cropMarks = template.cropMarks ? cropMarkSegments(template) : [];
  let constant = '';
  let done = 0;

  const iterator = chunks[Symbol.asyncIterator]();
  const encodeNext = async (): Promise<{ items: LabelItem[]; codes: QrRunBytes[] } | undefined> => {
    const next = await iterator.next();
    if (next.done) return undefined;
    return { items: next.value, codes: await pool.encode(next.value.map((i) => i.uri)) };
  };

  let pending = encodeNext();
  for (let chunk = await pending; chunk; chunk = await pending) {
    pending = encodeNext();
    if (signal?.aborted) {
      pending.catch(() => undefined); // the chunk being encoded is no longer wanted
      throw new Error('Label generation aborted');
    }
    for (let i = 0; i < chunk.items.length; i++, done++) {
      const slot = done % perPage;
      if (slot === 0) {
        if (done > 0) {
          forgetLaidOutWords(doc);
          await room(doc, out);
        }
        doc.addPage({ size: [template.pageWidth, template.pageHeight], margin: 0 });
        for (const [x1, y1, x2, y2] of cropMarks) doc.moveTo(x1, y1).lineTo(x2, y2);
        if (cropMarks.length) doc.lineWidth(0.25).stroke('black');
      }
      const { x, y } = labelBox(template, slot);
      const code = chunk.codes[i];
      // The quiet zone (4 modules) is inside the QR box; pdfkit's page space runs top-down, like the runs' rows.
      const module = design.qr.width / (code.size + 8);
      const qrX = x + design.qr.x + 4 * module;
      const qrY = y + design.qr.y + 4 * module;
      // Bytes go into the content stream as they are (no copy); a string gets a newline appended.
      doc.addContent(
        `q\n0 g\n${module.toFixed(5)} 0 0 ${module.toFixed(5)} ${format(qrX)} ${format(qrY)} cm`,
      );
      doc.addContent(code.runs);
      doc.addContent('f\nQ');

      const frame = `q\n1 0 0 1 ${format(x)} ${format(y)} cm`;
      if (slot === 0) {
        // Drawn afresh on each page (which registers the fonts in the page's resources), in a frame moved to
        // the label's corner, then replayed in the page's other labels.
        doc.addContent(frame);
        constant = captured(doc, () => drawConstantParts(doc, design));
        doc.addContent('Q');
      } else {
        doc.addContent(`${frame}\n${constant}\nQ`);
      }
      const serial = chunk.items[i].serial;
      if (serial && design.serial) {
        const line = design.serial;
        // Centred under the code; a serial longer than the platform's would shrink rather than overflow. The
        // face is fixed-width, so one character's width measures any serial (and no per-serial cache grows).
        const widthAt1 = serialCharWidth * serial.length;
        const size = Math.min(line.size, line.width / widthAt1);
        const width = widthAt1 * size;
        selectLabelFont(doc, line.font)
          .fontSize(size)
          .text(serial, x + line.x + (line.width - width) / 2, y + line.y, { lineBreak: false });
      }
    }
    await onProgress(done);
  }
  if (done === 0) doc.addPage({ size: [template.pageWidth, template.pageHeight], margin: 0 });
  doc.end();
  await finished;
  return done;
}
