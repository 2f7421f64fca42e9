import { formatVietnameseDate, formatVietnameseDateTime } from '@ocop/ocop-domain';
import { openPdf } from '../common/pdf-document';
import { CalendarDate, ReportCell, ReportTable } from './report-table';

const TEXT_SIZE = 8.5;
const PADDING = 3;
const LINE = '#bfbfbf';
const HEADER_FILL = '#e8f1ec';

const cellText = (cell: ReportCell): string => {
  if (cell instanceof CalendarDate) return formatVietnameseDate(cell.iso);
  if (typeof cell === 'number') return new Intl.NumberFormat('vi-VN').format(cell);
  return cell ?? '';
};

/**
 * Column widths in proportion to what they hold (the longest word of the header, the longest value), so that a
 * code column stays narrow and a name column takes the room; a column is never narrower than eight characters.
 */
function columnWidths(table: ReportTable, width: number): number[] {
  const weights = table.header.map((title, i) => {
    const longestWord = Math.max(...title.split(/\s+/).map((w) => w.length));
    const longestValue = Math.max(0, ...table.rows.map((r) => cellText(r[i]).length));
    return Math.min(Math.max(longestWord, longestValue, 8), 40);
  });
  const total = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => (w / total) * width);
}

/**
 * The report as a PDF for the Department of Agriculture's file: A4 (landscape when the table is wide), the title,
 * when it was made, the table with its header repeated on each page, and "Trang n/N" at the foot. Numbers are
 * written the Vietnamese way (1.234,5) and dates dd/MM/yyyy, as in the report they go into.
 */
export async function tableToPdf(table: ReportTable, madeAt: Date = new Date()): Promise<Buffer> {
  const landscape = table.header.length > 6;
  const { doc, done } = await openPdf({
    layout: landscape ? 'landscape' : 'portrait',
    compress: true,
    bufferPages: true,
    info: { Title: table.title, Subject: table.sheet, Author: 'OCOP Trace' },
  });
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const bottom = () => doc.page.height - doc.page.margins.bottom - 14;
  const widths = columnWidths(table, width);
  const numeric = table.header.map(
    (_, i) =>
      table.rows.some((r) => typeof r[i] === 'number') &&
      table.rows.every((r) => r[i] == null || typeof r[i] === 'number'),
  );

  doc.font('bold').fontSize(13).fillColor('black').text(table.title, left, doc.y, { width });
  doc
    .font('regular')
    .fontSize(8.5)
    .fillColor('#595959')
    .text(`Xuất từ OCOP Trace lúc / Made by OCOP Trace at ${formatVietnameseDateTime(madeAt)}`, { width });
  doc.moveDown(0.8);

  const heightOf = (texts: string[], font: 'regular' | 'bold') => {
    doc.font(font).fontSize(TEXT_SIZE);
    return (
      Math.max(...texts.map((t, i) => doc.heightOfString(t, { width: widths[i] - 2 * PADDING }))) +
      2 * PADDING
    );
  };
  const drawRow = (texts: string[], font: 'regular' | 'bold', fill?: string) => {
    const h = heightOf(texts, font);
    const y = doc.y;
    let x = left;
    texts.forEach((t, i) => {
      if (fill) doc.rect(x, y, widths[i], h).fill(fill);
      doc.rect(x, y, widths[i], h).lineWidth(0.5).stroke(LINE);
      doc
        .font(font)
        .fontSize(TEXT_SIZE)
        .fillColor('black')
        .text(t, x + PADDING, y + PADDING, {
          width: widths[i] - 2 * PADDING,
          align: numeric[i] && font === 'regular' ? 'right' : 'left',
        });
      x += widths[i];
    });
    doc.x = left;
    doc.y = y + h;
  };

  const header = [...table.header];
  drawRow(header, 'bold', HEADER_FILL);
  for (const row of table.rows) {
    const texts = row.map(cellText);
    if (doc.y + heightOf(texts, 'regular') > bottom()) {
      doc.addPage();
      drawRow(header, 'bold', HEADER_FILL);
    }
    drawRow(texts, 'regular');
  }

  const pages = doc.bufferedPageRange();
  for (let i = 0; i < pages.count; i++) {
    doc.switchToPage(pages.start + i);
    // Written inside the bottom margin: pdfkit would start a new page for text below it otherwise.
    const marginBottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font('regular')
      .fontSize(8)
      .fillColor('#595959')
      .text(`Trang ${i + 1}/${pages.count}`, left, doc.page.height - marginBottom + 12, {
        width,
        align: 'right',
        lineBreak: false,
      });
    doc.page.margins.bottom = marginBottom;
  }
  doc.end();
  return done;
}
