import { CertificateExpiredV1, CertificateExpiringV1, CertificateRevokedV1 } from '@ocop/contracts';
import { Template, validThroughDay, vietnamDay } from './layout';

export const certificateExpiringTemplate: Template<CertificateExpiringV1> = {
  vi: (d) => ({
    subject: `Giấy chứng nhận OCOP ${d.certificateNumber} hết hạn sau ${d.daysBefore} ngày`,
    intro: `Giấy chứng nhận OCOP ${d.stars} sao số ${d.certificateNumber} có hiệu lực đến hết ngày ${validThroughDay(d.expiresAt)}. Hãy chuẩn bị hồ sơ đánh giá lại để giữ hạng sao.`,
    facts: [['Hiệu lực đến hết ngày', validThroughDay(d.expiresAt)]],
  }),
  en: (d) => ({
    subject: `OCOP certificate ${d.certificateNumber} expires in ${d.daysBefore} days`,
    intro: `The ${d.stars}-star OCOP certificate ${d.certificateNumber} is valid through ${validThroughDay(d.expiresAt)}. Prepare a re-evaluation dossier to keep the stars.`,
    facts: [['Valid through', validThroughDay(d.expiresAt)]],
  }),
};

export const certificateExpiredTemplate: Template<CertificateExpiredV1> = {
  vi: (d) => ({
    subject: `Giấy chứng nhận OCOP ${d.certificateNumber} đã hết hạn`,
    intro: `Giấy chứng nhận OCOP ${d.stars} sao số ${d.certificateNumber} đã hết hạn; sản phẩm không còn được dùng nhãn OCOP cho đến khi được đánh giá lại.`,
    facts: [['Hiệu lực đến hết ngày', validThroughDay(d.expiresAt)]],
  }),
  en: (d) => ({
    subject: `OCOP certificate ${d.certificateNumber} has expired`,
    intro: `The ${d.stars}-star OCOP certificate ${d.certificateNumber} has expired; the product may not carry the OCOP label until it is evaluated again.`,
    facts: [['Valid through', validThroughDay(d.expiresAt)]],
  }),
};

export const certificateRevokedTemplate: Template<CertificateRevokedV1> = {
  vi: (d) => ({
    subject: `Giấy chứng nhận OCOP ${d.certificateNumber} bị thu hồi`,
    intro: `Giấy chứng nhận OCOP ${d.stars} sao số ${d.certificateNumber} đã bị thu hồi.`,
    facts: [
      ['Lý do', d.reason],
      ['Ngày thu hồi', vietnamDay(d.revokedAt)],
    ],
  }),
  en: (d) => ({
    subject: `OCOP certificate ${d.certificateNumber} revoked`,
    intro: `The ${d.stars}-star OCOP certificate ${d.certificateNumber} has been revoked.`,
    facts: [
      ['Reason', d.reason],
      ['Revoked on', vietnamDay(d.revokedAt)],
    ],
  }),
};
