import { eventType } from '../subjects';
import type { ProducerType, UnitMapId } from './catalogue';

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
  /** An admin enabled a disabled account again: the whole account, as it is now. */
  accountEnabled: eventType('identity', 'account', 'enabled'),
  invitationIssued: eventType('identity', 'invitation', 'issued'),
  passwordResetRequested: eventType('identity', 'password-reset', 'requested'),
  registrationSubmitted: eventType('identity', 'registration', 'submitted'),
  registrationRepeated: eventType('identity', 'registration', 'repeated'),
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
/** v1 — an enabled account, whole, so that a copy that marked it disabled takes it back as it is now. */
export type AccountEnabledV1 = AccountSnapshotV1;

export interface AccountDisabledV1 {
  accountId: string;
  reason: string;
}

/**
 * A one-time token carried to notifications, which mails it. Streams keep events for good (decision 0003), so the
 * token travels sealed (AES-256-GCM under ACCOUNT_MAIL_SECRET, which only identity and notifications hold; see
 * `sealAccountToken` in @ocop/auth): whoever reads the stream or an outbox row learns nothing usable.
 */
export interface AccountMailV1 {
  accountId: string;
  email: string;
  displayName: string;
  language: Language;
  sealedToken: string;
  /** ISO instant; the mail prints it as a Vietnamese date and time. */
  expiresAt: string;
}

/** An administrator invited the account: its owner sets the first password with the token (accept-invite). */
export type InvitationIssuedV1 = AccountMailV1;

/** Someone asked to reset the account's password; the token confirms it once, before `expiresAt`. */
export type PasswordResetRequestedV1 = AccountMailV1;

/** A household or an organisation registered itself: the catalogue records its producer as `pending`. */
export interface RegistrationSubmittedV1 {
  accountId: string;
  producerId: string;
  producer: {
    type: ProducerType;
    name: string;
    /** Tax code (10 or 10-3 digits), or a household's 12-digit personal ID number. */
    taxCode: string;
    legalRepresentativeName: string;
    communeCode: string;
    /** The admin-unit map the commune code is written in (the one in force at registration). */
    unitMap: UnitMapId;
    phone?: string;
    email?: string;
  };
  submittedAt: string;
}

/**
 * A registration named an e-mail, a phone number, a tax code or a personal ID that is already registered. The
 * registrant got the same answer as anyone (no enumeration); the owners are told instead, so that a mistaken
 * owner can sign in or reset the password and a stranger's attempt does not go unnoticed.
 */
export interface RegistrationRepeatedV1 {
  reason: 'account-exists' | 'producer-exists';
  /** The account whose e-mail or phone was given (reason account-exists). */
  accountId?: string;
  /** The producer whose tax code or personal ID was given (reason producer-exists). */
  producerId?: string;
  attemptedAt: string;
}
