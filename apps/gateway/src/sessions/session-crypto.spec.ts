import { SessionCrypto } from './session-crypto';

describe('SessionCrypto', () => {
  const crypto = new SessionCrypto('a session secret of at least thirty-two characters');

  it('seals tokens so that only the same secret opens them, and a changed byte is refused', () => {
    const sealed = crypto.seal('refresh-token-value');
    expect(sealed).not.toContain('refresh-token-value');
    expect(crypto.open(sealed)).toBe('refresh-token-value');
    expect(crypto.seal('refresh-token-value')).not.toBe(sealed);
    const [iv, tag, data] = sealed.split('.');
    const flipped = Buffer.from(data, 'base64url');
    flipped[0] ^= 1;
    expect(() => crypto.open([iv, tag, flipped.toString('base64url')].join('.'))).toThrow();
    expect(() => new SessionCrypto('another secret, also thirty-two characters').open(sealed)).toThrow();
  });

  it('binds a CSRF token to its session', () => {
    const one = SessionCrypto.newSessionId();
    const two = SessionCrypto.newSessionId();
    expect(crypto.csrfTokenFits(one, crypto.csrfTokenOf(one))).toBe(true);
    expect(crypto.csrfTokenFits(one, crypto.csrfTokenOf(two))).toBe(false);
    expect(crypto.csrfTokenFits(one, undefined)).toBe(false);
    expect(crypto.csrfTokenFits(one, '')).toBe(false);
    expect(crypto.csrfTokenOf(one)).not.toBe(one);
  });

  it('stores a hash of the session id, not the id', () => {
    const id = SessionCrypto.newSessionId();
    expect(SessionCrypto.hashOf(id)).not.toBe(id);
    expect(SessionCrypto.hashOf(id)).toBe(SessionCrypto.hashOf(id));
  });
});
