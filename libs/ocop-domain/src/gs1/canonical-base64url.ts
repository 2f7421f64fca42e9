const BASE64URL_ALPHABET = /^[A-Za-z0-9_-]*$/;

/**
 * The bytes an unpadded base64url text encodes, or undefined unless the text is the one encoding of those bytes.
 * Node's decoder is lenient: it skips padding and characters outside the alphabet and drops the unused low bits of
 * the last character, so several texts decode to the same bytes (of 86 characters carrying 64 bytes, the last
 * one's 4 spare bits give 16 spellings of every signature). A signature must have exactly one spelling, or a
 * changed label still verifies; re-encoding the bytes and comparing is the check that needs no bit arithmetic.
 */
export function decodeCanonicalBase64url(text: string): Buffer | undefined {
  if (!BASE64URL_ALPHABET.test(text)) return undefined;
  const bytes = Buffer.from(text, 'base64url');
  return bytes.toString('base64url') === text ? bytes : undefined;
}
