import { KeyEncryption } from './key-encryption';

const purpose = { salt: 'ocop-test', info: 'test-key-encryption/v1' };

const secret = 'a-test-secret-that-is-at-least-32-characters';

describe('KeyEncryption', () => {
  const plaintext = Buffer.from('private key bytes');

  it('opens what it sealed, and the sealed form does not contain the plaintext', () => {
    const encryption = new KeyEncryption(secret, purpose);
    const sealed = encryption.seal(plaintext, 'kid-1');
    expect(sealed.includes(plaintext)).toBe(false);
    expect(encryption.open(sealed, 'kid-1')).toEqual(plaintext);
  });

  it('refuses another secret, another key id, or altered bytes', () => {
    const sealed = new KeyEncryption(secret, purpose).seal(plaintext, 'kid-1');
    expect(() => new KeyEncryption(`${secret}!`, purpose).open(sealed, 'kid-1')).toThrow();
    expect(() => new KeyEncryption(secret, purpose).open(sealed, 'kid-2')).toThrow();
    const altered = Buffer.from(sealed);
    altered[altered.length - 1] ^= 1;
    expect(() => new KeyEncryption(secret, purpose).open(altered, 'kid-1')).toThrow();
  });
});
