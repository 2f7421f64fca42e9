import { vietnameseDate } from '../common/vietnam-time';

/** What every label of a run shows besides its code: the same for all units of a batch. */
export interface LabelText {
  productNameVi: string;
  productNameEn?: string;
  lot: string;
  expiryDate?: string;
  bestBeforeDate?: string;
  /** The OCOP star of the certificate in force when the labels are made. */
  stars: 3 | 4 | 5 | null;
}

/** One label: its Digital Link and what a person reads under the code. */
export interface LabelItem {
  uri: string;
  shortUri: string;
  serial?: string;
}

/** The detail lines of a label, Vietnamese first, English second. */
export function detailLines(text: LabelText): string[] {
  const lines = [`Lô / Lot: ${text.lot}`];
  if (text.expiryDate) lines.push(`HSD / EXP: ${vietnameseDate(text.expiryDate)}`);
  if (text.bestBeforeDate)
    lines.push(`Dùng tốt nhất trước / Best before: ${vietnameseDate(text.bestBeforeDate)}`);
  if (text.stars) lines.push(`OCOP ${'★'.repeat(text.stars)}`);
  return lines;
}
