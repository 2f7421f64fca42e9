/**
 * RFC 4180 CSV as offices exchange it: an optional UTF-8 byte order mark (Excel writes one), CRLF or LF line ends,
 * quoted fields with doubled quotes and line breaks inside. Parse errors name the line, because the people who
 * fix them open the file in a spreadsheet.
 */
export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`CSV line ${line}: ${message}`);
    this.name = 'CsvSyntaxError';
  }
}

export interface CsvRow {
  /** Line of the file where the record starts (1 = the header), as a spreadsheet numbers its rows. */
  line: number;
  fields: string[];
}

const BOM = '\uFEFF';

export function parseCsvRows(text: string): CsvRow[] {
  const input = text.startsWith(BOM) ? text.slice(1) : text;
  const rows: CsvRow[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let rowLine = 1;
  let quoted = false;
  const endRow = () => {
    fields.push(field);
    // A blank line is not a record: people leave them between blocks.
    if (fields.length > 1 || fields[0] !== '') rows.push({ line: rowLine, fields });
    fields = [];
    field = '';
  };
  for (let i = 0; i < input.length; i++) {
    const ch = input[i];
    if (quoted) {
      if (ch !== '"') {
        if (ch === '\n') line++;
        field += ch;
      } else if (input[i + 1] === '"') {
        field += '"';
        i++;
      } else {
        quoted = false;
        const next = input[i + 1];
        if (next !== undefined && next !== ',' && next !== '\r' && next !== '\n') {
          throw new CsvSyntaxError(line, 'text after a closing quote');
        }
      }
    } else if (ch === '"' && field === '') {
      quoted = true;
    } else if (ch === ',') {
      fields.push(field);
      field = '';
    } else if (ch === '\r' || ch === '\n') {
      endRow();
      if (ch === '\r' && input[i + 1] === '\n') i++;
      line++;
      rowLine = line;
    } else {
      field += ch;
    }
  }
  if (quoted) throw new CsvSyntaxError(rowLine, 'a quoted field is not closed');
  if (field !== '' || fields.length) endRow();
  return rows;
}

export interface CsvRecord {
  line: number;
  values: Record<string, string>;
}

/**
 * Rows as records keyed by the header's column names (trimmed). Columns the caller requires must be present;
 * other columns are kept, so that a file with an extra notes column still loads.
 */
export function parseCsvRecords(text: string, requiredColumns: readonly string[]): CsvRecord[] {
  return recordsFromRows(parseCsvRows(text), requiredColumns);
}

/** The same, from rows read elsewhere (a spreadsheet's cells). */
export function recordsFromRows(table: readonly CsvRow[], requiredColumns: readonly string[]): CsvRecord[] {
  const [header, ...rows] = table;
  const names = (header?.fields ?? []).map((name) => name.trim());
  const missing = requiredColumns.filter((column) => !names.includes(column));
  if (missing.length) throw new CsvSyntaxError(header?.line ?? 1, `missing column(s): ${missing.join(', ')}`);
  return rows.map((row) => ({
    line: row.line,
    values: Object.fromEntries(names.map((name, i) => [name, (row.fields[i] ?? '').trim()])),
  }));
}
