import PDFDocument from 'pdfkit';
import { once } from 'node:events';
import { Writable } from 'node:stream';
import { setImmediate as nextTick } from 'node:timers/promises';
import { nodeRequire } from '../common/node-require';
import { QrPool, QrRunBytes } from '../qr/qr-pool';
import { detailLines, LabelItem, LabelText } from './label-content';
import { LabelLayout, labelsPerPage } from './label-layouts';

/** Generated PDF bytes allowed to wait for a slow reader before generation pauses. */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;

const fontFile = (name: string) => nodeRequire.resolve(`dejavu-fonts-ttf/ttf/${name}.ttf`);

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

/** Name, English name and detail lines of a label, right of its QR code. */
function drawTexts(
  doc: PDFKit.PDFDocument,
  layout: LabelLayout,
  text: LabelText,
  details: string[],
  x: number,
  top: number,
  width: number,
): void {
  doc.font('bold').fontSize(layout.fontSize.name);
  doc.text(text.productNameVi, x, top, {
    width,
    height: layout.fontSize.name * 2.4,
    ellipsis: true,
    lineGap: 0,
  });
  let lineY = doc.y;
  doc.font('body').fontSize(layout.fontSize.detail);
  if (text.productNameEn) {
    doc.text(text.productNameEn, x, lineY, { width, lineBreak: false, ellipsis: true });
    lineY += layout.fontSize.detail * 1.5;
  }
  for (const line of details) {
    doc.text(line, x, lineY, { width, lineBreak: false, ellipsis: true });
    lineY += layout.fontSize.detail * 1.3;
  }
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
 * QR codes are drawn as vector rectangles (one per run of dark modules) under a transform that makes one unit a
 * module: crisp at any printer resolution. Texts use DejaVu Sans (full Vietnamese); the URI line uses Helvetica,
 * a PDF standard font, which needs no embedding and no shaping for its ASCII.
 */
export async function writePdfLabels(
  out: Writable,
  layout: LabelLayout,
  text: LabelText,
  chunks: AsyncIterable<LabelItem[]>,
  pool: QrPool,
  onProgress: (done: number) => Promise<void>,
  signal?: AbortSignal,
): Promise<number> {
  const doc = new PDFDocument({
    size: [layout.pageWidth, layout.pageHeight],
    margin: 0,
    autoFirstPage: false,
    compress: true,
    info: { Title: `Tem ${text.productNameVi} – lô ${text.lot}`, Producer: 'OCOP Trace' },
  });
  doc.registerFont('bold', fontFile('DejaVuSans-Bold'));
  doc.registerFont('body', fontFile('DejaVuSans'));
  const finished = new Promise<void>((resolve, reject) => {
    out.once('finish', resolve);
    out.once('error', reject);
    doc.once('error', reject);
  });
  doc.pipe(out);

  const perPage = labelsPerPage(layout);
  const details = detailLines(text);
  const textX = layout.padding * 2 + layout.qrSide;
  const textWidth = layout.cellWidth - textX - layout.padding;
  let uriSize = 0;
  let template = '';
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
        if (done > 0) await room(doc, out);
        doc.addPage({ size: [layout.pageWidth, layout.pageHeight], margin: 0 });
      }
      const x = (slot % layout.columns) * layout.cellWidth;
      const y = Math.floor(slot / layout.columns) * layout.cellHeight;
      const code = chunk.codes[i];
      // The quiet zone (4 modules) is inside qrSide; pdfkit's page space runs top-down, like the runs' rows.
      const module = layout.qrSide / (code.size + 8);
      const qrX = x + layout.padding + 4 * module;
      const qrY = y + layout.padding + 4 * module;
      // Bytes go into the content stream as they are (no copy); a string gets a newline appended.
      doc.addContent(
        `q\n0 g\n${module.toFixed(5)} 0 0 ${module.toFixed(5)} ${format(qrX)} ${format(qrY)} cm`,
      );
      doc.addContent(code.runs);
      doc.addContent('f\nQ');

      if (slot === 0) {
        template = captured(doc, () =>
          drawTexts(doc, layout, text, details, x + textX, y + layout.padding, textWidth),
        );
      } else {
        // Same words on every label: replay the first label's drawing, moved to this cell.
        doc.addContent(`q\n1 0 0 1 ${format(x)} ${format(y)} cm\n${template}\nQ`);
      }
      // Every URI of a run has the same length, so one measurement sizes them all to the cell's width.
      doc.font('Helvetica');
      if (!uriSize) {
        const widthAtOne = doc.fontSize(1).widthOfString(chunk.items[i].shortUri);
        uriSize = Math.min(layout.fontSize.uri, (layout.cellWidth - 2 * layout.padding) / widthAtOne);
      }
      doc
        .fontSize(uriSize)
        .text(
          chunk.items[i].shortUri,
          x + layout.padding,
          y + layout.cellHeight - layout.padding - uriSize * 1.2,
          {
            lineBreak: false,
          },
        );
    }
    await onProgress(done);
  }
  if (done === 0) doc.addPage({ size: [layout.pageWidth, layout.pageHeight], margin: 0 });
  doc.end();
  await finished;
  return done;
}
