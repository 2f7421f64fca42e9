import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { bilingual, DomainError } from '@ocop/contracts';
import { randomUUID } from 'node:crypto';
import { DataSource, IsNull, MoreThan } from 'typeorm';
import { AccountEvents } from '../accounts/account-events';
import { Account } from '../accounts/account.entity';
import { normaliseEmail } from '../accounts/identifiers';
import { PasswordHasher } from '../accounts/password-hasher';
import { accountWords, PasswordStrength } from '../accounts/password-strength';
import { AuditTrail } from '../audit/audit-trail.service';
import { accountSubject, LoginAttemptsService } from '../auth/login-attempts.service';
import { RefreshTokens } from '../auth/refresh-tokens.service';
import { Clock, secondsFrom } from '../common/clock';
import { newSecret, secretHash } from '../common/secrets';
import { IdentityConfig } from '../config';
import { PasswordReset } from './password-reset.entity';

const HOUR_MS = 3600_000;

const resetInvalid = () =>
  new DomainError(
    'reset-token-invalid',
    400,
    bilingual('Liên kết đặt lại mật khẩu không hợp lệ', 'Invalid password-reset link'),
    bilingual(
      'Liên kết không tồn tại hoặc đã được dùng; hãy yêu cầu liên kết mới',
      'This link does not exist or was already used; ask for a new one',
    ),
    { errors: [{ field: 'token', message: bilingual('không hợp lệ', 'is not valid') }] },
  );

const resetExpired = () =>
  new DomainError(
    'reset-token-expired',
    410,
    bilingual('Liên kết đặt lại mật khẩu đã hết hạn', 'Password-reset link expired'),
    bilingual('Hãy yêu cầu liên kết mới', 'Ask for a new link'),
    { errors: [{ field: 'token', message: bilingual('đã hết hạn', 'has expired') }] },
  );

/**
 * "Forgot my password" (decision 0034). Asking always gets the same answer: whether the address has an account
 * shows only in that mailbox. A request mails a single-use token that works for PASSWORD_RESET_TTL_SECONDS; an
 * account gets at most PASSWORD_RESETS_PER_ACCOUNT_PER_HOUR such mails (the per-address limit is at the door,
 * service.ts). Confirming sets a new password (same strength rule as every password), ends every session and
 * every other reset link of the account, lifts a login lock-out, and is audited.
 */
@Injectable()
export class PasswordResets {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly hasher: PasswordHasher,
    private readonly strength: PasswordStrength,
    private readonly events: AccountEvents,
    private readonly audit: AuditTrail,
    private readonly refreshTokens: RefreshTokens,
    private readonly attempts: LoginAttemptsService,
    private readonly config: IdentityConfig,
    private readonly clock: Clock,
  ) {}

  async request(emailInput: string): Promise<void> {
    const email = normaliseEmail(emailInput);
    await this.dataSource.transaction(async (manager) => {
      // Locked, so that simultaneous requests for one account count one after another against its limit.
      const account = await manager
        .getRepository(Account)
        .createQueryBuilder('a')
        .setLock('pessimistic_write')
        .where('a.email = :email', { email })
        .getOne();
      // Invited accounts have their invitation; disabled ones stay closed.
      if (!account || account.status !== 'active' || !account.email) return;
      const now = this.clock.now();
      const resets = manager.getRepository(PasswordReset);
      const lastHour = await resets.countBy({
        accountId: account.id,
        createdAt: MoreThan(new Date(now.getTime() - HOUR_MS)),
      });
      if (lastHour >= this.config.PASSWORD_RESETS_PER_ACCOUNT_PER_HOUR) {
        await this.audit.record(manager, {
          actorId: null,
          action: 'account.password-reset-limited',
          targetType: 'account',
          targetId: account.id,
          details: { lastHour },
        });
        return;
      }
      const token = newSecret();
      const expiresAt = secondsFrom(now, this.config.PASSWORD_RESET_TTL_SECONDS);
      const id = randomUUID();
      await resets.insert({
        id,
        accountId: account.id,
        tokenHash: secretHash(token),
        createdAt: now,
        expiresAt,
        usedAt: null,
      });
      await this.events.passwordResetRequested(
        manager,
        account as Account & { email: string },
        token,
        expiresAt,
      );
      await this.audit.record(manager, {
        actorId: null,
        action: 'account.password-reset-requested',
        targetType: 'account',
        targetId: account.id,
        details: { resetId: id, expiresAt: expiresAt.toISOString() },
      });
    });
  }

  async confirm(token: string, password: string): Promise<void> {
    // The token is checked before the password, so that only its holder learns anything about password rules.
    const { account } = await this.usable(token);
    this.strength.assertAcceptable(password, accountWords(account));
    const passwordHash = await this.hasher.hash(password);
    const accountId = await this.dataSource.transaction(async (manager) => {
      const { reset, account: locked, now } = await this.usable(token, manager);
      const resets = manager.getRepository(PasswordReset);
      await resets.update({ id: reset.id }, { usedAt: now });
      // Older links of the account die with this one: a mailbox read later must not reopen the account.
      await resets.update({ accountId: locked.id, usedAt: IsNull() }, { usedAt: now });
      await manager
        .getRepository(Account)
        .update({ id: locked.id }, { passwordHash, passwordChangeRequired: false, updatedAt: now });
      await this.refreshTokens.revokeAllOf(manager, locked.id, 'password-reset');
      await this.audit.record(manager, {
        actorId: locked.id,
        action: 'account.password-reset',
        targetType: 'account',
        targetId: locked.id,
        details: { resetId: reset.id },
      });
      return locked.id;
    });
    // Whoever holds the mailbox may sign in again at once, even after someone locked the account by guessing.
    await this.attempts.succeeded(accountSubject(accountId));
  }

  private async usable(token: string, manager = this.dataSource.manager) {
    const inTransaction = manager !== this.dataSource.manager;
    const query = manager
      .getRepository(PasswordReset)
      .createQueryBuilder('r')
      .where('r.token_hash = :hash', { hash: secretHash(token) });
    const reset = await (inTransaction ? query.setLock('pessimistic_write') : query).getOne();
    if (!reset || reset.usedAt) throw resetInvalid();
    const now = this.clock.now();
    if (reset.expiresAt <= now) throw resetExpired();
    const account = await manager.getRepository(Account).findOneBy({ id: reset.accountId });
    // An account disabled since the request stays disabled.
    if (!account || account.status !== 'active') throw resetInvalid();
    return { reset, account, now };
  }
}
