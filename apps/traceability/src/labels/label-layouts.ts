/** PDF points per millimetre: every geometry below is in points, declared in millimetres. */
export const MM = 72 / 25.4;

export type LabelLayoutId =
  | 'a4-3x8'
  | 'a4-4x10'
  | 'a4-3x7'
  | 'a4-2x7'
  | 'a4-2x8'
  | 'thermal-40x30'
  | 'thermal-50x30'
  | 'thermal-60x40';

/**
 * Where labels sit on a page, in PDF points: a grid of `columns` × `rows` labels of `labelWidth` × `labelHeight`,
 * the first at (`marginLeft`, `marginTop`), `gapX`/`gapY` apart. Nothing is printed closer than `safeMargin` to a
 * label's edge: die-cuts drift by a millimetre or two and office printers cannot print the outer ~4 mm of a
 * sheet, so the default keeps ink 5 mm in (decision 0040). A roll template is one label per page, the page
 * being the label, as thermal printers expect.
 */
export interface LabelTemplate {
  id: LabelLayoutId | 'custom';
  kind: 'sheet' | 'roll';
  pageWidth: number;
  pageHeight: number;
  columns: number;
  rows: number;
  labelWidth: number;
  labelHeight: number;
  marginLeft: number;
  marginTop: number;
  gapX: number;
  gapY: number;
  safeMargin: number;
  /** Largest type the layout engine starts from before shrinking (to 6 pt at least), in points. */
  fontSize: { name: number; detail: number };
  /** Cut marks in the page margins along every label edge (plain paper cut by hand). */
  cropMarks: boolean;
  /** For ZPL: dots per millimetre of the printer (8 = 203 dpi). */
  zplDotsPerMm: number;
}

/** Geometry of a template in millimetres, as printed on the box of a label sheet. */
export interface TemplateGeometryMm {
  pageWidthMm: number;
  pageHeightMm: number;
  columns: number;
  rows: number;
  labelWidthMm: number;
  labelHeightMm: number;
  /** Omitted: the grid is centred on the page. */
  marginLeftMm?: number;
  marginTopMm?: number;
  gapXMm?: number;
  gapYMm?: number;
  safeMarginMm?: number;
}

export const DEFAULT_SAFE_MARGIN_MM = 5;

export function templateFromMm(
  id: LabelTemplate['id'],
  kind: LabelTemplate['kind'],
  g: TemplateGeometryMm,
  fontSize: LabelTemplate['fontSize'] = { name: 9, detail: 7 },
): LabelTemplate {
  const gapX = g.gapXMm ?? 0;
  const gapY = g.gapYMm ?? 0;
  const gridWidth = g.columns * g.labelWidthMm + (g.columns - 1) * gapX;
  const gridHeight = g.rows * g.labelHeightMm + (g.rows - 1) * gapY;
  return {
    id,
    kind,
    pageWidth: g.pageWidthMm * MM,
    pageHeight: g.pageHeightMm * MM,
    columns: g.columns,
    rows: g.rows,
    labelWidth: g.labelWidthMm * MM,
    labelHeight: g.labelHeightMm * MM,
    marginLeft: (g.marginLeftMm ?? (g.pageWidthMm - gridWidth) / 2) * MM,
    marginTop: (g.marginTopMm ?? (g.pageHeightMm - gridHeight) / 2) * MM,
    gapX: gapX * MM,
    gapY: gapY * MM,
    safeMargin: (g.safeMarginMm ?? DEFAULT_SAFE_MARGIN_MM) * MM,
    fontSize,
    cropMarks: false,
    zplDotsPerMm: 8,
  };
}

const a4 = (
  id: LabelLayoutId,
  grid: [number, number],
  label: [number, number],
  margins: { left?: number; top?: number; gapX?: number; safe?: number } = {},
  fontSize?: LabelTemplate['fontSize'],
) =>
  templateFromMm(
    id,
    'sheet',
    {
      pageWidthMm: 210,
      pageHeightMm: 297,
      columns: grid[0],
      rows: grid[1],
      labelWidthMm: label[0],
      labelHeightMm: label[1],
      marginLeftMm: margins.left,
      marginTopMm: margins.top,
      gapXMm: margins.gapX,
      safeMarginMm: margins.safe,
    },
    fontSize,
  );

const roll = (
  id: LabelLayoutId,
  size: [number, number],
  safe: number,
  fontSize?: LabelTemplate['fontSize'],
) =>
  templateFromMm(
    id,
    'roll',
    {
      pageWidthMm: size[0],
      pageHeightMm: size[1],
      columns: 1,
      rows: 1,
      labelWidthMm: size[0],
      labelHeightMm: size[1],
      marginLeftMm: 0,
      marginTopMm: 0,
      safeMarginMm: safe,
    },
    fontSize,
  );

/**
 * The die-cut A4 decal sheets sold in Vietnam follow the common international grids (Tomy and Decal A4 sheets
 * are sold by label count and size, in the same sizes as Avery's A4 range); thermal rolls are the sizes the
 * desktop printers take. Small labels get a smaller safe margin: at 5 mm the product name, dates, serial and
 * the QR code do not fit at 6 pt on a 30 mm-tall label (each exception is checked by the label tests).
 */
export const LABEL_LAYOUTS: Record<LabelLayoutId, LabelTemplate> = {
  // 24 labels of 70 × 37 mm, edge to edge (0.5 mm above and below the grid).
  'a4-3x8': a4('a4-3x8', [3, 8], [70, 37]),
  // 40 labels of 52.5 × 29.7 mm, edge to edge: too small for 5 mm, so 2.5 mm (still outside a printer's edge).
  'a4-4x10': a4('a4-4x10', [4, 10], [52.5, 29.7], { safe: 2.5 }, { name: 8, detail: 6.5 }),
  // 21 labels of 63.5 × 38.1 mm (Avery L7160 grid).
  'a4-3x7': a4('a4-3x7', [3, 7], [63.5, 38.1], { left: 7.2, top: 15.15, gapX: 2.5, safe: 4 }),
  // 14 labels of 99.1 × 38.1 mm (Avery L7163 grid).
  'a4-2x7': a4('a4-2x7', [2, 7], [99.1, 38.1], { left: 4.65, top: 15.15, gapX: 2.5 }),
  // 16 labels of 99.1 × 33.9 mm (Avery L7162 grid).
  'a4-2x8': a4('a4-2x8', [2, 8], [99.1, 33.9], { left: 4.65, top: 12.9, gapX: 2.5, safe: 4 }),
  'thermal-40x30': roll('thermal-40x30', [40, 30], 1.5, { name: 7, detail: 6 }),
  'thermal-50x30': roll('thermal-50x30', [50, 30], 2, { name: 8, detail: 6.5 }),
  'thermal-60x40': roll('thermal-60x40', [60, 40], 3),
};

export const LABEL_LAYOUT_IDS = Object.keys(LABEL_LAYOUTS) as LabelLayoutId[];

export const labelsPerPage = (l: LabelTemplate): number => l.columns * l.rows;

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The label of `slot` (0-based, row by row) on its page. */
export function labelBox(t: LabelTemplate, slot: number): Box {
  const column = slot % t.columns;
  const row = Math.floor(slot / t.columns) % t.rows;
  return {
    x: t.marginLeft + column * (t.labelWidth + t.gapX),
    y: t.marginTop + row * (t.labelHeight + t.gapY),
    width: t.labelWidth,
    height: t.labelHeight,
  };
}

/** Where ink may go on a label at the page origin: the label less its safe margin. */
export const contentBox = (t: LabelTemplate): Box => ({
  x: t.safeMargin,
  y: t.safeMargin,
  width: t.labelWidth - 2 * t.safeMargin,
  height: t.labelHeight - 2 * t.safeMargin,
});

/** Tolerance for geometry declared in hundredths of millimetres. */
const EPSILON = 0.01 * MM;

/**
 * What is wrong with a template's geometry, by field, or nothing: the grid must lie on the page and the safe
 * margin leave room inside each label. (Whether the label's content fits is the layout engine's answer.)
 */
export function geometryProblems(t: LabelTemplate): { field: string; vi: string; en: string }[] {
  const problems: { field: string; vi: string; en: string }[] = [];
  const right = t.marginLeft + t.columns * t.labelWidth + (t.columns - 1) * t.gapX;
  const bottom = t.marginTop + t.rows * t.labelHeight + (t.rows - 1) * t.gapY;
  const mm = (pt: number) => (pt / MM).toFixed(1);
  if (t.marginLeft < -EPSILON || right > t.pageWidth + EPSILON) {
    problems.push({
      field: 'columns',
      vi: `${t.columns} cột tem rộng ${mm(right - t.marginLeft)} mm (cả lề trái) không vừa trang rộng ${mm(t.pageWidth)} mm`,
      en: `${t.columns} columns of labels, ${mm(right - t.marginLeft)} mm wide plus the left margin, do not fit a ${mm(t.pageWidth)} mm wide page`,
    });
  }
  if (t.marginTop < -EPSILON || bottom > t.pageHeight + EPSILON) {
    problems.push({
      field: 'rows',
      vi: `${t.rows} hàng tem cao ${mm(bottom - t.marginTop)} mm (cả lề trên) không vừa trang cao ${mm(t.pageHeight)} mm`,
      en: `${t.rows} rows of labels, ${mm(bottom - t.marginTop)} mm high plus the top margin, do not fit a ${mm(t.pageHeight)} mm high page`,
    });
  }
  if (2 * t.safeMargin >= Math.min(t.labelWidth, t.labelHeight)) {
    problems.push({
      field: 'safeMarginMm',
      vi: 'lề an toàn không chừa chỗ nào bên trong tem',
      en: 'the safe margin leaves no room inside the label',
    });
  }
  return problems;
}
