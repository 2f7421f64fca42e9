import {
  gs1PrefixKind,
  gs1PrefixOf,
  gtinUsesCompanyPrefix,
  gtinWarnings,
  isGs1CompanyPrefix,
} from './gs1-prefix';
import { formatOfGtin14, gtinCheckDigit, parseGtin, toGtin14 } from './gtin';

describe('GTIN check digit', () => {
  it.each([
    // GS1 General Specifications worked example, and real Vietnamese/foreign barcodes.
    ['629104150021', 3],
    ['893604700050', 0],
    ['400638133393', 1],
    ['9638507', 4],
    ['0001234560001', 2],
  ])('of %s is %i', (body, digit) => {
    expect(gtinCheckDigit(body)).toBe(digit);
  });

  it('refuses a body that is not digits', () => {
    expect(() => gtinCheckDigit('12a4')).toThrow();
  });
});

describe('parseGtin', () => {
  it('normalises every GTIN length to GTIN-14', () => {
    expect(parseGtin('8936047000500')).toEqual({ ok: true, gtin14: '08936047000500', format: 'GTIN-13' });
    expect(parseGtin('96385074')).toEqual({ ok: true, gtin14: '00000096385074', format: 'GTIN-8' });
    expect(parseGtin('036000291452')).toEqual({ ok: true, gtin14: '00036000291452', format: 'GTIN-12' });
    expect(parseGtin('18936047000507')).toEqual({ ok: true, gtin14: '18936047000507', format: 'GTIN-14' });
  });

  it('accepts the spaces and hyphens printed between digit groups', () => {
    expect(parseGtin('893 6047 00050 0')).toMatchObject({ ok: true, gtin14: '08936047000500' });
    expect(parseGtin('893-6047-00050-0')).toMatchObject({ ok: true });
  });

  it('says what is wrong: check digit (with the expected one), length, characters', () => {
    expect(parseGtin('8936047000503')).toEqual({ ok: false, problem: 'check-digit', expectedCheckDigit: 0 });
    expect(parseGtin('89360470005')).toEqual({ ok: false, problem: 'bad-length' });
    expect(parseGtin('893604700050X')).toEqual({ ok: false, problem: 'not-digits' });
    expect(parseGtin('')).toEqual({ ok: false, problem: 'not-digits' });
  });

  it('toGtin14 throws on an invalid GTIN', () => {
    expect(toGtin14('8936047000500')).toBe('08936047000500');
    expect(() => toGtin14('8936047000503')).toThrow(/check-digit/);
  });

  it('recognises the format from the padding', () => {
    expect(formatOfGtin14('00000096385074')).toBe('GTIN-8');
    expect(formatOfGtin14('00036000291452')).toBe('GTIN-12');
    expect(formatOfGtin14('08936047000500')).toBe('GTIN-13');
    expect(formatOfGtin14('18936047000507')).toBe('GTIN-14');
  });
});

describe('GS1 prefixes', () => {
  it('finds the GS1 prefix of each format', () => {
    expect(gs1PrefixOf('08936047000500')).toBe('893');
    expect(gs1PrefixOf('18936047000507')).toBe('893');
    expect(gs1PrefixOf('00000096385074')).toBe('963');
  });

  it('classifies in-store, publication and coupon numbers', () => {
    expect(gs1PrefixKind(toGtin14('2001234567893'))).toBe('restricted-circulation');
    expect(gs1PrefixKind(toGtin14('9780306406157'))).toBe('publication');
    expect(gs1PrefixKind(toGtin14('9812345678902'))).toBe('coupon-or-receipt');
    expect(gs1PrefixKind('08936047000500')).toBe('company');
    expect(gs1PrefixKind(toGtin14('02345673'))).toBe('restricted-circulation');
  });

  it('checks a GTIN against the brand owner’s company prefix', () => {
    expect(gtinUsesCompanyPrefix('08936047000500', '8936047')).toBe(true);
    expect(gtinUsesCompanyPrefix('18936047000507', '8936047')).toBe(true);
    expect(gtinUsesCompanyPrefix('08936047000500', '8931234')).toBe(false);
    expect(gtinUsesCompanyPrefix('00000096385074', '8936047')).toBeUndefined();
  });

  it('validates the shape of a company prefix', () => {
    expect(isGs1CompanyPrefix('8936047')).toBe(true);
    expect(isGs1CompanyPrefix('893')).toBe(false);
    expect(isGs1CompanyPrefix('8936047000500')).toBe(false);
    expect(isGs1CompanyPrefix('89360a7')).toBe(false);
  });

  it('warns, without rejecting, about GTINs that are probably mistakes', () => {
    expect(gtinWarnings('08936047000500', '8936047')).toEqual([]);
    expect(gtinWarnings('08936047000500', '8931234')).toEqual(['gtin-outside-company-prefix']);
    expect(gtinWarnings('08936047000500')).toEqual([]);
    expect(gtinWarnings(toGtin14('4006381333931'))).toEqual(['gtin-registered-abroad']);
    expect(gtinWarnings(toGtin14('2001234567893'), '8936047')).toEqual(['gtin-restricted-circulation']);
    expect(gtinWarnings(toGtin14('9780306406157'))).toEqual(['gtin-not-a-trade-item']);
  });
});
