import { ReportCategory, ReportFiledV1 } from '@ocop/contracts';
import { NoticeContent, Template, vietnamDateTime } from './layout';

/** A notice's data with the portal link the planner adds (Workflow.portalPath). */
export type LinkedNotice<T> = T & { link: string };

/** The portal's page of one report: officers triage it there, producers read it. */
export const reportPortalPath = (d: ReportFiledV1) => `/phan-anh/${encodeURIComponent(d.reportId)}`;

const CATEGORY: Record<ReportCategory, { vi: string; en: string }> = {
  counterfeit: { vi: 'nghi hàng giả', en: 'suspected counterfeit' },
  quality: { vi: 'chất lượng sản phẩm', en: 'product quality' },
  label: { vi: 'nhãn, bao bì', en: 'label or packaging' },
  other: { vi: 'vấn đề khác', en: 'other problem' },
};

/** What the consumer page told the reporter (lookup's verification outcome). */
const OUTCOME: Record<string, { vi: string; en: string }> = {
  genuine: { vi: 'chính hãng / đã đăng ký', en: 'genuine / registered' },
  unknown: { vi: 'mã không có trong hệ thống', en: 'code not issued here' },
  forged: { vi: 'mã giả (chữ ký không hợp lệ)', en: 'forged code (invalid signature)' },
  recalled: { vi: 'lô hàng đã bị thu hồi', en: 'batch recalled' },
  'producer-suspended': { vi: 'chủ thể bị đình chỉ', en: 'producer suspended' },
  'not-released': { vi: 'lô hàng chưa được phát hành', en: 'batch not released' },
  expired: { vi: 'sản phẩm đã hết hạn', en: 'product expired' },
  'certificate-revoked': { vi: 'chứng nhận OCOP bị thu hồi', en: 'OCOP certificate revoked' },
  'certificate-expired': { vi: 'chứng nhận OCOP hết hạn', en: 'OCOP certificate expired' },
};

const categoryOf = (d: ReportFiledV1, lang: 'vi' | 'en') => CATEGORY[d.category]?.[lang] ?? d.category;
const outcomeOf = (d: ReportFiledV1, lang: 'vi' | 'en') => OUTCOME[d.outcome]?.[lang] ?? d.outcome;

/** What the scanned code names: a GTIN, or the product code of a label without GTIN (/t/, decision 0048). */
const keyOf = (d: ReportFiledV1, lang: 'vi' | 'en') =>
  d.gtin !== undefined
    ? `GTIN ${d.gtin}`
    : `${lang === 'vi' ? 'mã sản phẩm' : 'product code'} ${d.productCode ?? '?'}`;

/** The product by name (English where the producer gave one), or the code when lookup knows no product. */
const productOf = (d: ReportFiledV1, lang: 'vi' | 'en') =>
  d.product
    ? `"${(lang === 'en' && d.product.nameEn) || d.product.nameVi}"`
    : lang === 'vi'
      ? `${d.gtin !== undefined ? 'mã ' : ''}${keyOf(d, lang)} (không rõ sản phẩm)`
      : `${keyOf(d, lang)} (no known product)`;

/** GTIN or product code, lot and serial as scanned: which item the reporter holds. */
const codeOf = (d: ReportFiledV1, lang: 'vi' | 'en') =>
  [
    keyOf(d, lang),
    ...(d.lot !== undefined ? [`${lang === 'vi' ? 'lô' : 'lot'} ${d.lot}`] : []),
    ...(d.serial !== undefined ? [`${lang === 'vi' ? 'số sê-ri' : 'serial'} ${d.serial}`] : []),
  ].join(', ');

/**
 * To the officers of the producer's territory (province-wide ones when no product is known): a new case to
 * triage. They may read the reporter's contact, which stays in lookup: the notice only says whether there is one.
 */
export const reportFiledOfficerTemplate: Template<LinkedNotice<ReportFiledV1>> = {
  vi: (d): NoticeContent => ({
    subject: `Phản ánh mới (${categoryOf(d, 'vi')}) về ${productOf(d, 'vi')}`,
    intro: `Đã nhận phản ánh của người tiêu dùng về ${productOf(d, 'vi')}: ${categoryOf(d, 'vi')}. Hãy tiếp nhận và xử lý phản ánh trên cổng thông tin.`,
    facts: [
      ['Nội dung', d.messageExcerpt],
      ['Mã đã quét', codeOf(d, 'vi')],
      ['Trang tra cứu báo', outcomeOf(d, 'vi')],
      ['Thời điểm', vietnamDateTime(d.filedAt)],
      ['Liên hệ người phản ánh', d.hasContact ? 'có, xem trên cổng thông tin' : 'không để lại'],
      ['Xử lý tại', d.link],
    ],
  }),
  en: (d): NoticeContent => ({
    subject: `New consumer report (${categoryOf(d, 'en')}) about ${productOf(d, 'en')}`,
    intro: `A consumer reported ${productOf(d, 'en')}: ${categoryOf(d, 'en')}. Take the report and handle it on the portal.`,
    facts: [
      ['Message', d.messageExcerpt],
      ['Code scanned', codeOf(d, 'en')],
      ['Consumer page said', outcomeOf(d, 'en')],
      ['Filed at', vietnamDateTime(d.filedAt)],
      ["Reporter's contact", d.hasContact ? 'given, see it on the portal' : 'none given'],
      ['Handle it at', d.link],
    ],
  }),
};

/**
 * To the producer of the product: what was reported, so that it can check its batch. Nothing about the reporter
 * (the event carries no contact), and the officers handle the case.
 */
export const reportFiledProducerTemplate: Template<LinkedNotice<ReportFiledV1>> = {
  vi: (d): NoticeContent => ({
    subject: `Người tiêu dùng phản ánh về sản phẩm ${productOf(d, 'vi')}`,
    intro: `Một người tiêu dùng đã phản ánh về sản phẩm ${productOf(d, 'vi')} của bạn: ${categoryOf(d, 'vi')}. Cán bộ phụ trách địa bàn đã được thông báo và sẽ xem xét; hãy kiểm tra lô hàng liên quan.`,
    facts: [
      ['Nội dung', d.messageExcerpt],
      ['Mã đã quét', codeOf(d, 'vi')],
      ['Thời điểm', vietnamDateTime(d.filedAt)],
      ['Xem tại', d.link],
    ],
  }),
  en: (d): NoticeContent => ({
    subject: `A consumer reported a problem with ${productOf(d, 'en')}`,
    intro: `A consumer reported your product ${productOf(d, 'en')}: ${categoryOf(d, 'en')}. The officers of your area have been told and will look into it; check the batch concerned.`,
    facts: [
      ['Message', d.messageExcerpt],
      ['Code scanned', codeOf(d, 'en')],
      ['Filed at', vietnamDateTime(d.filedAt)],
      ['See it at', d.link],
    ],
  }),
};
