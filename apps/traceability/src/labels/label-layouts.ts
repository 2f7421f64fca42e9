const MM = 72 / 25.4;

export type LabelLayoutId = 'a4-3x8' | 'a4-4x10' | 'thermal-50x30' | 'thermal-60x40';

/**
 * Label sheets, in PDF points. A4 grids tile the page edge to edge (die-cut sheets of 70 × 37 mm and
 * 52.5 × 29.7 mm labels); thermal layouts are one label per page, the page being the label, as roll printers
 * expect. Sizes are chosen so that a signed unit's URI (version 8–9 QR) keeps modules ≥ 0.33 mm.
 */
export interface LabelLayout {
  id: LabelLayoutId;
  pageWidth: number;
  pageHeight: number;
  columns: number;
  rows: number;
  cellWidth: number;
  cellHeight: number;
  /** White space inside a cell, around everything. */
  padding: number;
  /** Side of the QR symbol including its quiet zone. */
  qrSide: number;
  fontSize: { name: number; detail: number; uri: number };
  /** For ZPL: dots per millimetre of the printer (8 = 203 dpi). */
  zplDotsPerMm: number;
}

function layout(
  id: LabelLayoutId,
  pageMm: [number, number],
  grid: [number, number],
  fontSize: LabelLayout['fontSize'],
  paddingMm: number,
): LabelLayout {
  const [pageWidth, pageHeight] = [pageMm[0] * MM, pageMm[1] * MM];
  const [columns, rows] = grid;
  const cellWidth = pageWidth / columns;
  const cellHeight = pageHeight / rows;
  const padding = paddingMm * MM;
  // The QR takes the cell's height, less padding and a line for the human-readable URI under it.
  const qrSide = cellHeight - 2 * padding - fontSize.uri * 1.4;
  return {
    id,
    pageWidth,
    pageHeight,
    columns,
    rows,
    cellWidth,
    cellHeight,
    padding,
    qrSide,
    fontSize,
    zplDotsPerMm: 8,
  };
}

export const LABEL_LAYOUTS: Record<LabelLayoutId, LabelLayout> = {
  'a4-3x8': layout('a4-3x8', [210, 297], [3, 8], { name: 7.5, detail: 6, uri: 4.6 }, 1.8),
  'a4-4x10': layout('a4-4x10', [210, 297], [4, 10], { name: 6, detail: 5, uri: 3.6 }, 1.2),
  'thermal-50x30': layout('thermal-50x30', [50, 30], [1, 1], { name: 6.5, detail: 5.5, uri: 4 }, 1.5),
  'thermal-60x40': layout('thermal-60x40', [60, 40], [1, 1], { name: 8, detail: 6.5, uri: 4.6 }, 2),
};

export const LABEL_LAYOUT_IDS = Object.keys(LABEL_LAYOUTS) as LabelLayoutId[];

export const labelsPerPage = (l: LabelLayout): number => l.columns * l.rows;
