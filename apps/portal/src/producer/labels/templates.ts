import type { Schema } from '../../common/api/types';

export type LabelRequest = Schema<'traceability.LabelRequestDto'>;
export type LabelJob = Schema<'traceability.LabelJobView'>;
export type LabelFormat = LabelRequest['format'];
export type TemplateId = Exclude<LabelRequest['layout'], 'custom'>;

/**
 * The label service's ready-made templates, in millimetres as printed on the box of a label sheet (traceability's
 * label-layouts.ts, decision 0040). The service offers no list of them, so the portal carries their geometry to
 * draw the sheet and preview one label at its size; the service alone decides how a label is laid out.
 */
export interface LabelTemplate {
  id: TemplateId;
  kind: 'sheet' | 'roll';
  pageWidthMm: number;
  pageHeightMm: number;
  columns: number;
  rows: number;
  labelWidthMm: number;
  labelHeightMm: number;
  marginLeftMm: number;
  marginTopMm: number;
  gapXMm: number;
  /** Ink stays this far inside the label's edge (die-cuts drift, office printers cannot print a sheet's edge). */
  safeMarginMm: number;
}

const a4 = (
  id: TemplateId,
  [columns, rows]: [number, number],
  [labelWidthMm, labelHeightMm]: [number, number],
  { left, top, gapX = 0, safe = 5 }: { left?: number; top?: number; gapX?: number; safe?: number } = {},
): LabelTemplate => ({
  id,
  kind: 'sheet',
  pageWidthMm: 210,
  pageHeightMm: 297,
  columns,
  rows,
  labelWidthMm,
  labelHeightMm,
  // Without margins the grid is centred on the page, as the service places it.
  marginLeftMm: left ?? (210 - columns * labelWidthMm - (columns - 1) * gapX) / 2,
  marginTopMm: top ?? (297 - rows * labelHeightMm) / 2,
  gapXMm: gapX,
  safeMarginMm: safe,
});

const roll = (id: TemplateId, [w, h]: [number, number], safe: number): LabelTemplate => ({
  id,
  kind: 'roll',
  pageWidthMm: w,
  pageHeightMm: h,
  columns: 1,
  rows: 1,
  labelWidthMm: w,
  labelHeightMm: h,
  marginLeftMm: 0,
  marginTopMm: 0,
  gapXMm: 0,
  safeMarginMm: safe,
});

export const TEMPLATES: readonly LabelTemplate[] = [
  a4('a4-3x8', [3, 8], [70, 37]),
  a4('a4-4x10', [4, 10], [52.5, 29.7], { safe: 2.5 }),
  a4('a4-3x7', [3, 7], [63.5, 38.1], { left: 7.2, top: 15.15, gapX: 2.5, safe: 4 }),
  a4('a4-2x7', [2, 7], [99.1, 38.1], { left: 4.65, top: 15.15, gapX: 2.5 }),
  a4('a4-2x8', [2, 8], [99.1, 33.9], { left: 4.65, top: 12.9, gapX: 2.5, safe: 4 }),
  roll('thermal-40x30', [40, 30], 1.5),
  roll('thermal-50x30', [50, 30], 2),
  roll('thermal-60x40', [60, 40], 3),
];

export const DEFAULT_TEMPLATE: TemplateId = 'a4-3x8';

export function templateOf(id: string | undefined): LabelTemplate | undefined {
  return TEMPLATES.find((t) => t.id === id);
}

export const labelsPerPage = (t: LabelTemplate): number => t.columns * t.rows;

/** How many sheets (or roll labels) a run takes, and how many labels the last sheet carries. */
export function sheetsFor(quantity: number, t: LabelTemplate): { sheets: number; onLast: number } {
  const perPage = labelsPerPage(t);
  const sheets = Math.ceil(quantity / perPage);
  return { sheets, onLast: quantity - (sheets - 1) * perPage };
}

/** Files the label service writes: one per job. */
export const FORMATS: readonly LabelFormat[] = ['pdf', 'zpl', 'csv'];
