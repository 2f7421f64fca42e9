import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AccountStatus, bilingual, DomainError, Problems } from '@ocop/contracts';
import { Page } from '@ocop/service-kit';
import { DataSource, EntityManager } from 'typeorm';
import { AccountEvents } from '../accounts/account-events';
import { Account, snapshotOf } from '../accounts/account.entity';
import { AccountView } from '../accounts/account.dto';
import { AccountListQuery, AccountsService, NewAccount, viewOf } from '../accounts/accounts.service';
import { PasswordHasher } from '../accounts/password-hasher';
import { accountWords, PasswordStrength } from '../accounts/password-strength';
import { assertRoleBinding, RoleBinding } from '../accounts/role-binding';
import { AuditTrail } from '../audit/audit-trail.service';
import { LoginAttemptsService } from '../auth/login-attempts.service';
import { RefreshTokens } from '../auth/refresh-tokens.service';
import { Clock } from '../common/clock';
import { IdentityConfig } from '../config';
import { AdminAccountView, ReissuedInvitation } from './admin-accounts.dto';

/** Serialises changes to who is an admin, so two admins cannot demote each other into having none. */
export const ADMINS_LOCK = `pg_advisory_xact_lock(hashtext('identity:admins'))`;

export type AccountRequest = Omit<NewAccount, 'passwordHash'> & { password?: string };

// 409s, not quiet successes: the admin acted on a state the page showed, and it is gone (the lock ran out, another
// admin was quicker); saying so lets the page show the account as it is now (decision 0059).
const accountNotLocked = () =>
  new DomainError(
    'account-not-locked',
    409,
    bilingual('Tài khoản không bị khóa', 'Account not locked'),
    bilingual(
      'Tài khoản này không bị khóa vì đăng nhập sai, hoặc khóa đã hết hạn.',
      'This account is not locked by failed logins, or the lock has run out.',
    ),
  );
const accountNotDisabled = () =>
  new DomainError(
    'account-not-disabled',
    409,
    bilingual('Tài khoản không bị vô hiệu hóa', 'Account not disabled'),
    bilingual('Tài khoản này đang hoạt động.', 'This account is not disabled.'),
  );

// Only an invited account gets a new invitation: an active one has a password (its owner resets a forgotten one
// by e-mail), and a disabled one is enabled first, so that an invitation never brings back an account someone
// disabled (decision 0066).
const accountNotInvited = (status: AccountStatus) =>
  new DomainError(
    'account-not-invited',
    409,
    bilingual('Tài khoản không chờ nhận lời mời', 'Account not waiting for an invitation'),
    status === 'disabled'
      ? bilingual(
          'Tài khoản này đã bị vô hiệu hóa: hãy bật lại trước khi gửi lại lời mời.',
          'This account is disabled: enable it before sending the invitation again.',
        )
      : bilingual(
          'Chủ tài khoản đã đặt mật khẩu; nếu quên, họ đặt lại mật khẩu qua e-mail.',
          'Its owner has set a password; a forgotten password is reset by e-mail.',
        ),
  );

/**
 * What an administrator does to accounts. Each change commits together with its audit entry and its event
 * (outbox), or not at all.
 */
@Injectable()
export class AdminAccounts {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly accounts: AccountsService,
    private readonly hasher: PasswordHasher,
    private readonly strength: PasswordStrength,
    private readonly events: AccountEvents,
    private readonly audit: AuditTrail,
    private readonly refreshTokens: RefreshTokens,
    private readonly attempts: LoginAttemptsService,
    private readonly clock: Clock,
    private readonly config: IdentityConfig,
  ) {}

  async create(
    request: AccountRequest,
    actorId: string | null,
  ): Promise<{ account: AdminAccountView; invitationToken?: string }> {
    const { password, ...rest } = request;
    if (password) this.strength.assertAcceptable(password, accountWords(rest));
    const input: NewAccount = {
      ...rest,
      ...(password ? { passwordHash: await this.hasher.hash(password) } : {}),
    };
    return this.dataSource.transaction(async (manager) => {
      const { account, invitation } = await this.createWithin(manager, input, actorId);
      // Production mails the token only; development and tests also answer it, so that scripts and tests
      // without a mail catcher can accept invitations (decision 0034).
      const answerToken = invitation && this.config.NODE_ENV !== 'production';
      return {
        account: {
          ...viewOf(account),
          ...(invitation ? { invitationExpiresAt: invitation.expiresAt.toISOString() } : {}),
        },
        ...(answerToken ? { invitationToken: invitation.token } : {}),
      };
    });
  }

  /** For callers that hold a transaction already (the bootstrap admin, under its lock). */
  async createWithin(manager: EntityManager, input: NewAccount, actorId: string | null) {
    const created = await this.accounts.register(manager, input);
    await this.events.registered(manager, created.account);
    if (created.invitation) {
      await this.events.invitationIssued(
        manager,
        created.account as Account & { email: string },
        created.invitation.token,
        created.invitation.expiresAt,
      );
    }
    await this.audit.record(manager, {
      actorId,
      action: 'account.created',
      targetType: 'account',
      targetId: created.account.id,
      details: { ...snapshotOf(created.account), invited: created.invitation !== undefined },
    });
    return created;
  }

  async list(
    query: AccountListQuery,
    options: { producerPeople?: boolean } = {},
  ): Promise<Page<AdminAccountView>> {
    const page = await this.accounts.list(query, options);
    return { ...page, items: await this.adminViews(page.items) };
  }

  async get(accountId: string): Promise<AdminAccountView> {
    const account = await this.accounts.findById(accountId);
    if (!account) throw Problems.notFound('Account');
    return this.adminView(viewOf(account));
  }

  /**
   * A fresh invitation for an account whose owner never set a password (the first one expired, or its mail was
   * lost): mailed as the first one was (`invitation.issued`), every earlier link of the account stops working, and
   * the audit trail says who sent it. `allowed` narrows the accounts the caller may re-invite (an officer's
   * territory): any other is not found, as if it did not exist.
   */
  async reissueInvitation(
    accountId: string,
    actorId: string,
    allowed: (account: Account) => boolean = () => true,
  ): Promise<ReissuedInvitation> {
    const reissued = await this.dataSource.transaction(async (manager) => {
      await this.accounts.lockInvitationsOf(manager, accountId);
      const account = await this.lockAccount(manager, accountId);
      if (!allowed(account)) throw Problems.notFound('Account');
      if (account.status !== 'invited') throw accountNotInvited(account.status);
      const invitation = await this.accounts.replaceInvitation(manager, account.id);
      await this.events.invitationIssued(
        manager,
        // Invited accounts have an e-mail: register() invites none without one, and nothing changes an e-mail.
        account as Account & { email: string },
        invitation.token,
        invitation.expiresAt,
      );
      await this.audit.record(manager, {
        actorId,
        action: 'account.invitation-reissued',
        targetType: 'account',
        targetId: account.id,
        details: {
          invitationId: invitation.id,
          expiresAt: invitation.expiresAt.toISOString(),
          previousExpiresAt: invitation.previousExpiresAt?.toISOString() ?? null,
        },
      });
      return { account: viewOf(account), token: invitation.token };
    });
    // As at creation: production mails the token only (decision 0034).
    const answerToken = this.config.NODE_ENV !== 'production';
    return {
      account: await this.adminView(reissued.account),
      ...(answerToken ? { invitationToken: reissued.token } : {}),
    };
  }

  async changeRoles(accountId: string, binding: RoleBinding, actorId: string): Promise<AdminAccountView> {
    assertRoleBinding(binding);
    const changed = await this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT ${ADMINS_LOCK}`);
      const account = await this.lockAccount(manager, accountId);
      const previousRoles = account.roles;
      if (previousRoles.includes('admin') && !binding.roles.includes('admin'))
        await this.assertNotLastAdmin(manager, account);
      Object.assign(account, {
        roles: binding.roles,
        producerId: binding.producerId ?? null,
        provinceCode: binding.scope?.provinceCode ?? null,
        districtCode: binding.scope?.districtCode ?? null,
        communeCode: binding.scope?.communeCode ?? null,
        updatedAt: this.clock.now(),
      });
      await manager.getRepository(Account).save(account);
      await this.events.rolesChanged(manager, account, previousRoles);
      await this.audit.record(manager, {
        actorId,
        action: 'account.roles-changed',
        targetType: 'account',
        targetId: account.id,
        details: {
          previousRoles,
          roles: account.roles,
          producerId: binding.producerId ?? null,
          scope: binding.scope ?? null,
        },
      });
      return viewOf(account);
    });
    return this.adminView(changed);
  }

  /**
   * Disabling ends every session at once (refresh families revoked) and stops API-key exchanges. Access tokens
   * already out stay valid until they expire (at most ACCESS_TOKEN_TTL_SECONDS); services that must react
   * sooner consume the disabled event. Disabling a disabled account changes nothing.
   */
  async disable(accountId: string, reason: string, actorId: string): Promise<AdminAccountView> {
    const disabled = await this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT ${ADMINS_LOCK}`);
      const account = await this.lockAccount(manager, accountId);
      if (account.status === 'disabled') return viewOf(account);
      if (account.roles.includes('admin')) await this.assertNotLastAdmin(manager, account);
      const now = this.clock.now();
      Object.assign(account, { status: 'disabled', disabledAt: now, disabledReason: reason, updatedAt: now });
      await manager.getRepository(Account).save(account);
      await this.refreshTokens.revokeAllOf(manager, account.id, 'account-disabled');
      await this.events.disabled(manager, account, reason);
      await this.audit.record(manager, {
        actorId,
        action: 'account.disabled',
        targetType: 'account',
        targetId: account.id,
        details: { reason },
      });
      return viewOf(account);
    });
    return this.adminView(disabled);
  }

  /**
   * The account works again as it was before it was disabled: active, or still invited if its owner never set a
   * password (an invitation not yet expired works again). Sessions ended by the disable stay ended; its API keys,
   * refused while it was disabled, are accepted again (revoke them separately if they should not be).
   */
  async enable(accountId: string, actorId: string): Promise<AdminAccountView> {
    const enabled = await this.dataSource.transaction(async (manager) => {
      const account = await this.lockAccount(manager, accountId);
      if (account.status !== 'disabled') throw accountNotDisabled();
      const was = { disabledAt: account.disabledAt?.toISOString() ?? null, reason: account.disabledReason };
      const now = this.clock.now();
      Object.assign(account, {
        status: account.passwordHash ? 'active' : 'invited',
        disabledAt: null,
        disabledReason: null,
        updatedAt: now,
      });
      await manager.getRepository(Account).save(account);
      await this.events.enabled(manager, account);
      await this.audit.record(manager, {
        actorId,
        action: 'account.enabled',
        targetType: 'account',
        targetId: account.id,
        details: { status: account.status, disabledAt: was.disabledAt, disabledReason: was.reason },
      });
      return viewOf(account);
    });
    return this.adminView(enabled);
  }

  /**
   * Lifts the lock that failed logins put on the account (decision 0007), before it runs out by itself: the
   * owner, who has proved who they are to the admin some other way, may sign in at once. The failures are
   * forgotten too. No event: no other service knows about locks.
   */
  async unlock(accountId: string, actorId: string): Promise<AdminAccountView> {
    const unlocked = await this.dataSource.transaction(async (manager) => {
      const account = await this.lockAccount(manager, accountId);
      const lifted = await this.attempts.unlock(manager, account.id);
      if (!lifted) throw accountNotLocked();
      await this.audit.record(manager, {
        actorId,
        action: 'account.unlocked',
        targetType: 'account',
        targetId: account.id,
        details: { failures: lifted.failures, lockedUntil: lifted.lockedUntil?.toISOString() ?? null },
      });
      return viewOf(account);
    });
    return this.adminView(unlocked);
  }

  private async adminView(view: AccountView): Promise<AdminAccountView> {
    return (await this.adminViews([view]))[0];
  }

  /** The accounts with what only admins see: a lock failed logins put on one, an invited one's invitation expiry. */
  private async adminViews(views: AccountView[]): Promise<AdminAccountView[]> {
    const [locks, invitations] = await Promise.all([
      this.attempts.locksOf(views.map((v) => v.accountId)),
      this.accounts.invitationExpiries(views.filter((v) => v.status === 'invited').map((v) => v.accountId)),
    ]);
    return views.map((v) => {
      const lockedUntil = locks.get(v.accountId);
      const invitationExpiresAt = invitations.get(v.accountId);
      return {
        ...v,
        ...(lockedUntil ? { lockedUntil: lockedUntil.toISOString() } : {}),
        ...(invitationExpiresAt ? { invitationExpiresAt: invitationExpiresAt.toISOString() } : {}),
      };
    });
  }

  private async lockAccount(manager: EntityManager, accountId: string): Promise<Account> {
    const account = await manager
      .getRepository(Account)
      .createQueryBuilder('a')
      .setLock('pessimistic_write')
      .where('a.id = :accountId', { accountId })
      .getOne();
    if (!account) throw Problems.notFound('Account');
    return account;
  }

  private async assertNotLastAdmin(manager: EntityManager, account: Account): Promise<void> {
    const others = await manager
      .getRepository(Account)
      .createQueryBuilder('a')
      .where(`'admin' = ANY (a.roles)`)
      .andWhere(`a.status = 'active'`)
      .andWhere('a.id <> :id', { id: account.id })
      .getCount();
    if (others === 0) {
      throw Problems.conflict('last-admin', 'This is the last active admin; make another admin first.');
    }
  }
}
