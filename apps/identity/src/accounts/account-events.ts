import { Injectable } from '@nestjs/common';
import {
  AccountDisabledV1,
  AccountRegisteredV1,
  AccountRolesChangedV1,
  IdentityEvents,
  Role,
} from '@ocop/contracts';
import { EventOutbox } from '@ocop/messaging';
import { EntityManager } from 'typeorm';
import { Account, snapshotOf } from './account.entity';

/**
 * Facts other services act on (notification recipients, producer bindings, officer territories). Each is added
 * to the outbox in the transaction of the change, so an event exists if and only if the change committed.
 */
@Injectable()
export class AccountEvents {
  constructor(private readonly outbox: EventOutbox) {}

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
}
