import { openPdf } from '../common/pdf-document';

export interface ProposalSheet {
  member: string;
  totals: { A: number; B: number; C: number; total: number };
  rows: { key: string; title: string; answer: string; points: number }[];
}

export interface ProposalPdfInput {
  province: string;
  productName: string;
  producerName: string;
  rubric: string;
  roundName: string;
  provinceDecision: string;
  average: number;
  partAverages: { A: number; B: number; C: number };
  bandStars: number;
  markerMaxStars: number;
  stars: number;
  certificateNumber: string | null;
  sheets: ProposalSheet[];
  evidence: { item: string; fileName: string; sizeBytes: number }[];
  compress: boolean;
}

/**
 * The province's proposal to the ministry for one product: a summary (the result and why it is potential 5★),
 * every council member's scoresheet criterion by criterion, and the list of evidence files that travel with it.
 */
export async function renderProposalPdf(input: ProposalPdfInput): Promise<Buffer> {
  const { doc, done } = await openPdf({
    compress: input.compress,
    info: {
      Title: `Đề xuất OCOP 5 sao - ${input.productName}`,
      Subject: `Proposal for a 5-star OCOP rating: ${input.productName}`,
      Author: input.province,
    },
  });
  const width = doc.page.width - 96;
  const line = (label: string, value: string) => {
    doc.font('regular').fontSize(10).text(`${label}: `, 48, doc.y, { continued: true, width });
    doc.font('bold').text(value);
  };

  doc.font('bold').fontSize(11).text(input.province, { width, align: 'center' });
  doc.moveDown(1);
  doc
    .font('bold')
    .fontSize(12)
    .text('HỒ SƠ ĐỀ XUẤT ĐÁNH GIÁ, PHÂN HẠNG SẢN PHẨM OCOP 5 SAO', { width, align: 'center' });
  doc.font('regular').fontSize(10).text('Proposal for a 5-star OCOP rating by the ministry', {
    width,
    align: 'center',
  });
  doc.moveDown(1);
  line('Sản phẩm / Product', input.productName);
  line('Chủ thể / Producer', input.producerName);
  line('Bộ tiêu chí / Scoring sheet', input.rubric);
  line('Đợt đánh giá cấp tỉnh / Province round', input.roundName);
  line('Quyết định công nhận của tỉnh / Province decision', input.provinceDecision);
  line('Điểm trung bình của Hội đồng / Council average', `${input.average} / 100`);
  line(
    'Điểm theo phần / Parts',
    `A ${input.partAverages.A} · B ${input.partAverages.B} · C ${input.partAverages.C}`,
  );
  line(
    'Hạng theo điểm, theo tiêu chí sao tối thiểu / Band and marker stars',
    `${input.bandStars} sao theo điểm, các tiêu chí cho phép ${input.markerMaxStars} sao`,
  );
  line('Hạng tỉnh công nhận / Stars certified by the province', `${input.stars} sao`);
  if (input.certificateNumber) line('Giấy chứng nhận của tỉnh / Certificate', input.certificateNumber);

  for (const [i, sheet] of input.sheets.entries()) {
    doc.addPage();
    doc
      .font('bold')
      .fontSize(12)
      .text(`Phiếu chấm ${i + 1} / Scoresheet ${i + 1}: ${sheet.member}`, 48, 48, { width });
    doc
      .font('regular')
      .fontSize(10)
      .text(
        `Phần A ${sheet.totals.A} · Phần B ${sheet.totals.B} · Phần C ${sheet.totals.C} · Tổng / Total ${sheet.totals.total}`,
        { width },
      );
    doc.moveDown(0.5);
    for (const row of sheet.rows) {
      doc
        .font('regular')
        .fontSize(8)
        .text(`${row.key} ${row.title} — ${row.answer}: ${row.points} điểm`, 48, doc.y, { width });
    }
  }

  doc.addPage();
  doc.font('bold').fontSize(12).text('Tài liệu minh chứng / Evidence files', 48, 48, { width });
  doc.moveDown(0.5);
  for (const file of input.evidence) {
    doc
      .font('regular')
      .fontSize(9)
      .text(`${file.item}: ${file.fileName} (${file.sizeBytes} bytes)`, 48, doc.y, { width });
  }
  doc.end();
  return done;
}
