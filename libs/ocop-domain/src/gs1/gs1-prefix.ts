import { formatOfGtin14 } from './gtin';

/** GS1 Viet Nam's prefix. It says where the brand owner registered, not where the product was made. */
export const VIETNAM_GS1_PREFIX = '893';

/**
 * What a GTIN's GS1 prefix says about it. Only `company` numbers identify a trade item worldwide; the others are
 * valid numbers that no brand owner should print as a product's GTIN (in-store numbers, books, coupons).
 */
export type Gs1PrefixKind = 'company' | 'restricted-circulation' | 'publication' | 'coupon-or-receipt';

/** The three-digit GS1 prefix (for a GTIN-8, the GS1-8 prefix) of a GTIN-14. */
export function gs1PrefixOf(gtin14: string): string {
  return formatOfGtin14(gtin14) === 'GTIN-8' ? gtin14.slice(6, 9) : gtin14.slice(1, 4);
}

// GS1 General Specifications, figure 1.4.2-1 (GS1 prefixes) and 2.1.2 (RCN-8).
export function gs1PrefixKind(gtin14: string): Gs1PrefixKind {
  if (formatOfGtin14(gtin14) === 'GTIN-8') {
    return gtin14[6] === '0' || gtin14[6] === '2' ? 'restricted-circulation' : 'company';
  }
  const prefix = Number(gtin14.slice(1, 4));
  if ((prefix >= 20 && prefix <= 29) || (prefix >= 40 && prefix <= 49) || (prefix >= 200 && prefix <= 299)) {
    return 'restricted-circulation';
  }
  if (prefix >= 977 && prefix <= 979) return 'publication';
  if (prefix >= 980 && prefix <= 999) return 'coupon-or-receipt';
  return 'company';
}

/** A GS1 Company Prefix is 4 to 12 digits, GS1 prefix included (GS1 Viet Nam issues 893 + 4 to 6 digits). */
export function isGs1CompanyPrefix(value: string): boolean {
  return /^\d{4,12}$/.test(value);
}

/**
 * Whether a GTIN was allocated under the brand owner's GS1 Company Prefix. GTIN-8s are allocated one by one by
 * GS1, not under a company prefix, so there is nothing to compare: `undefined`.
 */
export function gtinUsesCompanyPrefix(gtin14: string, companyPrefix: string): boolean | undefined {
  if (formatOfGtin14(gtin14) === 'GTIN-8') return undefined;
  // GTIN-12 and -13 sit right-aligned in the 14 digits; a GTIN-14's indicator digit precedes the company prefix.
  return gtin14.slice(1).startsWith(companyPrefix);
}

export type GtinWarningCode =
  | 'gtin-outside-company-prefix'
  | 'gtin-restricted-circulation'
  | 'gtin-not-a-trade-item'
  | 'gtin-registered-abroad';

/**
 * Things worth telling whoever enters a GTIN, none of which makes it invalid: a brand owner may sell under a
 * GTIN licensed from another company or registered abroad, but usually it is a typing mistake.
 */
export function gtinWarnings(gtin14: string, companyPrefix?: string | null): GtinWarningCode[] {
  const kind = gs1PrefixKind(gtin14);
  if (kind === 'restricted-circulation') return ['gtin-restricted-circulation'];
  if (kind !== 'company') return ['gtin-not-a-trade-item'];
  if (companyPrefix)
    return gtinUsesCompanyPrefix(gtin14, companyPrefix) === false ? ['gtin-outside-company-prefix'] : [];
  return gs1PrefixOf(gtin14) === VIETNAM_GS1_PREFIX || formatOfGtin14(gtin14) === 'GTIN-8'
    ? []
    : ['gtin-registered-abroad'];
}
