import { certificateValidThrough, formatVietnameseDate } from '@ocop/ocop-domain';
import { openPdf } from '../common/pdf-document';
import { Certificate } from './certificate.entity';

// qrcode is loaded on the first print, as pdfkit is (openPdf): certificates are printed rarely.
const importQrcode = () => import('qrcode');
let qrcode: ReturnType<typeof importQrcode> | undefined;
const loadQrcode = () => (qrcode ??= importQrcode());

export interface CertificateIssuer {
  vi: string;
  en: string;
}

export interface CertificatePdfInput {
  certificate: Certificate;
  issuer: CertificateIssuer;
  verifyUrl: string;
  compress: boolean;
}

const STATUS_LINES: Record<Exclude<Certificate['status'], 'issued'>, string> = {
  revoked: 'ĐÃ THU HỒI / REVOKED',
  expired: 'ĐÃ HẾT HIỆU LỰC / EXPIRED',
  superseded: 'ĐÃ ĐƯỢC THAY THẾ / SUPERSEDED',
};

/** The printable certificate: A4 landscape, Vietnamese first and English second, with a QR that verifies it. */
export async function renderCertificatePdf(input: CertificatePdfInput): Promise<Buffer> {
  const { certificate: c, issuer, verifyUrl } = input;
  const qr = await (
    await loadQrcode()
  ).toBuffer(verifyUrl, { type: 'png', errorCorrectionLevel: 'M', margin: 1, width: 360 });
  const { doc, done } = await openPdf({
    layout: 'landscape',
    compress: input.compress,
    info: {
      Title: `Giấy chứng nhận sản phẩm OCOP ${c.number}`,
      Subject: `OCOP ${c.stars}* - ${c.productName}`,
      Author: issuer.vi,
    },
  });

  const width = doc.page.width - 96;
  const green = '#1b5e20';
  doc
    .rect(24, 24, doc.page.width - 48, doc.page.height - 48)
    .lineWidth(3)
    .stroke(green);
  doc
    .font('bold')
    .fontSize(13)
    .fillColor('black')
    .text(issuer.vi, 48, 48, { width: width / 2, align: 'center' });
  doc
    .font('regular')
    .fontSize(9)
    .text(issuer.en, { width: width / 2, align: 'center' });
  doc
    .font('bold')
    .fontSize(12)
    .text('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 48 + width / 2, 48, { width: width / 2, align: 'center' });
  doc
    .font('regular')
    .fontSize(11)
    .text('Độc lập - Tự do - Hạnh phúc', { width: width / 2, align: 'center' });

  doc.moveDown(2.5);
  doc
    .font('bold')
    .fontSize(26)
    .fillColor(green)
    .text('GIẤY CHỨNG NHẬN SẢN PHẨM OCOP', 48, doc.y, { width, align: 'center' });
  doc
    .font('regular')
    .fontSize(12)
    .fillColor('black')
    .text('OCOP PRODUCT CERTIFICATE', { width, align: 'center' });
  doc.moveDown(0.6);
  doc.font('bold').fontSize(30).fillColor('#c9a400').text('★'.repeat(c.stars), { width, align: 'center' });
  doc
    .font('regular')
    .fontSize(12)
    .fillColor('black')
    .text(`Hạng ${c.stars} sao / ${c.stars}-star rating`, { width, align: 'center' });
  doc.moveDown(1);

  const line = (labelVi: string, labelEn: string, value: string) => {
    doc
      .font('regular')
      .fontSize(12)
      .text(`${labelVi} / ${labelEn}: `, 96, doc.y, { continued: true, width: width - 200 });
    doc.font('bold').text(value);
    doc.moveDown(0.3);
  };
  line('Sản phẩm', 'Product', c.productName);
  line('Chủ thể', 'Producer', c.producerName);
  line('Số giấy chứng nhận', 'Certificate no.', c.number);
  line('Quyết định công nhận', 'Decision', `${c.decisionRef} ngày ${formatVietnameseDate(c.decisionDate)}`);
  line('Ngày cấp', 'Issued', formatVietnameseDate(c.issuedAt));
  // The last valid day, as the consumer page and the e-mails print it (decision 0035).
  line(
    'Có giá trị đến hết ngày',
    'Valid through',
    formatVietnameseDate(certificateValidThrough(c.expiresAt)),
  );
  if (c.status !== 'issued') {
    doc.moveDown(0.5).font('bold').fontSize(16).fillColor('#b71c1c').text(STATUS_LINES[c.status], 96, doc.y);
  }

  const qrSize = 120;
  const qrX = doc.page.width - 48 - qrSize - 24;
  const qrY = doc.page.height - 48 - qrSize - 48;
  doc.image(qr, qrX, qrY, { width: qrSize, height: qrSize });
  doc
    .font('regular')
    .fontSize(8)
    .fillColor('black')
    .text('Quét để kiểm tra / Scan to verify', qrX - 40, qrY + qrSize + 4, {
      width: qrSize + 80,
      align: 'center',
    });
  doc.text(verifyUrl, qrX - 120, qrY + qrSize + 16, { width: qrSize + 160, align: 'center' });
  doc.end();
  return done;
}
