import { gtinCheckDigit } from '../gtin';
import { cset82Problem, describeTextProblem } from './character-sets';
import {
  buildDigitalLink,
  DigitalLinkData,
  DigitalLinkError,
  gs1ElementString,
  parseDigitalLink,
  percentEncodeAiValue,
  shortDigitalLink,
} from './digital-link';
import { gs1DateToIso, gs1Year, isoDateToGs1 } from './gs1-dates';

const YEAR = 2026;
const GTIN = '08936047000500';
const BASE = 'https://id.ocop.vn';

const parsed = (uri: string) => {
  const result = parseDigitalLink(uri, YEAR);
  if (!result.ok) throw new Error(`${uri}: ${result.problem.code}`);
  return result.value;
};
const problemOf = (uri: string) => {
  const result = parseDigitalLink(uri, YEAR);
  if (result.ok) throw new Error(`${uri} parsed`);
  return result.problem;
};

describe('GS1 character set 82', () => {
  it('accepts what GS1 allows in lots and serials, refuses the rest with the offending character', () => {
    expect(cset82Problem(`AZaz09!"%&'()*+,-./:;<=>?_`, 30)).toBeUndefined();
    for (const c of [' ', '#', '$', '@', '[', '\\', ']', '^', '`', '{', '|', '}', '~', 'Đ', 'é']) {
      expect(cset82Problem(`L${c}1`)).toEqual({ kind: 'invalid-character', character: c, position: 2 });
    }
    expect(cset82Problem('')).toEqual({ kind: 'empty' });
    expect(cset82Problem('x'.repeat(21))).toEqual({ kind: 'too-long', maxLength: 20 });
    expect(describeTextProblem({ kind: 'invalid-character', character: ' ', position: 3 }).en).toMatch(
      /space at position 3/,
    );
  });
});

describe('GS1 dates', () => {
  it('reads two-digit years in GS1’s sliding window', () => {
    expect(gs1Year(26, YEAR)).toBe(2026);
    expect(gs1Year(76, YEAR)).toBe(2076);
    expect(gs1Year(77, YEAR)).toBe(1977);
    expect(gs1Year(99, 2060)).toBe(2099);
  });

  it('converts both ways, DD = 00 meaning the end of the month, and refuses what two digits cannot say', () => {
    expect(isoDateToGs1('2026-12-31', YEAR)).toEqual({ ok: true, value: '261231' });
    expect(gs1DateToIso('260200', YEAR)).toBe('2026-02-28');
    expect(isoDateToGs1('2026-02-30', YEAR)).toEqual({ ok: false, problem: 'day' });
    expect(isoDateToGs1('2090-01-01', YEAR)).toEqual({ ok: false, problem: 'outside-window' });
    expect(isoDateToGs1('31/12/2026', YEAR)).toEqual({ ok: false, problem: 'format' });
  });
});

describe('GS1 Digital Link', () => {
  const samples: DigitalLinkData[] = [
    { gtin: GTIN },
    { gtin: GTIN, lot: 'LOT2024A' },
    { gtin: GTIN, lot: 'A/B%C&D?E+F=G', serial: `"x'(y)*,;<>:!` },
    {
      gtin: GTIN,
      cpv: 'RED',
      lot: '1',
      serial: 'Q7KX9M2P4T6V',
      attributes: { '17': '261231', '11': '260601' },
    },
    {
      gtin: GTIN,
      lot: 'L1',
      serial: 'S1',
      attributes: { '7007': '260501260510', '422': '704', '8030': 'A'.repeat(86), '15': '270100' },
    },
  ];

  it.each(samples.map((s) => [JSON.stringify(s), s]))(
    'round-trips %s through build and parse',
    (_name, data) => {
      const uri = buildDigitalLink(BASE, data as DigitalLinkData, YEAR);
      const back = parsed(uri);
      expect(back).toEqual({
        base: BASE,
        gtin: GTIN,
        ...((data as DigitalLinkData).cpv ? { cpv: (data as DigitalLinkData).cpv } : {}),
        ...((data as DigitalLinkData).lot ? { lot: (data as DigitalLinkData).lot } : {}),
        ...((data as DigitalLinkData).serial ? { serial: (data as DigitalLinkData).serial } : {}),
        attributes: (data as DigitalLinkData).attributes ?? {},
        otherParams: [],
      });
      expect(new URL(uri).pathname.split('/')).toHaveLength(
        3 + 2 * ['cpv', 'lot', 'serial'].filter((k) => k in (data as object)).length,
      );
    },
  );

  it('percent-encodes every character with a meaning in URIs, and puts attributes in AI order', () => {
    expect(percentEncodeAiValue('A/B%C&D?E#')).toBe('A%2FB%25C%26D%3FE%23');
    expect(
      buildDigitalLink(
        BASE,
        { gtin: GTIN, lot: 'A/1', attributes: { '17': '261231', '11': '260101' } },
        YEAR,
      ),
    ).toBe(`${BASE}/01/${GTIN}/10/A%2F1?11=260101&17=261231`);
  });

  it('keeps a resolver path prefix and the query parameters that are not AIs', () => {
    const value = parsed(`https://example.vn/tra-cuu/01/${GTIN}/10/L1?linkType=gs1:pip&17=261231`);
    expect(value.base).toBe('https://example.vn/tra-cuu');
    expect(value.otherParams).toEqual([['linkType', 'gs1:pip']]);
    expect(parsed(`${BASE}/01/${GTIN}/10/01/21/01`)).toMatchObject({ lot: '01', serial: '01' });
  });

  it.each([
    ['ftp://id.ocop.vn/01/08936047000500', 'scheme', 'uri'],
    ['https://id.ocop.vn/products/08936047000500', 'no-gtin', 'path'],
    ['https://id.ocop.vn/01/8936047000500', 'gtin-format', '01'],
    ['https://id.ocop.vn/01/08936047000503', 'gtin-check-digit', '01'],
    ['https://id.ocop.vn/01/08936047000500/21/S1/10/L1', 'qualifier-order', '10'],
    ['https://id.ocop.vn/01/08936047000500/10/L1/10/L2', 'duplicate-ai', '10'],
    ['https://id.ocop.vn/01/08936047000500/99/x', 'unknown-path-ai', '99'],
    ['https://id.ocop.vn/01/08936047000500/10/L%201', 'value-charset', '10'],
    ['https://id.ocop.vn/01/08936047000500/10/L%E1%BB%9D', 'value-charset', '10'],
    [`https://id.ocop.vn/01/08936047000500/21/${'9'.repeat(21)}`, 'value-too-long', '21'],
    ['https://id.ocop.vn/01/08936047000500/10/%ZZ', 'percent-encoding', '10'],
    ['https://id.ocop.vn/01/08936047000500/10/L1?17=2612', 'date-format', '17'],
    ['https://id.ocop.vn/01/08936047000500/10/L1?17=261331', 'date-invalid', '17'],
    ['https://id.ocop.vn/01/08936047000500/10/L1?17=260230', 'date-invalid', '17'],
    ['https://id.ocop.vn/01/08936047000500/10/L1?7007=260510260501', 'date-range-order', '7007'],
    ['https://id.ocop.vn/01/08936047000500/10/L1?17=261231&17=261231', 'duplicate-ai', '17'],
    ['https://id.ocop.vn/01/08936047000500?10=L1', 'key-in-query', '10'],
    ['https://id.ocop.vn/01/08936047000500/10/L1?99=1', 'unknown-attribute', '99'],
    ['https://id.ocop.vn/01/08936047000500/10/L1?422=76', 'country-code', '422'],
    ['https://id.ocop.vn/01/08936047000500/10/L1?8030=abc', 'signature-needs-serial', '8030'],
    ['https://id.ocop.vn/01/08936047000500/21/S1?8030=ab+c', 'signature-format', '8030'],
    [`https://id.ocop.vn/01/08936047000500/21/S1?8030=${'a'.repeat(91)}`, 'signature-format', '8030'],
  ])('rejects %s as %s on %s, with a reason in both languages', (uri, code, field) => {
    const p = problemOf(uri);
    expect({ code: p.code, field: p.field }).toEqual({ code, field });
    expect(p.vi.length).toBeGreaterThan(5);
    expect(p.en.length).toBeGreaterThan(5);
  });

  it('never builds an invalid URI', () => {
    expect(() => buildDigitalLink(BASE, { gtin: GTIN, lot: 'LÔ 1' }, YEAR)).toThrow(DigitalLinkError);
    expect(() => buildDigitalLink(BASE, { gtin: '08936047000501' }, YEAR)).toThrow(/gtin-check-digit/);
    expect(() =>
      buildDigitalLink(BASE, { gtin: GTIN, lot: 'L', attributes: { '8030': 'abc' } }, YEAR),
    ).toThrow(/signature-needs-serial/);
    expect(() => buildDigitalLink('https://id.ocop.vn/', { gtin: GTIN }, YEAR)).toThrow(DigitalLinkError);
  });

  it('shortens a URI for people to read under the code', () => {
    expect(shortDigitalLink(`${BASE}/01/${GTIN}/21/S1?17=261231&8030=abc`)).toBe(
      `id.ocop.vn/01/${GTIN}/21/S1`,
    );
  });
});

describe('GS1 element string (the message a unit signature signs)', () => {
  it('concatenates AI + value with GS after variable-length elements that are not last, without 8030', () => {
    const data: DigitalLinkData = {
      gtin: GTIN,
      lot: 'L1',
      serial: 'ABC',
      attributes: { '17': '261231', '8030': 'sig', '422': '704' },
    };
    expect(gs1ElementString(data)).toBe(`01${GTIN}10L1\u001d21ABC\u001d17261231422704`);
    expect(gs1ElementString({ gtin: GTIN, serial: 'ABC' })).toBe(`01${GTIN}21ABC`);
  });

  it('tells apart contents that plain concatenation would confuse', () => {
    const a = gs1ElementString({ gtin: GTIN, lot: 'A21B', serial: 'C' });
    const b = gs1ElementString({ gtin: GTIN, lot: 'A', serial: 'BC' });
    expect(a).not.toBe(b);
  });

  it('uses a GTIN whose check digit the GTIN helpers agree with', () => {
    expect(gtinCheckDigit(GTIN.slice(0, 13))).toBe(Number(GTIN[13]));
  });
});
