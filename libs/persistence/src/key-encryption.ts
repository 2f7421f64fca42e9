import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const FORMAT_V1 = 1;
const IV_LENGTH = 12;
const TAG_LENGTH = 16;

/** HKDF salt and info: each use derives its own AES key from its secret, so one leaked blob type tells nothing of another. */
export interface KeyEncryptionPurpose {
  salt: string;
  info: string;
}

/**
 * Seals private keys at rest (identity's token-signing keys, traceability's label-signing keys) with
 * AES-256-GCM. The AES key is derived from a configured secret with HKDF, so any long random string works as the
 * secret. Each blob is bound to its key id (additional authenticated data), so a private key copied onto another
 * row does not decrypt. The leading format byte leaves room for a second secret when the first is rotated.
 */
export class KeyEncryption {
  private readonly key: Buffer;

  constructor(secret: string, purpose: KeyEncryptionPurpose) {
    this.key = Buffer.from(hkdfSync('sha256', secret, purpose.salt, purpose.info, 32));
  }

  seal(plaintext: Buffer, boundTo: string): Buffer {
    const iv = randomBytes(IV_LENGTH);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv, { authTagLength: TAG_LENGTH });
    cipher.setAAD(Buffer.from(boundTo, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return Buffer.concat([Buffer.of(FORMAT_V1), iv, cipher.getAuthTag(), ciphertext]);
  }

  /** Throws when the blob was not sealed with this secret for this key id, or was altered. */
  open(sealed: Buffer, boundTo: string): Buffer {
    if (sealed[0] !== FORMAT_V1) throw new Error('Unknown sealed key format');
    const iv = sealed.subarray(1, 1 + IV_LENGTH);
    const tag = sealed.subarray(1 + IV_LENGTH, 1 + IV_LENGTH + TAG_LENGTH);
    const decipher = createDecipheriv('aes-256-gcm', this.key, iv, { authTagLength: TAG_LENGTH });
    decipher.setAAD(Buffer.from(boundTo, 'utf8'));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(sealed.subarray(1 + IV_LENGTH + TAG_LENGTH)), decipher.final()]);
  }
}
