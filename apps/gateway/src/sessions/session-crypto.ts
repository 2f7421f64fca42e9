import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';

/**
 * What the session table and the CSRF token need from SESSION_SECRET: sealing tokens at rest (AES-256-GCM with a
 * key of its own) and deriving each session's CSRF token (HMAC with another), both from the one secret.
 */
export class SessionCrypto {
  private readonly sealKey: Buffer;
  private readonly csrfKey: Buffer;

  constructor(secret: string) {
    this.sealKey = createHmac('sha256', secret).update('ocop-gateway:seal').digest();
    this.csrfKey = createHmac('sha256', secret).update('ocop-gateway:csrf').digest();
  }

  /** A new session id for the cookie: 256 random bits. */
  static newSessionId(): string {
    return randomBytes(32).toString('base64url');
  }

  /** What the table keeps of the session id: its hash, so the table alone cannot be replayed as cookies. */
  static hashOf(sessionId: string): string {
    return createHash('sha256').update(sessionId).digest('base64url');
  }

  seal(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.sealKey, iv);
    const sealed = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [iv, cipher.getAuthTag(), sealed].map((b) => b.toString('base64url')).join('.');
  }

  open(sealed: string): string {
    const [iv, tag, data] = sealed.split('.').map((part) => Buffer.from(part, 'base64url'));
    const decipher = createDecipheriv('aes-256-gcm', this.sealKey, iv);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(data), decipher.final()]).toString('utf8');
  }

  /** The session's CSRF token: bound to it (another session's token does not fit), nothing to store. */
  csrfTokenOf(sessionId: string): string {
    return createHmac('sha256', this.csrfKey).update(sessionId).digest('base64url');
  }

  csrfTokenFits(sessionId: string, presented: string | undefined): boolean {
    if (!presented) return false;
    const expected = Buffer.from(this.csrfTokenOf(sessionId));
    const given = Buffer.from(presented);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}
