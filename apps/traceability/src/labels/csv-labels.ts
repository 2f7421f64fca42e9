import { LabelItem, LabelText } from './label-content';

/** RFC 4180 field: quoted when it holds a comma, quote or line break (lots may hold commas and quotes). */
export const csvField = (value: string | number | undefined): string => {
  const text = value === undefined ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

export const CSV_HEADER = [
  'seq',
  'serial',
  'gtin',
  'lot',
  'expiry_date',
  'best_before_date',
  'product_name',
  'digital_link',
  'short_uri',
];

/**
 * The file a printing house loads into its variable-data press: one row per label. UTF-8 with a byte-order mark,
 * so that spreadsheet programs show Vietnamese product names correctly.
 */
export function csvHeader(): string {
  return `\uFEFF${CSV_HEADER.join(',')}\r\n`;
}

export function csvRow(seq: number, gtin: string, text: LabelText, item: LabelItem): string {
  return `${[
    seq,
    item.serial,
    gtin,
    text.lot,
    text.expiryDate,
    text.bestBeforeDate,
    text.productNameVi,
    item.uri,
    item.shortUri,
  ]
    .map(csvField)
    .join(',')}\r\n`;
}
