import { GS } from './digital-link';
import { canonicalDigitalLinkPath, parseScannedCode } from './scanned-code';

const YEAR = 2026;
const GTIN = '08936047000500';
const parse = (code: string) => parseScannedCode(code, YEAR);
const problemOf = (code: string) => {
  const r = parse(code);
  if (r.ok) throw new Error(`${JSON.stringify(code)} parsed`);
  return { code: r.problem.code, field: r.problem.field };
};

describe('parseScannedCode', () => {
  const unit = { gtin: GTIN, lot: 'L1', serial: 'ABC', attributes: { '17': '271231' } };

  it.each([
    ['a Digital Link on another domain', `https://id.gs1.org/01/${GTIN}/10/L1/21/ABC?17=271231`],
    ['a Digital Link path', `/01/${GTIN}/10/L1/21/ABC?17=271231`],
    [
      'a Digital Link with a GTIN-13 and a trailing slash',
      `HTTP://x.example/01/8936047000500/10/L1/21/ABC/?17=271231`,
    ],
    ['a Digital Link in a plain QR Code (]Q1)', `]Q1https://id.ocop.vn/01/${GTIN}/10/L1/21/ABC?17=271231`],
  ])('reads %s', (_name, code) => {
    expect(parse(code)).toEqual({ ok: true, format: 'digital-link', data: unit });
  });

  it.each([
    ['bracketed', `(01)${GTIN}(10)L1(21)ABC(17)271231`],
    ['bracketed, in another order, with blanks around', `  (17)271231(21)ABC(10)L1(01)${GTIN} `],
    ['raw with GS separators', `01${GTIN}10L1${GS}21ABC${GS}17271231`],
    ['raw after FNC1, fixed-length first', `${GS}01${GTIN}17271231${'10'}L1${GS}21ABC`],
    ['GS1 DataMatrix (]d2)', `]d201${GTIN}10L1${GS}21ABC${GS}17271231`],
    ['GS1 QR Code (]Q3)', `]Q301${GTIN}17271231${GS}10L1${GS}21ABC`],
    ['GS1-128 (]C1), a GS after a fixed-length element', `]C101${GTIN}${GS}1727123110L1${GS}21ABC`],
  ])('reads an element string: %s', (_name, code) => {
    expect(parse(code)).toEqual({ ok: true, format: 'element-string', data: unit });
  });

  it('reads the signature and the other attributes of an element string', () => {
    expect(parse(`01${GTIN}21S1${GS}7007260101${GS}422704${GS}8030AbC-_1`)).toEqual({
      ok: true,
      format: 'element-string',
      data: { gtin: GTIN, serial: 'S1', attributes: { '7007': '260101', '422': '704', '8030': 'AbC-_1' } },
    });
  });

  it.each([
    ['an EAN-13', '8936047000500'],
    ['a GTIN-14', GTIN],
    ['an EAN-13 scanned with its AIM identifier (]E0)', ']E08936047000500'],
  ])('reads %s as a product', (_name, code) => {
    expect(parse(code)).toEqual({ ok: true, format: 'gtin', data: { gtin: GTIN } });
  });

  it('reads an EAN-8 and a UPC-A as GTIN-14', () => {
    expect(parse('96385074')).toMatchObject({ data: { gtin: '00000096385074' } });
    expect(parse('036000291452')).toMatchObject({ data: { gtin: '00036000291452' } });
  });

  it.each([
    ['nothing', '   ', 'empty', 'code'],
    ['words', 'hello', 'not-recognised', 'code'],
    ['a bad check digit (EAN-13)', '8936047000501', 'gtin-check-digit', '01'],
    ['a bad check digit (bracketed)', '(01)08936047000501(10)L1', 'gtin-check-digit', '01'],
    ['a bad check digit (raw)', `0108936047000501${'10'}L1`, 'gtin-check-digit', '01'],
    ['a bad check digit (Digital Link)', 'https://a.example/01/08936047000501', 'gtin-check-digit', '01'],
    ['a truncated GTIN (raw)', `]d2010893604700`, 'truncated', '01'],
    ['a truncated GTIN (bracketed)', `(01)0893604700050(10)L1`, 'truncated', '01'],
    ['a GTIN cut by a separator', `01089360470${GS}10L1`, 'truncated', '01'],
    ['a truncated date', `01${GTIN}1727`, 'truncated', '17'],
    ['an AI with no value', `01${GTIN}10${GS}21A`, 'truncated', '10'],
    ['a lot over 20 characters (a GS missing?)', `01${GTIN}10${'A'.repeat(21)}`, 'value-too-long', '10'],
    ['an unknown AI (raw)', `01${GTIN}3103000500`, 'unknown-ai', '31'],
    ['an unknown AI (bracketed)', `(01)${GTIN}(3103)000500`, 'unknown-ai', '3103'],
    ['a duplicated AI', `(01)${GTIN}(10)L1(10)L2`, 'duplicate-ai', '10'],
    ['no GTIN', '(10)L1(21)S1', 'no-gtin', '01'],
    ['an impossible date', `(01)${GTIN}(17)271332`, 'date-invalid', '17'],
    ['a lot outside set 82', `(01)${GTIN}(10)L 1`, 'value-charset', '10'],
    ['a signature without a serial', `(01)${GTIN}(8030)AbC`, 'signature-needs-serial', '8030'],
    ['a symbology that is not GS1', ']A0hello', 'symbology', 'code'],
    ['malformed brackets', `(01)${GTIN}(10`, 'not-recognised', 'code'],
    [
      'a Digital Link with a bad qualifier order',
      `https://a.example/01/${GTIN}/21/S/10/L`,
      'qualifier-order',
      '10',
    ],
  ])('refuses %s with a specific problem', (_name, code, problem, field) => {
    expect(problemOf(code)).toEqual({ code: problem, field });
  });

  it('explains every problem in Vietnamese and English', () => {
    const r = parse(`01${GTIN}3103000500`);
    expect(r).toMatchObject({
      ok: false,
      problem: { vi: expect.stringContaining('AI 31'), en: expect.stringContaining('AI 31') },
    });
  });
});

describe('canonicalDigitalLinkPath', () => {
  it('pads a short GTIN and drops one trailing slash, nothing else', () => {
    expect(canonicalDigitalLinkPath('/01/8936047000500/10/L1/?17=271231')).toBe(
      `/01/${GTIN}/10/L1?17=271231`,
    );
    expect(canonicalDigitalLinkPath('/prefix/01/96385074')).toBe('/prefix/01/00000096385074');
    expect(canonicalDigitalLinkPath(`/01/${GTIN}//`)).toBe(`/01/${GTIN}/`);
    expect(canonicalDigitalLinkPath('/01/123456789')).toBe('/01/123456789');
  });
});
