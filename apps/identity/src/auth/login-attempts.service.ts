import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, LessThan, MoreThan } from 'typeorm';
import { Clock } from '../common/clock';
import { IdentityConfig } from '../config';
import { AuthProblems } from './auth.problems';
import { LoginAttempts } from './login-attempts.entity';
import { decideAttempt, recordFailure, ThrottlePolicy } from './login-throttle';

const ACCOUNT_PREFIX = 'account:';
/** The subject an account's failures are counted under (login and password change alike). */
export const accountSubject = (accountId: string): string => `${ACCOUNT_PREFIX}${accountId}`;

/** A day without failures forgets them, which also clears rows left by guessed identifiers. */
const FORGET_AFTER_MS = 24 * 3600 * 1000;

/**
 * Counts failed logins per subject in the database, so that every replica sees the same count. An attempt is
 * counted as a failure BEFORE its password is checked (and forgiven if the password was right): concurrent
 * guesses therefore queue on the row and each sees the others, instead of all passing one stale check.
 */
@Injectable()
export class LoginAttemptsService {
  private readonly policy: ThrottlePolicy;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    config: IdentityConfig,
  ) {
    this.policy = {
      throttleAfter: config.LOGIN_THROTTLE_AFTER_FAILURES,
      baseDelaySeconds: config.LOGIN_THROTTLE_BASE_DELAY_SECONDS,
      lockAfter: config.LOGIN_LOCK_AFTER_FAILURES,
      lockSeconds: config.LOGIN_LOCK_SECONDS,
    };
  }

  /** Throws 429 login-throttled or 423 account-locked; otherwise the attempt may check the password. */
  async begin(subject: string): Promise<void> {
    const now = this.clock.now();
    await this.dataSource.transaction(async (manager) => {
      const repo = manager.getRepository(LoginAttempts);
      await repo.delete({ lastFailureAt: LessThan(new Date(now.getTime() - FORGET_AFTER_MS)) });
      // Make sure there is a row to lock, then lock it: attempts on one subject go one at a time through here.
      await repo
        .createQueryBuilder()
        .insert()
        .values({ subject, failures: 0, lastFailureAt: now })
        .orIgnore()
        .execute();
      const state = await repo
        .createQueryBuilder('a')
        .setLock('pessimistic_write')
        .where('a.subject = :subject', { subject })
        .getOneOrFail();
      const decision = decideAttempt(state.failures > 0 ? state : undefined, now, this.policy);
      if (decision.kind === 'throttled') throw AuthProblems.loginThrottled(decision.retryAfterSeconds);
      if (decision.kind === 'locked') throw AuthProblems.accountLocked(decision.retryAfterSeconds);
      const next = recordFailure(state.failures > 0 ? state : undefined, now, this.policy);
      await repo.update({ subject }, next);
    });
  }

  /** The password was right: the failures in a row end here. */
  async succeeded(subject: string): Promise<void> {
    await this.dataSource.getRepository(LoginAttempts).delete({ subject });
  }

  /** Until when each of these accounts is locked, for those locked now (an administrator's lists and pages). */
  async locksOf(accountIds: string[]): Promise<Map<string, Date>> {
    if (accountIds.length === 0) return new Map();
    const rows = await this.dataSource.getRepository(LoginAttempts).findBy({
      subject: In(accountIds.map(accountSubject)),
      lockedUntil: MoreThan(this.clock.now()),
    });
    return new Map(rows.map((r) => [r.subject.slice(ACCOUNT_PREFIX.length), r.lockedUntil as Date]));
  }

  /**
   * An administrator lifts a lock in force, inside the caller's transaction: the failures that caused it are
   * forgotten with it, so the owner starts afresh (the free attempts, then the waits). Answers the state that
   * was lifted, or undefined when the account was not locked (never locked, or the lock has run out).
   */
  async unlock(manager: EntityManager, accountId: string): Promise<LoginAttempts | undefined> {
    const repo = manager.getRepository(LoginAttempts);
    // Locked like an attempt locks it: an attempt in flight finishes first, and its failure is lifted too.
    const state = await repo
      .createQueryBuilder('a')
      .setLock('pessimistic_write')
      .where('a.subject = :subject', { subject: accountSubject(accountId) })
      .getOne();
    if (!state?.lockedUntil || state.lockedUntil <= this.clock.now()) return undefined;
    await repo.delete({ subject: state.subject });
    return state;
  }
}
