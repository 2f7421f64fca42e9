import { randomBytes } from 'node:crypto';
import { decodeCanonicalBase64url } from './canonical-base64url';

describe('canonical base64url', () => {
  const bytes = randomBytes(64);
  const text = bytes.toString('base64url');

  it('decodes the canonical encoding of any bytes, empty included', () => {
    expect(decodeCanonicalBase64url(text)).toEqual(bytes);
    for (const n of [0, 1, 2, 3, 31, 32, 33]) {
      const b = randomBytes(n);
      expect(decodeCanonicalBase64url(b.toString('base64url'))).toEqual(b);
    }
  });

  it('refuses a last character whose unused bits are set, though Node decodes it to the same bytes', () => {
    // 64 bytes in 86 characters: the last character carries 2 bits of data and 4 unused ones.
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const last = alphabet.indexOf(text[85]);
    const variants = Array.from({ length: 16 }, (_, spare) => alphabet[(last & 0b110000) | spare]).filter(
      (c) => c !== text[85],
    );
    expect(variants).toHaveLength(15);
    for (const c of variants) {
      const altered = text.slice(0, 85) + c;
      expect(Buffer.from(altered, 'base64url')).toEqual(bytes);
      expect(decodeCanonicalBase64url(altered)).toBeUndefined();
    }
    // One spare bit in a 2-byte tail (3 characters), 2 in a 1-byte tail (2 characters).
    expect(decodeCanonicalBase64url('AAE')).toEqual(Buffer.from([0, 1]));
    expect(decodeCanonicalBase64url('AAF')).toBeUndefined();
    expect(decodeCanonicalBase64url('AQ')).toEqual(Buffer.from([1]));
    expect(decodeCanonicalBase64url('AR')).toBeUndefined();
  });

  it('refuses padding, characters outside the alphabet, standard base64 and impossible lengths', () => {
    expect(decodeCanonicalBase64url('AQ==')).toBeUndefined();
    expect(decodeCanonicalBase64url(`${text}=`)).toBeUndefined();
    expect(decodeCanonicalBase64url(`${text.slice(0, 40)} ${text.slice(40)}`)).toBeUndefined();
    expect(decodeCanonicalBase64url(`${text.slice(0, 40)}.${text.slice(40)}`)).toBeUndefined();
    // Node reads the standard alphabet's + and / in base64url too.
    expect(Buffer.from('-_8', 'base64url')).toEqual(Buffer.from('+/8', 'base64url'));
    expect(decodeCanonicalBase64url('-_8')).toEqual(Buffer.from([0xfb, 0xff]));
    expect(decodeCanonicalBase64url('+/8')).toBeUndefined();
    expect(decodeCanonicalBase64url('A')).toBeUndefined();
    expect(decodeCanonicalBase64url('AAAAA')).toBeUndefined();
    expect(decodeCanonicalBase64url('đ')).toBeUndefined();
  });
});
