import { BatchRecalledV1 } from '@ocop/contracts';
import { Template, vietnamDay } from './layout';

/** What the batch is of: the product's name when the event carries it (events of before did not), and its code. */
const code = (d: BatchRecalledV1, gtinWord: string, codeWord: string) =>
  d.batch.gtin ? `${gtinWord} ${d.batch.gtin}` : `${codeWord} ${d.batch.productCode}`;
const what = (d: BatchRecalledV1, name: string | undefined, gtinWord: string, codeWord: string) =>
  name ? `"${name}" (${code(d, gtinWord, codeWord)})` : `(${code(d, gtinWord, codeWord)})`;

export const batchRecalledTemplate: Template<BatchRecalledV1> = {
  vi: (d) => ({
    subject: d.productName
      ? `KHẨN: Lô hàng ${d.batch.lot} của "${d.productName}" đã bị thu hồi`
      : `KHẨN: Lô hàng ${d.batch.lot} đã bị thu hồi`,
    intro: `Lô hàng ${d.batch.lot} ${what(d, d.productName, 'GTIN', 'mã sản phẩm')} đã bị thu hồi. Mọi sản phẩm của lô hiển thị là "đã thu hồi" khi quét mã.`,
    facts: [
      ['Lý do', d.reason],
      ['Số đơn vị có mã', String(d.unitCount)],
      ['Ngày thu hồi', vietnamDay(d.recalledAt)],
    ],
    outro: 'Thông báo này được gửi bất kể cài đặt thông báo của bạn.',
  }),
  en: (d) => ({
    subject: d.productName
      ? `URGENT: batch ${d.batch.lot} of "${d.productNameEn ?? d.productName}" has been recalled`
      : `URGENT: batch ${d.batch.lot} has been recalled`,
    intro: `Batch ${d.batch.lot} ${what(d, d.productNameEn ?? d.productName, 'GTIN', 'product code')} has been recalled. Every item of the batch shows as recalled when scanned.`,
    facts: [
      ['Reason', d.reason],
      ['Serialised units', String(d.unitCount)],
      ['Recalled on', vietnamDay(d.recalledAt)],
    ],
    outro: 'This notice is sent whatever your notification settings.',
  }),
};
