import { formatVietnameseDate, isIsoDate } from '@ocop/ocop-domain';
import { writeCsv } from '@ocop/service-kit';
import { loadExcel } from '../common/lazy-modules';

/** A Vietnamese calendar date (YYYY-MM-DD) in a report: printed dd/MM/yyyy, a date cell in XLSX. */
export class CalendarDate {
  constructor(readonly iso: string) {
    if (!isIsoDate(iso)) throw new RangeError(`Not a calendar date: ${iso}`);
  }
}

export type ReportCell = string | number | CalendarDate | null | undefined;

/** One export, independent of its file format: a header row of bilingual titles and rows of typed values. */
export interface ReportTable {
  /** What the report is, in both languages: the PDF's heading. */
  title: string;
  /** The worksheet's name in XLSX (at most 31 characters). */
  sheet: string;
  header: readonly string[];
  rows: readonly (readonly ReportCell[])[];
}

export type ReportFormat = 'csv' | 'xlsx' | 'pdf';

export const REPORT_CONTENT_TYPES: Record<ReportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
};

/** CSV through the one writer (decision 0028: strings that a spreadsheet would run are neutralised). */
export function tableToCsv(table: ReportTable): string {
  return writeCsv([
    table.header,
    ...table.rows.map((row) =>
      row.map((cell) => (cell instanceof CalendarDate ? formatVietnameseDate(cell.iso) : cell)),
    ),
  ]);
}

/**
 * XLSX with typed cells: text as shared strings, numbers as numbers, dates as date cells shown dd/mm/yyyy. Cells
 * are only ever given values, never `{ formula }`, so a producer's name written "=HYPERLINK(...)" is text that a
 * spreadsheet shows and never runs (decision 0028), with no `'` added: XLSX, unlike CSV, says what a cell is.
 */
export async function tableToXlsx(table: ReportTable): Promise<Buffer> {
  const workbook = new (await loadExcel()).Workbook();
  workbook.creator = 'OCOP Trace';
  const sheet = workbook.addWorksheet(table.sheet.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRow([...table.header]).font = { bold: true };
  for (const row of table.rows) {
    const added = sheet.addRow(
      row.map((cell) => {
        if (cell instanceof CalendarDate) {
          // A calendar date has no time zone: midnight UTC of that day is how XLSX stores a plain date.
          const [y, m, d] = cell.iso.split('-').map(Number);
          return new Date(Date.UTC(y, m - 1, d));
        }
        return cell ?? null;
      }),
    );
    row.forEach((cell, i) => {
      if (cell instanceof CalendarDate) added.getCell(i + 1).numFmt = 'dd/mm/yyyy';
    });
  }
  table.header.forEach((title, i) => {
    sheet.getColumn(i + 1).width = Math.min(Math.max(12, title.length + 2), 50);
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
