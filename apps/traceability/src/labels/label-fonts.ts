import { nodeRequire } from '../common/node-require';
import { LabelFont, Measure } from './label-layout-engine';

// pdfkit (with fontkit and its tables) adds ~22 MB to the process; it is loaded with the first label run, not at
// boot, so that traceability idles inside its RSS budget (150 MB) with the larger young generation of its bulk
// memory profile (decision 0030).
const importPdfkit = () => import('pdfkit');
let pdfkit: ReturnType<typeof importPdfkit> | undefined;
export const loadPdfkit = () => (pdfkit ??= importPdfkit());

/**
 * The fonts of every label: DejaVu Sans Condensed (full Vietnamese, narrow enough for small labels) and, for the
 * serial, DejaVu Sans Mono Bold (every character the same width, a zero unlike O), embedded in every PDF (subset).
 * ZPL jobs download the regular face to the printer. No PDF standard font is used anywhere.
 */
export const LABEL_FONT_FILES: Record<LabelFont, string> = {
  regular: 'DejaVuSansCondensed',
  bold: 'DejaVuSansCondensed-Bold',
  mono: 'DejaVuSansMono-Bold',
};

const fontPaths: Partial<Record<LabelFont, string>> = {};
export const labelFontPath = (font: LabelFont): string =>
  (fontPaths[font] ??= nodeRequire.resolve(`dejavu-fonts-ttf/ttf/${LABEL_FONT_FILES[font]}.ttf`));

/**
 * Selects a label font on a document by its file, not by a name registered with registerFont: pdfkit 0.17 never
 * caches a registered name whose file is already open (the document's default font is the regular face), so
 * every selection by name parsed DejaVu again — once a page, which cut a 100,000-label job from ~4,800 to
 * ~1,300 labels/s and doubled its memory (docs/benchmarks.md, 2026-12-04).
 */
export function selectLabelFont(doc: PDFKit.PDFDocument, font: LabelFont): PDFKit.PDFDocument {
  return doc.font(labelFontPath(font));
}

/**
 * Measures with pdfkit's widthOfString (the font's advance widths and kerning, as pdfkit will draw the text).
 * Widths are linear in the size, so each string is measured once at 1 pt.
 */
export function pdfkitMeasure(doc: PDFKit.PDFDocument): Measure {
  const cache = new Map<string, number>();
  return (text, font, size) => {
    const key = `${font}\u0000${text}`;
    let width = cache.get(key);
    if (width === undefined) {
      width = selectLabelFont(doc, font).fontSize(1).widthOfString(text);
      cache.set(key, width);
    }
    return width * size;
  };
}

/** What forgetLaidOutWords reaches of pdfkit's document: its open fonts (not in pdfkit's types). */
interface FontsOf {
  _fontFamilies: Record<string, { layoutCache?: Record<string, unknown> }>;
}

/**
 * Forgets the words a document's fonts have laid out. pdfkit's fonts keep the layout of every word they ever
 * drew; every serial is a word of its own (~2.4 KB kept each), so a 100,000-label job grew by ~240 MB. Called once
 * a page: the few words every label shares are laid out again, cheaply, on the next page.
 */
export function forgetLaidOutWords(doc: PDFKit.PDFDocument): void {
  for (const font of Object.values((doc as unknown as FontsOf)._fontFamilies))
    if (font.layoutCache) font.layoutCache = Object.create(null) as Record<string, unknown>;
}

let shared: Promise<Measure> | undefined;

/** A measuring function of the process's own, for designing without drawing (ZPL jobs, request checks). */
export function labelMeasure(): Promise<Measure> {
  shared ??= loadPdfkit().then(({ default: PDFDocument }) => {
    return pdfkitMeasure(new PDFDocument({ autoFirstPage: false, font: labelFontPath('regular') }));
  });
  return shared;
}
