import { stringify } from 'csv-stringify/sync';

/** What a cell may hold. Numbers and booleans are the platform's own values; strings may come from anyone. */
export type CsvCell = string | number | boolean | null | undefined;

export interface CsvWriteOptions {
  /** `;` for Excel in a locale whose decimal separator is the comma (Vietnamese). */
  delimiter?: ',' | ';';
  /**
   * The UTF-8 byte order mark that makes Excel read Vietnamese as UTF-8 instead of the local code page (default
   * true). A file written in parts (label runs) has it on its first part only.
   */
  bom?: boolean;
}

/**
 * A string whose first non-blank character starts a formula is one too after the spreadsheet trims the blanks
 * on import; the library's own rule (escape_formulas) looks at the first character only.
 */
const FORMULA_AFTER_BLANKS = /^\s+[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]/;

/**
 * Every CSV file the platform writes, in one place (decision 0028): RFC 4180 quoting (a field holding the
 * delimiter, a quote, a line break or leading/trailing blanks is quoted, quotes doubled), CRLF line ends, a BOM
 * for Excel, and no cell that a spreadsheet would run as a formula — a string starting with `=`, `+`, `-`, `@`,
 * tab or carriage return (or their full-width forms, or one of those after blanks) gets a leading `'` (OWASP).
 * Numbers are written as they are, so a negative figure the platform computed stays a number.
 */
export function writeCsv(rows: readonly (readonly CsvCell[])[], options: CsvWriteOptions = {}): string {
  return stringify(
    rows.map((row) => [...row]),
    {
      bom: options.bom ?? true,
      delimiter: options.delimiter ?? ',',
      record_delimiter: 'windows',
      // A bare LF or CR inside a field must be quoted too, not only the CRLF record delimiter.
      quote_record_delimiter: true,
      quoted_match: /^\s|\s$/,
      escape_formulas: true,
      cast: {
        boolean: (value) => String(value),
        string: (value) => (FORMULA_AFTER_BLANKS.test(value) ? `'${value}` : value),
      },
    },
  );
}
