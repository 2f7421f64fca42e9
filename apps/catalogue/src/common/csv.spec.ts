import { CsvSyntaxError, parseCsv } from './csv';

describe('parseCsv', () => {
  it('reads quoted fields, doubled quotes, embedded line breaks and numbers the lines', () => {
    const text = 'a,b,c\r\n1,"x, y","say ""hi"""\n2,"two\nlines",z\n3,,\n';
    expect(parseCsv(text)).toEqual([
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['1', 'x, y', 'say "hi"'] },
      { line: 3, fields: ['2', 'two\nlines', 'z'] },
      { line: 5, fields: ['3', '', ''] },
    ]);
  });

  it('strips the byte order mark, skips blank lines and reads a last line without a line end', () => {
    expect(parseCsv('\uFEFFtên,xã\n\nKẹo dừa,Phường 7')).toEqual([
      { line: 1, fields: ['tên', 'xã'] },
      { line: 3, fields: ['Kẹo dừa', 'Phường 7'] },
    ]);
  });

  it('reads semicolon-separated files', () => {
    expect(parseCsv('a;b\n1,5;2', ';')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['1,5', '2'] },
    ]);
  });

  it('names the line of a syntax error', () => {
    expect(() => parseCsv('a,b\n"open,1\n')).toThrow(CsvSyntaxError);
    expect(() => parseCsv('a,b\n"x"y,1\n')).toThrow('CSV line 2: text after a closing quote');
  });
});
