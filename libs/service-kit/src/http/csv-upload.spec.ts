import { Readable } from 'node:stream';
import { createHash } from 'node:crypto';
import { CsvUploadError, readCsvUpload } from './csv-upload';

const limits = { maxRows: 5, maxRowBytes: 1024, delimiter: 'detect' as const };

/** The text as a stream of small chunks, so that records and lines cross chunk boundaries. */
const chunked = (text: string, size = 7) => {
  const bytes = Buffer.from(text);
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
  return Readable.from(chunks);
};

async function refusal(run: Promise<unknown>): Promise<unknown> {
  try {
    await run;
  } catch (err) {
    return err instanceof CsvUploadError ? { reason: err.reason, line: err.line } : err;
  }
  return 'accepted';
}

describe('readCsvUpload', () => {
  it('reads records with the line each starts on: BOM, CRLF/LF/CR, quoted line breaks, blank lines', async () => {
    const text = '\uFEFFtên,xã\r\n\r\n"Kẹo dừa, ""Bến Tre""","dòng 1\ndòng 2"\n\nBánh,5" hộp\rCuối,x';
    const file = await readCsvUpload(chunked(text), limits);
    expect(file.header).toEqual({ line: 1, fields: ['tên', 'xã'] });
    expect(file.rows).toEqual([
      { line: 3, fields: ['Kẹo dừa, "Bến Tre"', 'dòng 1\ndòng 2'] },
      { line: 6, fields: ['Bánh', '5" hộp'] },
      { line: 7, fields: ['Cuối', 'x'] },
    ]);
    expect(file.digest).toBe(createHash('sha256').update(text).digest('hex'));
  });

  it('takes ";" when the first line has more of them (Excel in a Vietnamese locale)', async () => {
    const file = await readCsvUpload(chunked('tên;giá\nKẹo;1,5\n'), limits);
    expect(file.rows).toEqual([{ line: 2, fields: ['Kẹo', '1,5'] }]);
    expect(
      (await readCsvUpload(chunked('a;b\n1;2\n'), { ...limits, delimiter: ',' })).rows[0].fields,
    ).toEqual(['1;2']);
  });

  it('gives an empty file no header', async () => {
    expect(await readCsvUpload(Readable.from([]), limits)).toMatchObject({ header: undefined, rows: [] });
  });

  it('refuses the first row past the limit without reading the rest of the body', async () => {
    let chunksRead = 0;
    const endless = new Readable({
      read() {
        chunksRead++;
        this.push(chunksRead === 1 ? 'a,b\n' : `${chunksRead},x\n`);
      },
    });
    expect(await refusal(readCsvUpload(endless, limits))).toEqual({ reason: 'too-many-rows', line: 7 });
    expect(chunksRead).toBeLessThan(10);
  });

  it('refuses a row longer than the limit, an unclosed quote and a NUL, naming the line', async () => {
    expect(await refusal(readCsvUpload(chunked(`a,b\n1,${'x'.repeat(2000)}\n`, 256), limits))).toEqual({
      reason: 'row-too-long',
      line: 2,
    });
    expect(await refusal(readCsvUpload(chunked('a,b\n1,2\n"open,3\n'), limits))).toEqual({
      reason: 'syntax',
      line: 3,
    });
    expect(await refusal(readCsvUpload(chunked('a,b\n1,2\n3,x\u0000y\n'), limits))).toEqual({
      reason: 'nul-character',
      line: 3,
    });
  });

  it('holds no more than a line while looking for the delimiter', async () => {
    const noNewline = chunked('x'.repeat(5000), 100);
    expect(await refusal(readCsvUpload(noNewline, limits))).toEqual({ reason: 'row-too-long', line: 1 });
  });

  it('passes on the error of the body stream (413 past the byte limit)', async () => {
    const failing = new Readable({
      read() {
        this.destroy(Object.assign(new Error('too large'), { status: 413 }));
      },
    });
    await expect(readCsvUpload(failing, limits)).rejects.toMatchObject({ status: 413 });
  });
});
