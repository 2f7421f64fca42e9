import { openAccountToken, sealAccountToken } from './account-token-seal';

const SECRET = 'a test secret that is long enough to be one';

describe('sealed account tokens', () => {
  it('opens with the secret it was sealed under, and only with it', () => {
    const sealed = sealAccountToken(SECRET, 'the-token');
    expect(sealed).not.toContain('the-token');
    expect(openAccountToken(SECRET, sealed)).toBe('the-token');
    expect(openAccountToken('another secret of the same kind, also long', sealed)).toBeUndefined();
  });

  it('does not open an altered or malformed envelope', () => {
    const sealed = sealAccountToken(SECRET, 'the-token');
    const [v, iv, body, tag] = sealed.split('.');
    const flipped = Buffer.from(body, 'base64url');
    flipped[0] ^= 1;
    expect(openAccountToken(SECRET, [v, iv, flipped.toString('base64url'), tag].join('.'))).toBeUndefined();
    expect(openAccountToken(SECRET, 'v1.abc')).toBeUndefined();
    expect(openAccountToken(SECRET, `v2.${iv}.${body}.${tag}`)).toBeUndefined();
  });

  it('seals the same token differently each time', () => {
    expect(sealAccountToken(SECRET, 't')).not.toBe(sealAccountToken(SECRET, 't'));
  });
});
