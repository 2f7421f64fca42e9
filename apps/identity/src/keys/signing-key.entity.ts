import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { JWK } from 'jose';

/**
 * An Ed25519 key that signs access tokens. Exactly one is active (retire_after is null); a rotated-out key is
 * "retiring": still published in the JWKS until retire_after, when every token it signed has expired.
 */
@Entity({ name: 'signing_keys' })
export class SigningKey {
  /** RFC 7638 thumbprint of the public key. */
  @PrimaryColumn({ type: 'text' })
  kid!: string;

  @Column({ name: 'public_jwk', type: 'jsonb' })
  publicJwk!: JWK;

  /** PKCS#8 DER, AES-256-GCM encrypted; erased once the key stops signing, since nothing needs it after. */
  @Column({ name: 'private_key_encrypted', type: 'bytea', nullable: true })
  privateKeyEncrypted!: Buffer | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'retire_after', type: 'timestamptz', nullable: true })
  retireAfter!: Date | null;
}
