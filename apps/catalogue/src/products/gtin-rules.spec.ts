import { gtinCheckDigit, toGtin14 } from '@ocop/ocop-domain';
import { gtinsOutsideCompanyPrefix } from './gtin-rules';

/** A GTIN-14 from its first 13 digits, check digit computed. */
const withCheckDigit = (body: string) => `${body}${gtinCheckDigit(body)}`;

describe('gtinsOutsideCompanyPrefix', () => {
  const own = withCheckDigit('0893604700050');
  const foreign = withCheckDigit('0893123400001');

  it('names each GTIN outside the declared prefix with its place in the list', () => {
    expect(gtinsOutsideCompanyPrefix([own, foreign], '8936047')).toEqual([{ index: 1, gtin: foreign }]);
  });

  it('covers GTIN-14s whose indicator digit precedes the prefix', () => {
    expect(gtinsOutsideCompanyPrefix([withCheckDigit(`1${own.slice(1, 13)}`)], '8936047')).toEqual([]);
  });

  it('refuses restricted-circulation numbers to a producer that declared a prefix', () => {
    const inStore = toGtin14('2001234567893');
    expect(gtinsOutsideCompanyPrefix([inStore], '8936047')).toEqual([{ index: 0, gtin: inStore }]);
  });

  it('leaves GTIN-8s alone (allocated one by one, not under a prefix)', () => {
    expect(gtinsOutsideCompanyPrefix([toGtin14('96385074')], '8936047')).toEqual([]);
  });

  it('checks nothing for a producer without a declared prefix', () => {
    expect(gtinsOutsideCompanyPrefix([foreign], null)).toEqual([]);
    expect(gtinsOutsideCompanyPrefix([foreign], '')).toEqual([]);
  });
});
