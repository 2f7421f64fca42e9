import { bilingual } from '@ocop/contracts';
import { CsvError, parse, Parser } from 'csv-parse';
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';

/** One record of an uploaded CSV file and the line of the file where it starts (1 = the header). */
export interface CsvUploadRecord {
  line: number;
  fields: string[];
}

export interface CsvUpload {
  /** The first record; undefined for an empty file. */
  header?: CsvUploadRecord;
  rows: CsvUploadRecord[];
  /** SHA-256 of the bytes as sent (hex): what an Idempotency-Key's fingerprint is taken of. */
  digest: string;
}

export interface CsvUploadLimits {
  /** Most data rows (after the header) a file may have; the file is refused at the first row past it. */
  maxRows: number;
  /** Longest record, in bytes. */
  maxRowBytes: number;
  /** `detect`: ";" when the first line has more of them than "," (Excel in a Vietnamese locale writes ";"). */
  delimiter: ',' | ';' | 'detect';
}

/** Why a file cannot be read, and where; each service answers it with its own import problem. */
export class CsvUploadError extends Error {
  constructor(
    readonly reason: 'syntax' | 'too-many-rows' | 'row-too-long' | 'nul-character',
    readonly line: number,
    /** Bilingual, for the person who made the file. */
    readonly explanation: string,
  ) {
    super(`CSV line ${line}: ${explanation}`);
    this.name = 'CsvUploadError';
  }
}

const NEWLINE = 0x0a;

function detectDelimiter(firstLine: string): ',' | ';' {
  return (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
}

function syntaxError(err: CsvError, maxRowBytes: number): CsvUploadError {
  const line = Number((err as CsvError & { lines?: number }).lines) || 1;
  switch (err.code) {
    case 'CSV_MAX_RECORD_SIZE':
      return new CsvUploadError(
        'row-too-long',
        line,
        bilingual(`dòng dài quá ${maxRowBytes} byte`, `a row longer than ${maxRowBytes} bytes`),
      );
    case 'CSV_QUOTE_NOT_CLOSED':
      return new CsvUploadError(
        'syntax',
        line,
        bilingual('dấu ngoặc kép không được đóng', 'a quoted field is not closed'),
      );
    default:
      return new CsvUploadError('syntax', line, bilingual('tệp CSV sai cú pháp', 'the CSV is malformed'));
  }
}

/**
 * Reads an uploaded CSV file (RFC 4180 as offices write it: optional UTF-8 BOM, CRLF, LF or CR line ends, quoted
 * fields with doubled quotes and line breaks, blank lines skipped) from the request stream as it arrives, with
 * csv-parse. Memory stays bounded by what is kept, never the whole text: at most `maxRows` rows of at most
 * `maxRowBytes` each, and the stream itself stops past the route's byte limit (413). A file over the row limit is
 * refused at its first extra row without reading the rest. A U+0000 anywhere is refused (PostgreSQL cannot store
 * it, and no spreadsheet writes one).
 */
export async function readCsvUpload(body: Readable, limits: CsvUploadLimits): Promise<CsvUpload> {
  const hash = createHash('sha256');
  const records: CsvUploadRecord[] = [];
  let refused: CsvUploadError | undefined;
  let lastLine = 0;
  let lastEmptyLines = 0;
  let parser: Parser | undefined;
  const start = (delimiter: ',' | ';') =>
    parse({
      delimiter,
      bom: true,
      record_delimiter: ['\r\n', '\n', '\r'],
      skip_empty_lines: true,
      relax_column_count: true,
      // A quote inside an unquoted field is kept as text (5" hộp), as spreadsheets write it.
      relax_quotes: true,
      max_record_size: limits.maxRowBytes,
      // Records are taken here, as each is parsed (null: the parser keeps nothing for its readable side).
      on_record: (fields: string[], info) => {
        if (refused) return null;
        // `lines` counts to the record's last line; the record starts after the previous one and the blank lines
        // skipped since.
        const line = lastLine + 1 + (info.empty_lines - lastEmptyLines);
        lastLine = info.lines;
        lastEmptyLines = info.empty_lines;
        if (records.length > limits.maxRows) {
          refused = new CsvUploadError(
            'too-many-rows',
            line,
            bilingual(
              `tối đa ${limits.maxRows} dòng mỗi lần nhập`,
              `at most ${limits.maxRows} rows per import`,
            ),
          );
        } else if (fields.some((field) => field.includes('\u0000'))) {
          refused = new CsvUploadError(
            'nul-character',
            line,
            bilingual('có ký tự NUL (U+0000)', 'contains the NUL character (U+0000)'),
          );
        } else {
          records.push({ line, fields });
        }
        return null;
      },
    });
  let failure: unknown;
  const feed = (chunk: Buffer) => {
    (parser as Parser).write(chunk);
  };
  const open = (head: Buffer) => {
    const delimiter =
      limits.delimiter === 'detect'
        ? detectDelimiter(head.subarray(0, head.indexOf(NEWLINE) + 1 || head.length).toString('utf8'))
        : limits.delimiter;
    parser = start(delimiter);
    parser.on('error', (err) => (failure ??= err));
    feed(head);
  };
  let head: Buffer[] = [];
  let headBytes = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    hash.update(chunk);
    if (parser) feed(chunk);
    else {
      // The delimiter is read from the first line: hold the chunks until it is complete (or long enough).
      head.push(chunk);
      headBytes += chunk.length;
      if (chunk.includes(NEWLINE) || headBytes > limits.maxRowBytes) {
        open(Buffer.concat(head));
        head = [];
      }
    }
    // Leaving the loop early stops reading the body; the answer closes the connection (uploads.ts).
    if (refused || failure) break;
  }
  if (!refused && !failure) {
    if (!parser) open(Buffer.concat(head));
    const ending = parser as unknown as Parser;
    await new Promise<void>((resolve) => {
      ending.once('end', resolve);
      ending.once('error', () => resolve());
      ending.end();
      ending.resume();
    });
  }
  if (refused) throw refused;
  if (failure instanceof CsvError) throw syntaxError(failure, limits.maxRowBytes);
  if (failure) throw failure;
  const [header, ...rows] = records;
  return { header, rows, digest: hash.digest('hex') };
}
