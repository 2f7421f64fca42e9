/**
 * An account signs in with its e-mail or its phone number, written however the person writes it. Both are
 * stored in one canonical form so that "An@Example.vn" and "an@example.vn", or "0912 345 678" and
 * "+84912345678", are the same account.
 */

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

// National significant number after the trunk 0 or +84: 9 digits for mobiles (3x, 5x, 7x, 8x, 9x) and 10 for
// landlines (2xx area codes).
const VN_NATIONAL_NUMBER = /^(?:[35789]\d{8}|2\d{9})$/;

/** A Vietnamese phone number in E.164 (+84…), or undefined when it is not one. */
export function normaliseVietnamesePhone(phone: string): string | undefined {
  const compact = phone.trim().replace(/[\s.()-]/g, '');
  let national: string;
  if (compact.startsWith('+84')) national = compact.slice(3);
  else if (compact.startsWith('0084')) national = compact.slice(4);
  else if (compact.startsWith('84') && compact.length >= 11) national = compact.slice(2);
  else if (compact.startsWith('0')) national = compact.slice(1);
  else return undefined;
  return VN_NATIONAL_NUMBER.test(national) ? `+84${national}` : undefined;
}

export type Identifier = { kind: 'email'; value: string } | { kind: 'phone'; value: string };

/** What a person typed in the login box: an e-mail if it has an @, otherwise a phone number. */
export function parseIdentifier(input: string): Identifier | undefined {
  if (input.includes('@')) return { kind: 'email', value: normaliseEmail(input) };
  const phone = normaliseVietnamesePhone(input);
  return phone ? { kind: 'phone', value: phone } : undefined;
}
