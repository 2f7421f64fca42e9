import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import { Clock, secondsFrom } from '../common/clock';
import { newSecret, secretHash } from '../common/secrets';
import { IdentityConfig } from '../config';
import { AuthProblems } from './auth.problems';
import { RefreshToken, RefreshTokenFamily } from './refresh-token.entity';

export type FamilyRevocation =
  | 'logout'
  | 'logout-everywhere'
  | 'reuse-detected'
  | 'account-disabled'
  | 'password-changed'
  | 'password-reset';

type Exchange =
  | { outcome: 'rotated'; accountId: string; refreshToken: string }
  | { outcome: 'reused' | 'expired' | 'revoked' };

/**
 * Opaque refresh tokens in families (one family per login). Each exchange rotates: the presented token is
 * marked used and a new one joins the family. A used token presented again means two parties hold the chain
 * (the owner and a thief), and nobody can tell which is which, so the whole family is revoked.
 */
@Injectable()
export class RefreshTokens {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly config: IdentityConfig,
  ) {}

  /** A new family for a new login (inside the caller's transaction when it gives one). */
  async startFamily(accountId: string, within?: EntityManager): Promise<string> {
    const start = async (manager: EntityManager) => {
      const familyId = randomUUID();
      await manager.getRepository(RefreshTokenFamily).insert({
        id: familyId,
        accountId,
        createdAt: this.clock.now(),
        revokedAt: null,
        revokedReason: null,
      });
      return this.addToFamily(manager, familyId);
    };
    return within ? start(within) : this.dataSource.transaction(start);
  }

  /**
   * Swaps a refresh token for its successor and says whose it is. Expiry is sliding: each successor lives
   * REFRESH_TOKEN_TTL_SECONDS from its own issue. A disabled account's families were revoked when it was
   * disabled, so they end here as revoked.
   */
  async exchange(token: string): Promise<{ accountId: string; refreshToken: string }> {
    const result = await this.dataSource.transaction(async (manager): Promise<Exchange | undefined> => {
      // Locking the token row makes two simultaneous exchanges of one token a reuse, not two successors.
      const presented = await manager
        .getRepository(RefreshToken)
        .createQueryBuilder('t')
        .setLock('pessimistic_write')
        .where('t.token_hash = :hash', { hash: secretHash(token) })
        .getOne();
      if (!presented) return undefined;
      const family = await manager
        .getRepository(RefreshTokenFamily)
        .findOneByOrFail({ id: presented.familyId });
      if (family.revokedAt) return { outcome: 'revoked' };
      const now = this.clock.now();
      if (presented.usedAt) {
        await this.revoke(manager, [family.id], 'reuse-detected');
        return { outcome: 'reused' };
      }
      if (presented.expiresAt <= now) return { outcome: 'expired' };
      await manager.getRepository(RefreshToken).update({ id: presented.id }, { usedAt: now });
      return {
        outcome: 'rotated',
        accountId: family.accountId,
        refreshToken: await this.addToFamily(manager, family.id),
      };
    });
    // Thrown after the transaction has committed, so that a reuse's revocation sticks.
    switch (result?.outcome) {
      case 'rotated':
        return { accountId: result.accountId, refreshToken: result.refreshToken };
      case 'reused':
        throw AuthProblems.refreshTokenReused();
      case 'expired':
        throw AuthProblems.refreshTokenExpired();
      case 'revoked':
        throw AuthProblems.refreshTokenRevoked();
      default:
        throw AuthProblems.invalidRefreshToken();
    }
  }

  /** Logout: the family of this token ends. Unknown tokens are ignored, so logging out twice is harmless. */
  async revokeFamilyOf(token: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const presented = await manager.getRepository(RefreshToken).findOneBy({ tokenHash: secretHash(token) });
      if (presented) await this.revoke(manager, [presented.familyId], 'logout');
    });
  }

  /** "Sign out everywhere": every session of the account ends (the portal's gateway asks for it). */
  async revokeAllSessionsOf(accountId: string): Promise<void> {
    await this.dataSource.transaction((manager) => this.revokeAllOf(manager, accountId, 'logout-everywhere'));
  }

  /** Every session of the account ends, within the caller's transaction (disabling it, a new password). */
  async revokeAllOf(manager: EntityManager, accountId: string, reason: FamilyRevocation): Promise<void> {
    const families = await manager
      .getRepository(RefreshTokenFamily)
      .findBy({ accountId, revokedAt: IsNull() });
    await this.revoke(
      manager,
      families.map((f) => f.id),
      reason,
    );
  }

  private async revoke(manager: EntityManager, familyIds: string[], reason: FamilyRevocation): Promise<void> {
    if (familyIds.length === 0) return;
    await manager
      .getRepository(RefreshTokenFamily)
      .update(
        { id: In(familyIds), revokedAt: IsNull() },
        { revokedAt: this.clock.now(), revokedReason: reason },
      );
  }

  private async addToFamily(manager: EntityManager, familyId: string): Promise<string> {
    const token = newSecret();
    const now = this.clock.now();
    await manager.getRepository(RefreshToken).insert({
      id: randomUUID(),
      familyId,
      tokenHash: secretHash(token),
      issuedAt: now,
      expiresAt: secondsFrom(now, this.config.REFRESH_TOKEN_TTL_SECONDS),
      usedAt: null,
    });
    return token;
  }
}
