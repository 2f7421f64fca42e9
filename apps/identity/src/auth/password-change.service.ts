import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Actor } from '@ocop/auth';
import { DataSource } from 'typeorm';
import { Account } from '../accounts/account.entity';
import { AccountsService } from '../accounts/accounts.service';
import { PasswordHasher } from '../accounts/password-hasher';
import { accountWords, PasswordStrength } from '../accounts/password-strength';
import { AuditTrail } from '../audit/audit-trail.service';
import { Clock } from '../common/clock';
import { SessionTokenResponse } from './auth.dto';
import { AuthProblems } from './auth.problems';
import { accountSubject, LoginAttemptsService } from './login-attempts.service';
import { LoginService } from './login.service';
import { RefreshTokens } from './refresh-tokens.service';

/**
 * A signed-in person replaces their password, which is also how the bootstrap admin leaves the first session
 * that may do nothing else. Proving the current password is throttled like a login (same counter), so a stolen
 * access token is no way to guess it. Every other session of the account ends: a new password is also the way
 * out of a leaked one.
 */
@Injectable()
export class PasswordChange {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly accounts: AccountsService,
    private readonly hasher: PasswordHasher,
    private readonly strength: PasswordStrength,
    private readonly attempts: LoginAttemptsService,
    private readonly refreshTokens: RefreshTokens,
    private readonly login: LoginService,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  async change(actor: Actor, currentPassword: string, newPassword: string): Promise<SessionTokenResponse> {
    const subject = accountSubject(actor.accountId);
    await this.attempts.begin(subject);
    const account = await this.accounts.findById(actor.accountId);
    if (!account?.passwordHash || account.status !== 'active') throw AuthProblems.accountDisabled();
    if (!(await this.hasher.verify(currentPassword, account.passwordHash)))
      throw AuthProblems.currentPasswordIncorrect();
    await this.attempts.succeeded(subject);
    if (newPassword.normalize('NFC') === currentPassword.normalize('NFC'))
      throw AuthProblems.passwordUnchanged();
    this.strength.assertAcceptable(newPassword, accountWords(account), 'newPassword');

    const passwordHash = await this.hasher.hash(newPassword);
    const { changed, refreshToken } = await this.dataSource.transaction(async (manager) => {
      const now = this.clock.now();
      const repo = manager.getRepository(Account);
      await repo.update({ id: account.id }, { passwordHash, passwordChangeRequired: false, updatedAt: now });
      await this.refreshTokens.revokeAllOf(manager, account.id, 'password-changed');
      await this.audit.record(manager, {
        actorId: actor.accountId,
        action: 'account.password-changed',
        targetType: 'account',
        targetId: account.id,
        details: { wasRequired: account.passwordChangeRequired },
      });
      return {
        changed: await repo.findOneByOrFail({ id: account.id }),
        refreshToken: await this.refreshTokens.startFamily(account.id, manager),
      };
    });
    return this.login.session(changed, refreshToken);
  }
}
