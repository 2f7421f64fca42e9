import { Injectable } from '@nestjs/common';
import { sealAccountToken } from '@ocop/auth';
import {
  AccountDisabledV1,
  AccountEnabledV1,
  AccountMailV1,
  AccountRegisteredV1,
  AccountRolesChangedV1,
  IdentityEvents,
  RegistrationRepeatedV1,
  RegistrationSubmittedV1,
  Role,
} from '@ocop/contracts';
import { EventOutbox } from '@ocop/messaging';
import { EntityManager } from 'typeorm';
import { IdentityConfig } from '../config';
import { Account, snapshotOf } from './account.entity';

/**
 * Facts other services act on (notification recipients, producer bindings, officer territories, mails to send).
 * Each is added to the outbox in the transaction of the change, so an event exists if and only if the change
 * committed.
 */
@Injectable()
export class AccountEvents {
  constructor(
    private readonly outbox: EventOutbox,
    private readonly config: IdentityConfig,
  ) {}

  async registered(manager: EntityManager, account: Account): Promise<void> {
    const data: AccountRegisteredV1 = snapshotOf(account);
    await this.outbox.add(manager, { type: IdentityEvents.accountRegistered, subject: account.id, data });
  }

  async rolesChanged(manager: EntityManager, account: Account, previousRoles: Role[]): Promise<void> {
    const data: AccountRolesChangedV1 = { ...snapshotOf(account), previousRoles };
    await this.outbox.add(manager, { type: IdentityEvents.accountRolesChanged, subject: account.id, data });
  }

  async disabled(manager: EntityManager, account: Account, reason: string): Promise<void> {
    const data: AccountDisabledV1 = { accountId: account.id, reason };
    await this.outbox.add(manager, { type: IdentityEvents.accountDisabled, subject: account.id, data });
  }

  async enabled(manager: EntityManager, account: Account): Promise<void> {
    const data: AccountEnabledV1 = snapshotOf(account);
    await this.outbox.add(manager, { type: IdentityEvents.accountEnabled, subject: account.id, data });
  }

  /** Notifications mails the invitation link; the token travels sealed. */
  async invitationIssued(
    manager: EntityManager,
    account: Account & { email: string },
    token: string,
    expiresAt: Date,
  ) {
    await this.outbox.add(manager, {
      type: IdentityEvents.invitationIssued,
      subject: account.id,
      data: this.mail(account, token, expiresAt),
    });
  }

  async passwordResetRequested(
    manager: EntityManager,
    account: Account & { email: string },
    token: string,
    expiresAt: Date,
  ) {
    await this.outbox.add(manager, {
      type: IdentityEvents.passwordResetRequested,
      subject: account.id,
      data: this.mail(account, token, expiresAt),
    });
  }

  async registrationSubmitted(manager: EntityManager, data: RegistrationSubmittedV1): Promise<void> {
    await this.outbox.add(manager, {
      type: IdentityEvents.registrationSubmitted,
      subject: data.producerId,
      data,
    });
  }

  async registrationRepeated(manager: EntityManager, data: RegistrationRepeatedV1): Promise<void> {
    await this.outbox.add(manager, {
      type: IdentityEvents.registrationRepeated,
      subject: data.accountId ?? data.producerId,
      data,
    });
  }

  private mail(account: Account & { email: string }, token: string, expiresAt: Date): AccountMailV1 {
    return {
      accountId: account.id,
      email: account.email,
      displayName: account.displayName,
      language: account.language,
      sealedToken: sealAccountToken(this.config.ACCOUNT_MAIL_SECRET, token),
      expiresAt: expiresAt.toISOString(),
    };
  }
}
