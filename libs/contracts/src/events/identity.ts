import { eventType } from '../subjects';

export type Role = 'admin' | 'officer' | 'council' | 'producer' | 'retailer';
export const ROLES: readonly Role[] = ['admin', 'officer', 'council', 'producer', 'retailer'] as const;

/** Vietnamese first: every text a person reads exists in `vi`, and in `en` for visitors and partners. */
export type Language = 'vi' | 'en';
export const LANGUAGES: readonly Language[] = ['vi', 'en'] as const;

export type AccountStatus = 'active' | 'invited' | 'disabled';
export const ACCOUNT_STATUSES: readonly AccountStatus[] = ['active', 'invited', 'disabled'] as const;

/** Territory an officer acts on: the whole province, one district, or one commune (GSO codes). */
export interface TerritoryScope {
  provinceCode: string;
  districtCode?: string;
  communeCode?: string;
}

export const IdentityEvents = {
  accountRegistered: eventType('identity', 'account', 'registered'),
  accountRolesChanged: eventType('identity', 'account', 'roles-changed'),
  accountDisabled: eventType('identity', 'account', 'disabled'),
} as const;

/** v1 — the account as other services need it (recipients, languages, producer bindings). */
export interface AccountSnapshotV1 {
  accountId: string;
  email?: string;
  phone?: string;
  displayName: string;
  language: Language;
  roles: Role[];
  producerId?: string;
  scope?: TerritoryScope;
  status: AccountStatus;
}

export type AccountRegisteredV1 = AccountSnapshotV1;
export type AccountRolesChangedV1 = AccountSnapshotV1 & { previousRoles: Role[] };
export interface AccountDisabledV1 {
  accountId: string;
  reason: string;
}
