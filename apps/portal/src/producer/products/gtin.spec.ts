import { describe, expect, it } from 'vitest';
import { checkGtin, displayGtin } from './gtin';

describe('checking a GTIN as it is typed', () => {
  it('accepts GTIN-8, -12, -13 and -14 with their GS1 check digit, spaces and hyphens as printed', () => {
    expect(checkGtin('8936047000500')).toEqual({ ok: true, gtin14: '08936047000500' });
    expect(checkGtin('893 6047 00050 0')).toEqual({ ok: true, gtin14: '08936047000500' });
    expect(checkGtin('96385074')).toEqual({ ok: true, gtin14: '00000096385074' });
    expect(checkGtin('036000291452')).toEqual({ ok: true, gtin14: '00036000291452' });
    expect(checkGtin('18936047000507')).toEqual({ ok: true, gtin14: '18936047000507' });
  });

  it('names the check digit a mistyped number should have had', () => {
    expect(checkGtin('8936047000501')).toEqual({ ok: false, problem: 'check-digit', expected: 0 });
  });

  it('tells letters and wrong lengths apart', () => {
    expect(checkGtin('89360470O0500')).toEqual({ ok: false, problem: 'not-digits' });
    // A GTIN-13 missing a digit reads as a GTIN-12 whose check digit is wrong.
    expect(checkGtin('893604700050')).toEqual({ ok: false, problem: 'check-digit', expected: 2 });
    expect(checkGtin('89360470005')).toEqual({ ok: false, problem: 'bad-length' });
  });

  it('shows a stored GTIN-14 as the number printed on the pack', () => {
    expect(displayGtin('08936047000500')).toBe('8936047000500');
    expect(displayGtin('00000096385074')).toBe('96385074');
    expect(displayGtin('00036000291452')).toBe('036000291452');
    expect(displayGtin('18936047000507')).toBe('18936047000507');
  });
});
