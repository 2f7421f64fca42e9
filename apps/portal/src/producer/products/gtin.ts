/**
 * The GS1 rules the catalogue applies to a GTIN (libs/ocop-domain gs1/gtin.ts), checked as the person types so
 * that a mistyped digit is caught before anything is sent. The portal may not import the services' libraries, so
 * the few lines are written again here; the catalogue still decides.
 */
export type GtinCheck =
  | { ok: true; gtin14: string }
  | { ok: false; problem: 'not-digits' | 'bad-length' }
  | { ok: false; problem: 'check-digit'; expected: number };

/** GS1 mod-10: weights 3, 1, 3, 1… from the digit before the check digit leftwards. */
function checkDigit(body: string): number {
  let sum = 0;
  for (let i = 0; i < body.length; i++) sum += Number(body[body.length - 1 - i]) * (i % 2 === 0 ? 3 : 1);
  return (10 - (sum % 10)) % 10;
}

/** Spaces and hyphens between digit groups, as printed under a barcode, are read as the catalogue reads them. */
export function checkGtin(input: string): GtinCheck {
  const digits = input.replace(/[\s-]/g, '');
  if (!/^\d+$/.test(digits)) return { ok: false, problem: 'not-digits' };
  if (![8, 12, 13, 14].includes(digits.length)) return { ok: false, problem: 'bad-length' };
  const expected = checkDigit(digits.slice(0, -1));
  if (expected !== Number(digits[digits.length - 1])) return { ok: false, problem: 'check-digit', expected };
  return { ok: true, gtin14: digits.padStart(14, '0') };
}

/**
 * The catalogue stores GTIN-14s; a person reads the number printed on the pack. GS1 reserves the padding: six
 * leading zeros hold a GTIN-8, two a GTIN-12, one a GTIN-13.
 */
export function displayGtin(gtin14: string): string {
  if (!/^\d{14}$/.test(gtin14)) return gtin14;
  if (gtin14.startsWith('000000')) return gtin14.slice(6);
  if (gtin14.startsWith('00')) return gtin14.slice(2);
  return gtin14.startsWith('0') ? gtin14.slice(1) : gtin14;
}
