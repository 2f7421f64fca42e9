import { Language, ScanSuspiciousV1 } from '@ocop/contracts';
import { duration, layout, NoticeLinks, RenderedNotice, Template } from './layout';

const reasonVi = (d: ScanSuspiciousV1) =>
  d.reason === 'too-many-scans'
    ? `${d.scans} lượt quét trong ${duration(d.windowSeconds, 'vi')}`
    : `${d.distinctClients} thiết bị khác nhau trong ${duration(d.windowSeconds, 'vi')}`;
const reasonEn = (d: ScanSuspiciousV1) =>
  d.reason === 'too-many-scans'
    ? `${d.scans} scans within ${duration(d.windowSeconds, 'en')}`
    : `${d.distinctClients} different devices within ${duration(d.windowSeconds, 'en')}`;

/** One alert, as it shows in the inbox the moment it happens. */
export const scanSuspiciousTemplate: Template<ScanSuspiciousV1> = {
  vi: (d) => ({
    subject: `Nhãn "${d.productName}" bị quét bất thường`,
    intro: `Mã ${d.serial} (lô ${d.lot}) của sản phẩm "${d.productName}" bị quét bất thường: ${reasonVi(d)}. Nhãn có thể đã bị sao chép.`,
  }),
  en: (d) => ({
    subject: `Label of "${d.productName}" scanned suspiciously`,
    intro: `Serial ${d.serial} (lot ${d.lot}) of "${d.productName}" was scanned suspiciously: ${reasonEn(d)}. The label may have been copied.`,
  }),
};

/** The day's alerts in one mail: a label copied onto many fakes would otherwise send hundreds. */
export function renderScanDigest(
  language: Language,
  day: string,
  alerts: ScanSuspiciousV1[],
  links: NoticeLinks = {},
): RenderedNotice {
  const [y, m, dd] = day.split('-');
  const date = `${dd}/${m}/${y}`;
  const facts = alerts.map((a): [string, string] => [
    `${a.productName} — ${a.serial}`,
    `${language === 'vi' ? 'lô' : 'lot'} ${a.lot}: ${language === 'vi' ? reasonVi(a) : reasonEn(a)}`,
  ]);
  return language === 'vi'
    ? layout(
        'vi',
        {
          subject: `Tổng hợp ngày ${date}: ${alerts.length} cảnh báo quét nhãn bất thường`,
          intro: `Trong ngày ${date}, ${alerts.length} mã trên nhãn sản phẩm của bạn bị quét bất thường. Nhãn có thể đã bị sao chép.`,
          facts,
        },
        links,
      )
    : layout(
        'en',
        {
          subject: `Digest of ${date}: ${alerts.length} suspicious label scan alerts`,
          intro: `On ${date}, ${alerts.length} serials on your product labels were scanned suspiciously. The labels may have been copied.`,
          facts,
        },
        links,
      );
}
