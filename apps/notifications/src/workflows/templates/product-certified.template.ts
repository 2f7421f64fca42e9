import { ProductCertifiedV1 } from '@ocop/contracts';
import { Template, validThroughDay } from './layout';

export const productCertifiedTemplate: Template<ProductCertifiedV1> = {
  vi: (d) => ({
    subject: `Chúc mừng: "${d.productName}" đạt OCOP ${d.certificate.stars} sao`,
    intro: `Sản phẩm "${d.productName}" của ${d.producerName} đã được công nhận OCOP ${d.certificate.stars} sao.`,
    facts: [
      ['Số giấy chứng nhận', d.certificate.certificateNumber],
      ['Quyết định', d.certificate.decisionRef],
      ['Điểm', String(d.score)],
      ['Hiệu lực đến hết ngày', validThroughDay(d.certificate.expiresAt)],
    ],
  }),
  en: (d) => ({
    subject: `Congratulations: "${d.productName}" is certified OCOP ${d.certificate.stars}-star`,
    intro: `The product "${d.productName}" of ${d.producerName} is certified OCOP ${d.certificate.stars}-star.`,
    facts: [
      ['Certificate number', d.certificate.certificateNumber],
      ['Decision', d.certificate.decisionRef],
      ['Score', String(d.score)],
      ['Valid through', validThroughDay(d.certificate.expiresAt)],
    ],
  }),
};
