import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * An Ed25519 key that signs unit labels (AI 8030). One key signs at a time; after a rotation the previous one is
 * retired (signs no more) but stays published, since labels printed with it live on shelves for years. A
 * revoked key (compromised) is published as revoked, so that verifiers refuse what it signed.
 */
@Entity({ name: 'label_signing_keys' })
export class LabelSigningKey {
  /** RFC 7638 thumbprint of the public JWK. */
  @PrimaryColumn({ type: 'text' })
  kid!: string;

  /** The raw 32-byte public key (JWK "x"). */
  @Column({ name: 'public_key', type: 'bytea' })
  publicKey!: Buffer;

  /** PKCS#8 DER, sealed with LABEL_KEY_ENCRYPTION_SECRET; erased on revocation. */
  @Column({ name: 'private_key_sealed', type: 'bytea', nullable: true })
  privateKeySealed!: Buffer | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'retired_at', type: 'timestamptz', nullable: true })
  retiredAt!: Date | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  @Column({ name: 'revoked_reason', type: 'text', nullable: true })
  revokedReason!: string | null;
}
