import { Box, contentBox, LabelTemplate, MM } from './label-layouts';

/**
 * The label layout engine: where every text, the QR code and the OCOP mark go on one label, measured with the
 * font's own metrics so that nothing overlaps and nothing leaves the label's safe area. Pure: the caller passes
 * the measuring function (pdfkit's widthOfString over the embedded DejaVu fonts, see font-metrics.ts), so the
 * PDF sheet and the ZPL job share one design. Decision 0040.
 *
 * A text that does not fit is first shrunk (to 6 pt at the least), then wrapped onto more lines (up to the
 * block's limit), then cut with an ellipsis — and only the product names may be cut: a lot, a date, the serial
 * or the call to scan that does not fit whole at 6 pt makes the label too small (`LabelDoesNotFit`).
 */

export type LabelFont = 'regular' | 'bold' | 'mono';
export type Measure = (text: string, font: LabelFont, size: number) => number;

/** The smallest type a label carries: below it, names and dates are not read at arm's length. */
export const MIN_FONT_SIZE = 6;
/** Height of a line's box in ems: DejaVu's ascender to descender (checked against the font in the tests). */
export const TEXT_BOX_EM = 1.164;
/** Line pitch in ems: lines 1.2 em apart never touch. */
export const LINE_PITCH = 1.2;
/** Smallest QR symbol (quiet zone included): a signed unit's URI (version 8–9) keeps modules ≥ 0.26 mm. */
export const MIN_QR_SIDE = 16 * MM;
/** The QR column takes at most this share of the label's width, leaving the rest to the texts. */
const QR_SHARE = 0.5;
/** How much the QR code gives up at a time to make room for the texts. */
const QR_STEP = 1 * MM;
/** Space between the QR column and the texts (the quiet zone is inside the QR box already). */
const COLUMN_GAP = 1 * MM;
/** Smallest side of a vector star of the OCOP mark. */
const MIN_STAR_SIDE = 1.2 * MM;
const ELLIPSIS = '…';

export const SCAN_TO_VERIFY = 'Quét để kiểm tra / Scan to verify';

/** What a label says besides its code. The serial differs per label: only its length is known here. */
export interface LabelContent {
  nameVi: string;
  nameEn?: string;
  /** Lot and dates, Vietnamese first ("Lô / Lot: …"). */
  details: string[];
  stars: 3 | 4 | 5 | null;
  /** Characters of the serial printed under the QR code; null for batch-level labels (no serial). */
  serialLength: number | null;
  /** Characters a serial may be made of (its widest one sizes the line). */
  serialAlphabet: string;
}

export interface PlacedText {
  text: string;
  font: LabelFont;
  size: number;
  /** Top-left of the line's box (the font's ascender to descender), relative to the label's top-left. */
  x: number;
  y: number;
  /** Measured advance width of the text. */
  width: number;
}

export interface OcopMark {
  /** Badge (a filled rounded rectangle) with "OCOP" in it. */
  badge: Box;
  word: PlacedText;
  stars: { count: number; side: number; x: number; y: number; step: number };
}

export interface LabelDesign {
  /** QR symbol with its 4-module quiet zone. */
  qr: Box;
  /** The line the serial is printed on, centred under the QR code (absent for batch-level labels). */
  serial?: { x: number; y: number; width: number; size: number; font: LabelFont };
  /** Every text that is the same on all labels of a run. */
  texts: PlacedText[];
  mark?: OcopMark;
  /** The safe area all of the above lies in. */
  content: Box;
}

export class LabelDoesNotFit extends Error {
  constructor(
    readonly vi: string,
    readonly en: string,
  ) {
    super(en);
  }
}

interface Block {
  text: string;
  font: LabelFont;
  size: number;
  maxLines: number;
  /** Names may lose their end; a lot, a date or the scan call may not. */
  truncatable: boolean;
  /** A "vi / en" text that needs two lines breaks at its slash, each language on its own line. */
  breakAtSlash?: boolean;
}

/** Lines of `text` wrapped greedily at spaces to `width` (a word longer than a line is broken between letters). */
export function wrap(text: string, font: LabelFont, size: number, width: number, measure: Measure): string[] {
  const fits = (s: string) => measure(s, font, size) <= width;
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (fits(candidate)) {
      line = candidate;
      continue;
    }
    if (line) lines.push(line);
    line = '';
    let rest = word;
    while (!fits(rest)) {
      let cut = rest.length - 1;
      while (cut > 1 && !fits(rest.slice(0, cut))) cut--;
      lines.push(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
    line = rest;
  }
  if (line) lines.push(line);
  return lines;
}

/** The longest start of `text` that, with an ellipsis, fits `width`. */
export function truncate(
  text: string,
  font: LabelFont,
  size: number,
  width: number,
  measure: Measure,
): string {
  const chars = [...text];
  for (let n = chars.length; n > 0; n--) {
    const candidate = `${chars.slice(0, n).join('').trimEnd()}${ELLIPSIS}`;
    if (measure(candidate, font, size) <= width) return candidate;
  }
  return ELLIPSIS;
}

/**
 * The lines of a block at `size`, or null when it needs more than its lines. At the floor size a truncatable
 * block keeps its first lines and ends in an ellipsis.
 */
export function fitBlock(block: Block, size: number, width: number, measure: Measure): string[] | null {
  const { text, font, maxLines } = block;
  if (measure(text, font, size) <= width) return [text];
  const halves = text.split(' / ');
  if (block.breakAtSlash && halves.length === 2 && maxLines >= 2) {
    // The line break parts the languages; a slash at a line's end or start would only take room.
    const lines = halves;
    if (lines.every((l) => measure(l, font, size) <= width)) return lines;
  }
  const lines = wrap(text, font, size, width, measure);
  // A column narrower than one letter: nothing to wrap to.
  if (lines.some((l) => measure(l, font, size) > width)) return null;
  if (lines.length <= maxLines) return lines;
  if (!block.truncatable || size > MIN_FONT_SIZE) return null;
  const kept = lines.slice(0, maxLines);
  kept[maxLines - 1] = truncate(lines.slice(maxLines - 1).join(' '), font, size, width, measure);
  return kept;
}

/** How many lines each name may take, most generous first: the English name goes before the Vietnamese. */
const NAME_LINES: [number, number][] = [
  [3, 2],
  [3, 1],
  [2, 1],
  [1, 1],
  [1, 0],
];

/** Shrink steps, as fractions of the template's type sizes. */
const SCALES = Array.from({ length: 21 }, (_, i) => 1 - i * 0.05);

function serialLine(
  content: LabelContent,
  template: LabelTemplate,
  measure: Measure,
): { size: number; widthAt1: number } | null {
  if (content.serialLength === null) return null;
  const widest = Math.max(...[...content.serialAlphabet].map((c) => measure(c, 'mono', 1)));
  return { size: template.fontSize.detail, widthAt1: widest * content.serialLength };
}

/**
 * The design of every label of a run. Throws LabelDoesNotFit when the template cannot carry the content at
 * 6 pt: a QR code too small to scan, a serial, lot or date that cannot be printed whole.
 */
export function designLabel(template: LabelTemplate, content: LabelContent, measure: Measure): LabelDesign {
  const box = contentBox(template);
  const serial = serialLine(content, template, measure);
  const serialHeight = serial ? serial.size * LINE_PITCH : 0;
  const largest = Math.min(box.height - serialHeight, box.width * QR_SHARE);
  if (largest < MIN_QR_SIDE) {
    throw new LabelDoesNotFit(
      `tem quá nhỏ: mã QR chỉ còn ${(largest / MM).toFixed(1)} mm (cần ít nhất ${MIN_QR_SIDE / MM} mm)`,
      `the label is too small: the QR code would be ${(largest / MM).toFixed(1)} mm (at least ${MIN_QR_SIDE / MM} mm)`,
    );
  }
  // The QR code gives up a millimetre at a time (to the minimum) before a name loses a line: a smaller code
  // still scans, a cut name is lost.
  const sides: number[] = [];
  for (let side = largest; side >= MIN_QR_SIDE - 1e-9; side -= QR_STEP) sides.push(side);
  let column: Box | undefined;
  for (const [viLines, enLines] of NAME_LINES) {
    for (const qrSide of sides) {
      let serialPlace: LabelDesign['serial'];
      if (serial) {
        const size = Math.min(serial.size, qrSide / serial.widthAt1);
        if (size < MIN_FONT_SIZE) continue;
        serialPlace = { x: box.x, y: box.y + qrSide, width: qrSide, size, font: 'mono' };
      }
      column = {
        x: box.x + qrSide + COLUMN_GAP,
        y: box.y,
        width: box.width - qrSide - COLUMN_GAP,
        height: box.height,
      };
      for (const scale of SCALES) {
        const placed = placeColumn(template, content, column, scale, viLines, enLines, measure);
        if (placed) {
          const qr = { x: box.x, y: box.y, width: qrSide, height: qrSide };
          return { qr, ...(serialPlace ? { serial: serialPlace } : {}), ...placed, content: box };
        }
        if (
          template.fontSize.name * scale <= MIN_FONT_SIZE &&
          template.fontSize.detail * scale <= MIN_FONT_SIZE
        )
          break;
      }
    }
  }
  if (!column) {
    throw new LabelDoesNotFit(
      'tem quá nhỏ: số sê-ri không in đủ dưới mã QR ở cỡ chữ 6',
      'the label is too small: the serial does not fit under the QR code at 6 pt',
    );
  }
  throw new LabelDoesNotFit(
    `tem quá nhỏ: tên, lô, ngày và dòng "Quét để kiểm tra" không vừa cột chữ ${(column.width / MM).toFixed(1)} × ${(column.height / MM).toFixed(1)} mm ở cỡ chữ 6`,
    `the label is too small: the name, lot, dates and "Scan to verify" do not fit a ${(column.width / MM).toFixed(1)} × ${(column.height / MM).toFixed(1)} mm text column at 6 pt`,
  );
}

/** The texts and the mark stacked in the text column at one scale, or null if they do not fit. */
function placeColumn(
  template: LabelTemplate,
  content: LabelContent,
  column: Box,
  scale: number,
  viLines: number,
  enLines: number,
  measure: Measure,
): { texts: PlacedText[]; mark?: OcopMark } | null {
  const nameSize = Math.max(MIN_FONT_SIZE, template.fontSize.name * scale);
  const detailSize = Math.max(MIN_FONT_SIZE, template.fontSize.detail * scale);
  const texts: PlacedText[] = [];
  let y = column.y;

  let mark: OcopMark | undefined;
  if (content.stars) {
    mark = ocopMark(content.stars, column, detailSize, measure) ?? undefined;
    if (!mark) return null;
    y = mark.badge.y + mark.badge.height + 0.1 * detailSize;
  }

  const stack = (block: Block): boolean => {
    const lines = fitBlock(block, block.size, column.width, measure);
    if (!lines) return false;
    for (const text of lines) {
      texts.push({
        text,
        font: block.font,
        size: block.size,
        x: column.x,
        y,
        width: measure(text, block.font, block.size),
      });
      y += block.size * LINE_PITCH;
    }
    return true;
  };

  const blocks: Block[] = [
    { text: content.nameVi, font: 'bold', size: nameSize, maxLines: viLines, truncatable: true },
    ...(content.nameEn && enLines > 0
      ? [
          {
            text: content.nameEn,
            font: 'regular' as const,
            size: detailSize,
            maxLines: enLines,
            truncatable: true,
          },
        ]
      : []),
    ...content.details.map((text) => ({
      text,
      font: 'regular' as const,
      size: detailSize,
      maxLines: 2,
      truncatable: false,
    })),
  ];
  for (const block of blocks) if (!stack(block)) return null;

  // The call to scan sits at the foot of the column, where the eye ends.
  const call: Block = {
    text: SCAN_TO_VERIFY,
    font: 'bold',
    size: detailSize,
    maxLines: 2,
    truncatable: false,
    breakAtSlash: true,
  };
  const callLines = fitBlock(call, detailSize, column.width, measure);
  if (!callLines) return null;
  const callTop = column.y + column.height - callLines.length * detailSize * LINE_PITCH;
  if (callTop < y) return null;
  y = callTop;
  for (const text of callLines) {
    texts.push({
      text,
      font: 'bold',
      size: detailSize,
      x: column.x,
      y,
      width: measure(text, 'bold', detailSize),
    });
    y += detailSize * LINE_PITCH;
  }
  return { texts, ...(mark ? { mark } : {}) };
}

/**
 * The OCOP mark drawn as vectors: a badge with the word OCOP and one star per star of the certificate, sized
 * to a line of detail text. Null when the row does not fit the column even with the smallest stars.
 */
function ocopMark(stars: number, column: Box, size: number, measure: Measure): OcopMark | null {
  const wordWidth = measure('OCOP', 'bold', size);
  const padding = 0.25 * size;
  const badge = { x: column.x, y: column.y, width: wordWidth + 2 * padding, height: size * LINE_PITCH };
  const gap = 0.3 * size;
  const room = column.width - badge.width - gap;
  // Stars are 1.15 sides apart; as large as the badge is high, smaller when the row is short of room.
  const side = Math.min(badge.height, room / (stars * 1.15));
  if (side < MIN_STAR_SIDE) return null;
  return {
    badge,
    word: {
      text: 'OCOP',
      font: 'bold',
      size,
      x: badge.x + padding,
      // The word's box (1.164 em) centred in the badge (1.2 em).
      y: badge.y + (badge.height - TEXT_BOX_EM * size) / 2,
      width: wordWidth,
    },
    stars: {
      count: stars,
      side,
      x: badge.x + badge.width + gap,
      y: badge.y + (badge.height - side) / 2,
      step: side * 1.15,
    },
  };
}
