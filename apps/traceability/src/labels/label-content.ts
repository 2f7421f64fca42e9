import { vietnameseDate } from '../common/vietnam-time';
import { SERIAL_ALPHABET, SERIAL_LENGTH } from '../serials/serial-generator';
import { LabelContent } from './label-layout-engine';

/** What every label of a run shows besides its code: the same for all units of a batch. */
export interface LabelText {
  productNameVi: string;
  productNameEn?: string;
  lot: string;
  productionDate?: string;
  packingDate?: string;
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

/**
 * The lot and date lines of a label, Vietnamese first, English second, dates as Vietnamese read them. The
 * production date is the one a shopper looks for (NSX); a batch that only records when it was packed says so.
 */
export function detailLines(text: LabelText): string[] {
  const lines = [`Lô / Lot: ${text.lot}`];
  if (text.productionDate) lines.push(`NSX / MFD: ${vietnameseDate(text.productionDate)}`);
  else if (text.packingDate) lines.push(`Đóng gói / Packed: ${vietnameseDate(text.packingDate)}`);
  if (text.expiryDate) lines.push(`HSD / EXP: ${vietnameseDate(text.expiryDate)}`);
  if (text.bestBeforeDate)
    lines.push(`Dùng tốt nhất trước / Best before: ${vietnameseDate(text.bestBeforeDate)}`);
  return lines;
}

/** The layout engine's view of a run: serialised runs print a serial of the platform's length under the code. */
export function labelContent(text: LabelText, serialised: boolean): LabelContent {
  return {
    nameVi: text.productNameVi,
    ...(text.productNameEn ? { nameEn: text.productNameEn } : {}),
    details: detailLines(text),
    stars: text.stars,
    serialLength: serialised ? SERIAL_LENGTH : null,
    serialAlphabet: SERIAL_ALPHABET,
  };
}
