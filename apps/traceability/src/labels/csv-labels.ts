import { writeCsv } from '@ocop/service-kit';
import { LabelItem, LabelText } from './label-content';

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
  return writeCsv([CSV_HEADER]);
}

/**
 * The rows of one chunk of labels, numbered from `firstSeq`; written without a BOM, after the header. A batch
 * without GTIN leaves its cell empty: its /t/ URI is in digital_link (decision 0048).
 */
export function csvRows(
  firstSeq: number,
  gtin: string | undefined,
  text: LabelText,
  items: readonly LabelItem[],
): string {
  return writeCsv(
    items.map((item, i) => [
      firstSeq + i,
      item.serial,
      gtin,
      text.lot,
      text.expiryDate,
      text.bestBeforeDate,
      text.productNameVi,
      item.uri,
      item.shortUri,
    ]),
    { bom: false },
  );
}
