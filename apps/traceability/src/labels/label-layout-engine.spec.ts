import PDFDocument from 'pdfkit';
import { labelContent, LabelText } from './label-content';
import { labelFontPath, labelMeasure } from './label-fonts';
import {
  designLabel,
  fitBlock,
  LabelDesign,
  LabelDoesNotFit,
  LINE_PITCH,
  Measure,
  MIN_FONT_SIZE,
  SCAN_TO_VERIFY,
  TEXT_BOX_EM,
} from './label-layout-engine';
import {
  Box,
  geometryProblems,
  LABEL_LAYOUT_IDS,
  LABEL_LAYOUTS,
  labelBox,
  LabelTemplate,
  MM,
  templateFromMm,
} from './label-layouts';
import { cropMarkSegments } from './pdf-label-sheet';
import { LONGEST_NAMES } from '../../test/label-products';

let measure: Measure;
beforeAll(async () => {
  measure = await labelMeasure();
});

/** The box a placed text occupies on the page: its advance width, the font's ascender to descender. */
const textBoxes = (d: LabelDesign): (Box & { text: string })[] => [
  ...d.texts.map((t) => ({ text: t.text, x: t.x, y: t.y, width: t.width, height: TEXT_BOX_EM * t.size })),
  ...(d.mark ? [{ ...d.mark.word, height: TEXT_BOX_EM * d.mark.word.size }] : []),
];

const overlap = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
const inside = (a: Box, outer: Box, tolerance = 1e-6) =>
  a.x >= outer.x - tolerance &&
  a.y >= outer.y - tolerance &&
  a.x + a.width <= outer.x + outer.width + tolerance &&
  a.y + a.height <= outer.y + outer.height + tolerance;

/** Every promise of the engine about one design: inside the safe area, nothing on anything, no type below 6 pt. */
function expectClean(d: LabelDesign): void {
  const boxes = textBoxes(d);
  const graphics: Box[] = [d.qr];
  if (d.mark) {
    const { stars } = d.mark;
    graphics.push({
      x: stars.x,
      y: stars.y,
      width: stars.step * (stars.count - 1) + stars.side,
      height: stars.side,
    });
  }
  if (d.serial) boxes.push({ text: 'serial', ...d.serial, height: TEXT_BOX_EM * d.serial.size });
  for (const b of [...boxes, ...graphics]) expect(inside(b, d.content)).toBe(true);
  for (const t of d.texts) expect(t.size).toBeGreaterThanOrEqual(MIN_FONT_SIZE);
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++)
      expect([boxes[i].text, boxes[j].text, overlap(boxes[i], boxes[j])]).toEqual([
        boxes[i].text,
        boxes[j].text,
        false,
      ]);
    for (const g of graphics) expect([boxes[i].text, overlap(boxes[i], g)]).toEqual([boxes[i].text, false]);
  }
}

const text = (over: Partial<LabelText> = {}): LabelText => ({
  productNameVi: LONGEST_NAMES[0].vi,
  productNameEn: LONGEST_NAMES[0].en,
  lot: 'KD-2611-BT',
  productionDate: '2026-11-20',
  expiryDate: '2027-05-31',
  stars: 5,
  ...over,
});

describe('label layout engine', () => {
  it('uses a line pitch that clears DejaVu’s ascender-to-descender box in both faces', () => {
    const doc = new PDFDocument({ autoFirstPage: false, font: labelFontPath('regular') });
    for (const face of ['regular', 'bold', 'mono'] as const) {
      doc.font(labelFontPath(face));
      const font = (doc as unknown as { _font: { ascender: number; descender: number } })._font;
      expect((font.ascender - font.descender) / 1000).toBeLessThanOrEqual(TEXT_BOX_EM + 1e-3);
    }
    expect(TEXT_BOX_EM).toBeLessThan(LINE_PITCH);
  });

  it('shrinks a text to fit one line before it wraps, and wraps before it cuts', () => {
    const width = measure('Kẹo dừa sáp Thạnh Phú', 'bold', 8);
    const block = {
      text: 'Kẹo dừa sáp Thạnh Phú',
      font: 'bold' as const,
      size: 10,
      maxLines: 2,
      truncatable: true,
    };
    // At 10 pt the name needs two lines; the engine's scale loop reaches 8 pt, where one line holds it.
    expect(fitBlock(block, 10, width, measure)).toEqual(['Kẹo dừa sáp', 'Thạnh Phú']);
    expect(fitBlock(block, 8, width, measure)).toEqual(['Kẹo dừa sáp Thạnh Phú']);
    // Too long for its one line above the floor: not fitted (the engine shrinks further)…
    const long = { ...block, text: LONGEST_NAMES[0].vi, maxLines: 1 };
    expect(fitBlock(long, 7, width, measure)).toBeNull();
    // …and cut with an ellipsis at the floor, within the width.
    const cut = fitBlock(long, MIN_FONT_SIZE, width, measure) as string[];
    expect(cut).toHaveLength(1);
    expect(cut[0].endsWith('…')).toBe(true);
    expect(measure(cut[0], 'bold', MIN_FONT_SIZE)).toBeLessThanOrEqual(width);
    // A lot or a date is never cut: it does not fit, so the label is too small.
    expect(fitBlock({ ...long, truncatable: false }, MIN_FONT_SIZE, width, measure)).toBeNull();
  });

  it('breaks a bilingual line at its slash, one language a line', () => {
    const width = measure('Quét để kiểm tra', 'bold', 6) + 1;
    expect(
      fitBlock(
        { text: SCAN_TO_VERIFY, font: 'bold', size: 6, maxLines: 2, truncatable: false, breakAtSlash: true },
        6,
        width,
        measure,
      ),
    ).toEqual(['Quét để kiểm tra', 'Scan to verify']);
  });

  it.each(LABEL_LAYOUT_IDS)(
    'lays out %s with the longest real names, with and without English, stars and serial, all clean',
    (id) => {
      const template = LABEL_LAYOUTS[id];
      for (const names of LONGEST_NAMES) {
        for (const variant of [
          text({ productNameVi: names.vi, productNameEn: names.en }),
          text({ productNameVi: names.vi, productNameEn: undefined, stars: null }),
        ]) {
          for (const serialised of [true, false]) {
            const design = designLabel(template, labelContent(variant, serialised), measure);
            expectClean(design);
            // The call to scan, the lot and every date are printed whole.
            const printed = design.texts.map((t) => t.text).join(' ');
            expect(printed).toContain('Scan to verify');
            expect(printed).toContain(`Lot: ${variant.lot}`);
            expect(printed).toContain('31/05/2027');
            expect(Boolean(design.serial)).toBe(serialised);
            expect(Boolean(design.mark)).toBe(variant.stars !== null);
          }
        }
      }
      // Crowded labels: the longest lot GS1 allows (20 characters), or a best-before date beside the expiry date.
      // Each is printed whole, or the label is refused as too small: only the smallest roll cannot carry them.
      for (const crowded of [text({ lot: 'ABCDEFGHIJKLMNOPQRST' }), text({ bestBeforeDate: '2027-03-01' })]) {
        if (id === 'thermal-40x30') {
          expect(() => designLabel(template, labelContent(crowded, true), measure)).toThrow(LabelDoesNotFit);
          continue;
        }
        const design = designLabel(template, labelContent(crowded, true), measure);
        expectClean(design);
        const printed = design.texts.map((t) => t.text).join('');
        expect(printed).toContain(crowded.lot);
        if (crowded.bestBeforeDate) expect(printed).toContain('01/03/2027');
      }
    },
  );

  it('keeps type large where there is room and never goes below 6 pt where there is not', () => {
    const short = designLabel(
      LABEL_LAYOUTS['a4-2x7'],
      labelContent(text({ productNameVi: 'Bưởi da xanh' }), true),
      measure,
    );
    expect(short.texts[0]).toMatchObject({ text: 'Bưởi da xanh', size: 9 });
    const tight = designLabel(LABEL_LAYOUTS['thermal-40x30'], labelContent(text(), true), measure);
    expect(Math.min(...tight.texts.map((t) => t.size))).toBe(MIN_FONT_SIZE);
    expect(tight.texts.some((t) => t.text.endsWith('…'))).toBe(true);
  });

  it('refuses a label too small for a scannable code, or for its serial and dates at 6 pt', () => {
    const tiny = templateFromMm('custom', 'sheet', {
      pageWidthMm: 210,
      pageHeightMm: 297,
      columns: 5,
      rows: 13,
      labelWidthMm: 38.1,
      labelHeightMm: 21.2,
      safeMarginMm: 1.5,
    });
    expect(() => designLabel(tiny, labelContent(text(), true), measure)).toThrow(LabelDoesNotFit);
    const narrow = templateFromMm('custom', 'roll', {
      pageWidthMm: 36,
      pageHeightMm: 40,
      columns: 1,
      rows: 1,
      labelWidthMm: 36,
      labelHeightMm: 40,
      safeMarginMm: 1,
    });
    expect(() => designLabel(narrow, labelContent(text(), true), measure)).toThrow(LabelDoesNotFit);
  });
});

describe('label templates', () => {
  it.each(LABEL_LAYOUT_IDS)('%s puts every label on its page, inside the page', (id) => {
    const t = LABEL_LAYOUTS[id];
    expect(geometryProblems(t)).toEqual([]);
    const page = { x: 0, y: 0, width: t.pageWidth, height: t.pageHeight };
    for (let slot = 0; slot < t.columns * t.rows; slot++)
      expect(inside(labelBox(t, slot), page, 0.01)).toBe(true);
    expect(t.safeMargin).toBeGreaterThanOrEqual(1.5 * MM);
  });

  it('names the dimension of a custom sheet that does not fit', () => {
    const custom = (g: Partial<Parameters<typeof templateFromMm>[2]>): LabelTemplate =>
      templateFromMm('custom', 'sheet', {
        pageWidthMm: 210,
        pageHeightMm: 297,
        columns: 3,
        rows: 8,
        labelWidthMm: 70,
        labelHeightMm: 37,
        ...g,
      });
    expect(geometryProblems(custom({}))).toEqual([]);
    expect(geometryProblems(custom({ columns: 4 })).map((p) => p.field)).toEqual(['columns']);
    expect(geometryProblems(custom({ marginTopMm: 5 })).map((p) => p.field)).toEqual(['rows']);
    expect(geometryProblems(custom({ safeMarginMm: 20 })).map((p) => p.field)).toEqual(['safeMarginMm']);
  });

  it('draws crop marks only in the page margins, never on a label', () => {
    const t = { ...LABEL_LAYOUTS['a4-2x7'], cropMarks: true };
    const segments = cropMarkSegments(t);
    // Every cut line gets a mark at both ends: 4 vertical lines (the column gap has two) and 8 horizontal ones
    // (rows touch, so 7 rows have 8 edges).
    expect(segments).toHaveLength(4 * 2 + 8 * 2);
    const labels = Array.from({ length: 14 }, (_, slot) => labelBox(t, slot));
    for (const [x1, y1, x2, y2] of segments) {
      const seg = {
        x: Math.min(x1, x2),
        y: Math.min(y1, y2),
        width: Math.abs(x2 - x1),
        height: Math.abs(y2 - y1),
      };
      expect(inside(seg, { x: 0, y: 0, width: t.pageWidth, height: t.pageHeight })).toBe(true);
      for (const label of labels) expect(overlap(seg, label)).toBe(false);
    }
    // An edge-to-edge sheet has no margin to put them in.
    expect(cropMarkSegments({ ...LABEL_LAYOUTS['a4-4x10'], cropMarks: true })).toEqual([]);
  });
});
