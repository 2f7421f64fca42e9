import { createHash, randomBytes } from 'node:crypto';

/**
 * Refresh tokens, invitation tokens and API keys are 256-bit random secrets. They are stored only as their
 * SHA-256: a fast hash is enough for secrets this long (nobody can guess them), and it lets the database find a
 * presented secret by its hash with a unique index, where a salted slow hash would need a separate lookup id.
 */
export function newSecret(prefix = ''): string {
  return `${prefix}${randomBytes(32).toString('base64url')}`;
}

export function secretHash(secret: string): Buffer {
  return createHash('sha256').update(secret, 'utf8').digest();
}
