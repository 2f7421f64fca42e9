import type { CsvRow } from '@ocop/ocop-domain';
import { loadExcel } from '../common/lazy-modules';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * The first worksheet of an XLSX file as rows of text, numbered as the spreadsheet numbers them, so that a
 * validation report points at the row an officer sees. Cells are read as displayed (a number typed as 4 is "4").
 */
export async function xlsxRows(file: Buffer): Promise<CsvRow[]> {
  const workbook = new (await loadExcel()).Workbook();
  await workbook.xlsx.load(file as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const rows: CsvRow[] = [];
  const width = sheet.columnCount;
  sheet.eachRow({ includeEmpty: false }, (row, line) => {
    const fields = Array.from({ length: width }, (_, i) => row.getCell(i + 1).text ?? '');
    if (fields.some((f) => f.trim() !== '')) rows.push({ line, fields });
  });
  return rows;
}
