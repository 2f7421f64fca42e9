/**
 * GS1 Global Trade Item Numbers (GTIN-8, -12, -13, -14). The platform stores every GTIN as GTIN-14 (left-padded
 * with zeros, as GS1 Digital Link and EPCIS expect), so that "8931234567890" and "08931234567890" are one key.
 */

export type GtinFormat = 'GTIN-8' | 'GTIN-12' | 'GTIN-13' | 'GTIN-14';

export type GtinProblem = 'not-digits' | 'bad-length' | 'check-digit';

export type GtinParse =
  | { ok: true; gtin14: string; format: GtinFormat }
  | { ok: false; problem: GtinProblem; expectedCheckDigit?: number };

const FORMAT_BY_LENGTH: Record<number, GtinFormat> = {
  8: 'GTIN-8',
  12: 'GTIN-12',
  13: 'GTIN-13',
  14: 'GTIN-14',
};

/** GS1 mod-10 check digit of the digits before it: weights 3, 1, 3, 1… from the right. */
export function gtinCheckDigit(body: string): number {
  if (!/^\d+$/.test(body)) throw new Error('A GTIN body has digits only');
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    const digit = body.charCodeAt(body.length - 1 - i) - 48;
    sum += digit * (i % 2 === 0 ? 3 : 1);
  }
  return (10 - (sum % 10)) % 10;
}

/**
 * Reads a GTIN as people type it (spaces and hyphens between digit groups are common on printed labels) and
 * checks its length and check digit.
 */
export function parseGtin(input: string): GtinParse {
  const digits = input.replace(/[\s-]/g, '');
  if (!/^\d+$/.test(digits)) return { ok: false, problem: 'not-digits' };
  const format = FORMAT_BY_LENGTH[digits.length];
  if (!format) return { ok: false, problem: 'bad-length' };
  const expected = gtinCheckDigit(digits.slice(0, -1));
  if (expected !== Number(digits[digits.length - 1])) {
    return { ok: false, problem: 'check-digit', expectedCheckDigit: expected };
  }
  return { ok: true, gtin14: digits.padStart(14, '0'), format };
}

/** The GTIN-14 form of a valid GTIN, or an Error saying what is wrong with it. */
export function toGtin14(input: string): string {
  const parsed = parseGtin(input);
  if (!parsed.ok) throw new Error(`Not a valid GTIN (${parsed.problem}): ${input}`);
  return parsed.gtin14;
}

/**
 * Which GTIN a GTIN-14 was written as. GS1 reserves the padding: six leading zeros hold a GTIN-8, two a GTIN-12
 * (U.P.C.), one a GTIN-13; anything else is a GTIN-14 with a packaging indicator.
 */
export function formatOfGtin14(gtin14: string): GtinFormat {
  if (gtin14.startsWith('000000')) return 'GTIN-8';
  if (gtin14.startsWith('00')) return 'GTIN-12';
  if (gtin14.startsWith('0')) return 'GTIN-13';
  return 'GTIN-14';
}
