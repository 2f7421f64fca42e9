import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A retailer's machine credential, exchanged at POST /auth/token for an access token. Only its hash is kept. */
@Entity({ name: 'api_keys' })
export class ApiKey {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'account_id', type: 'uuid' })
  accountId!: string;

  /** What the retailer calls it ("POS cửa hàng Bến Tre"), to tell keys apart when revoking. */
  @Column({ type: 'text' })
  name!: string;

  @Column({ name: 'key_hash', type: 'bytea' })
  keyHash!: Buffer;

  /** The key's first characters, shown in lists so that a person can match a key to its owner's copy. */
  @Column({ type: 'text' })
  prefix!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy!: string | null;

  @Column({ name: 'last_used_at', type: 'timestamptz', nullable: true })
  lastUsedAt!: Date | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;
}
