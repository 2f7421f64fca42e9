import { AccountSnapshotV1, AccountStatus, Language, Role, TerritoryScope } from '@ocop/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'accounts' })
export class Account {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  /** Lower-cased; unique. An account has an e-mail, a phone, or both. */
  @Column({ type: 'text', nullable: true })
  email!: string | null;

  /** E.164 (+84…); unique. */
  @Column({ type: 'text', nullable: true })
  phone!: string | null;

  /** Null until an invited person sets a password. */
  @Column({ name: 'password_hash', type: 'text', nullable: true })
  passwordHash!: string | null;

  /**
   * Someone else chose the password (the bootstrap admin's comes from the deployment's configuration): the
   * account's sessions may only change it until it does.
   */
  @Column({ name: 'password_change_required', type: 'boolean', default: false })
  passwordChangeRequired!: boolean;

  @Column({ name: 'display_name', type: 'text' })
  displayName!: string;

  @Column({ type: 'text' })
  language!: Language;

  @Column({ type: 'text', array: true })
  roles!: Role[];

  @Column({ name: 'producer_id', type: 'uuid', nullable: true })
  producerId!: string | null;

  @Column({ name: 'province_code', type: 'text', nullable: true })
  provinceCode!: string | null;

  @Column({ name: 'district_code', type: 'text', nullable: true })
  districtCode!: string | null;

  @Column({ name: 'commune_code', type: 'text', nullable: true })
  communeCode!: string | null;

  @Column({ type: 'text' })
  status!: AccountStatus;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ name: 'disabled_at', type: 'timestamptz', nullable: true })
  disabledAt!: Date | null;

  @Column({ name: 'disabled_reason', type: 'text', nullable: true })
  disabledReason!: string | null;
}

export function scopeOf(account: Account): TerritoryScope | undefined {
  if (!account.provinceCode) return undefined;
  return {
    provinceCode: account.provinceCode,
    ...(account.districtCode ? { districtCode: account.districtCode } : {}),
    ...(account.communeCode ? { communeCode: account.communeCode } : {}),
  };
}

/** The account as other services see it, in events and in admin answers: never the password hash. */
export function snapshotOf(account: Account): AccountSnapshotV1 {
  const scope = scopeOf(account);
  return {
    accountId: account.id,
    ...(account.email ? { email: account.email } : {}),
    ...(account.phone ? { phone: account.phone } : {}),
    displayName: account.displayName,
    language: account.language,
    roles: account.roles,
    ...(account.producerId ? { producerId: account.producerId } : {}),
    ...(scope ? { scope } : {}),
    status: account.status,
  };
}
