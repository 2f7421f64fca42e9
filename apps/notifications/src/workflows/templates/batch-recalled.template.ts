import { BatchRecalledV1 } from '@ocop/contracts';
import { Template, vietnamDay } from './layout';

export const batchRecalledTemplate: Template<BatchRecalledV1> = {
  vi: (d) => ({
    subject: `KHẨN: Lô hàng ${d.batch.lot} đã bị thu hồi`,
    intro: `Lô hàng ${d.batch.lot} (${d.batch.gtin ? `GTIN ${d.batch.gtin}` : `mã sản phẩm ${d.batch.productCode}`}) đã bị thu hồi. Mọi sản phẩm của lô hiển thị là "đã thu hồi" khi quét mã.`,
    facts: [
      ['Lý do', d.reason],
      ['Số đơn vị có mã', String(d.unitCount)],
      ['Ngày thu hồi', vietnamDay(d.recalledAt)],
    ],
    outro: 'Thông báo này được gửi bất kể cài đặt thông báo của bạn.',
  }),
  en: (d) => ({
    subject: `URGENT: batch ${d.batch.lot} has been recalled`,
    intro: `Batch ${d.batch.lot} (${d.batch.gtin ? `GTIN ${d.batch.gtin}` : `product code ${d.batch.productCode}`}) has been recalled. Every item of the batch shows as recalled when scanned.`,
    facts: [
      ['Reason', d.reason],
      ['Serialised units', String(d.unitCount)],
      ['Recalled on', vietnamDay(d.recalledAt)],
    ],
    outro: 'This notice is sent whatever your notification settings.',
  }),
};
