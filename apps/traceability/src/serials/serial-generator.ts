import { randomBytes } from 'node:crypto';

/**
 * Crockford's base-32 alphabet: digits and upper-case letters without I, L, O and U, so that a serial read aloud
 * or typed from a label is not mistaken (0/O, 1/I/L). Every character is in GS1 set 82 and in QR alphanumeric.
 */
export const SERIAL_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** 12 characters × 5 bits = 60 random bits: guessing one valid serial of a 100,000-unit batch takes ~10^13 tries. */
export const SERIAL_LENGTH = 12;

/**
 * `count` serials from the operating system's CSPRNG, distinct among themselves. Each random byte gives one
 * character (256 is a multiple of 32, so every character is equally likely). Uniqueness against serials already
 * stored is the database's job (unique GTIN + serial), which asks for replacements on the rare collision.
 */
export function randomSerials(count: number, length = SERIAL_LENGTH): string[] {
  const serials = new Set<string>();
  while (serials.size < count) {
    const needed = count - serials.size;
    const bytes = randomBytes(needed * length);
    for (let i = 0; i < needed; i++) {
      let serial = '';
      for (let j = 0; j < length; j++) serial += SERIAL_ALPHABET[bytes[i * length + j] & 31];
      serials.add(serial);
    }
  }
  return [...serials];
}
