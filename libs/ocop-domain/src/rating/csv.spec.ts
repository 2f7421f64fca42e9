import { CsvSyntaxError, parseCsvRecords, parseCsvRows } from './csv';

describe('CSV', () => {
  it('reads quoted fields, doubled quotes, line breaks, a BOM and CRLF, numbering records by line', () => {
    const rows = parseCsvRows('\uFEFFa,b\r\n"Kẹo dừa, sầu riêng","nói ""ngon""\nlắm"\r\n\r\nx,y');
    expect(rows).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['Kẹo dừa, sầu riêng', 'nói "ngon"\nlắm'] },
      { line: 5, fields: ['x', 'y'] },
    ]);
  });

  it('names the line of a syntax error and the columns a file lacks', () => {
    expect(() => parseCsvRows('a\n"b"c')).toThrow(new CsvSyntaxError(2, 'text after a closing quote'));
    expect(() => parseCsvRecords('a,b\n1,2', ['a', 'c'])).toThrow('missing column(s): c');
  });
});
