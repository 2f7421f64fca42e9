import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { bilingual, Problems } from '@ocop/contracts';
import { randomUUID } from 'node:crypto';
import { DataSource, IsNull } from 'typeorm';
import { Account } from '../accounts/account.entity';
import { AccountsService } from '../accounts/accounts.service';
import { AuditTrail } from '../audit/audit-trail.service';
import { Clock } from '../common/clock';
import { newSecret, secretHash } from '../common/secrets';
import { AuthProblems } from '../auth/auth.problems';
import { ApiKey } from './api-key.entity';
import { ApiKeyView, CreatedApiKey } from './api-key.dto';

/** Recognisable in logs and by secret scanners. */
const KEY_PREFIX = 'ocop_ak_';
const SHOWN_PREFIX_LENGTH = KEY_PREFIX.length + 4;
/**
 * Keys in force per account: a shop has a key per till or system, a handful. The cap keeps a leaked session (or a
 * script gone wrong) from minting keys without end; a revoked key frees its place.
 */
export const MAX_ACTIVE_API_KEYS = 20;

const viewOf = (key: ApiKey): ApiKeyView => ({
  id: key.id,
  name: key.name,
  prefix: key.prefix,
  createdAt: key.createdAt.toISOString(),
  ...(key.lastUsedAt ? { lastUsedAt: key.lastUsedAt.toISOString() } : {}),
  ...(key.revokedAt ? { revokedAt: key.revokedAt.toISOString() } : {}),
});

/**
 * API keys let a retailer's systems (POS, shop backends) act without a person. A key is only ever exchanged
 * for an access token at identity, so every other service verifies JWTs and nothing else.
 */
@Injectable()
export class ApiKeysService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly accounts: AccountsService,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  async create(accountId: string, name: string, actorId: string): Promise<CreatedApiKey> {
    const apiKey = newSecret(KEY_PREFIX);
    return this.dataSource.transaction(async (manager) => {
      // Locked, so that two creations at once cannot both pass the count below.
      const account = await manager
        .getRepository(Account)
        .findOne({ where: { id: accountId }, lock: { mode: 'pessimistic_write' } });
      if (!account) throw Problems.notFound('Account');
      if (!account.roles.includes('retailer')) {
        throw Problems.conflict('not-a-retailer', 'API keys are for retailer accounts only.');
      }
      const active = await manager.getRepository(ApiKey).countBy({ accountId, revokedAt: IsNull() });
      if (active >= MAX_ACTIVE_API_KEYS) {
        throw Problems.conflict(
          'too-many-api-keys',
          bilingual(
            `Mỗi tài khoản có tối đa ${MAX_ACTIVE_API_KEYS} khóa API đang dùng: hãy thu hồi khóa không còn dùng`,
            `An account has at most ${MAX_ACTIVE_API_KEYS} API keys in force: revoke one that is no longer used`,
          ),
        );
      }
      const key = Object.assign(new ApiKey(), {
        id: randomUUID(),
        accountId,
        name: name.trim(),
        keyHash: secretHash(apiKey),
        prefix: apiKey.slice(0, SHOWN_PREFIX_LENGTH),
        createdAt: this.clock.now(),
        createdBy: actorId,
        lastUsedAt: null,
        revokedAt: null,
      } satisfies ApiKey);
      await manager.getRepository(ApiKey).insert(key);
      await this.audit.record(manager, {
        actorId,
        action: 'api-key.created',
        targetType: 'api-key',
        targetId: key.id,
        details: { accountId, name: key.name, prefix: key.prefix },
      });
      return { ...viewOf(key), apiKey };
    });
  }

  async list(accountId: string): Promise<ApiKeyView[]> {
    if (!(await this.accounts.findById(accountId))) throw Problems.notFound('Account');
    const keys = await this.dataSource
      .getRepository(ApiKey)
      .find({ where: { accountId }, order: { createdAt: 'DESC' } });
    return keys.map(viewOf);
  }

  /** Idempotent: revoking a revoked key changes nothing and records nothing. */
  async revoke(accountId: string, keyId: string, actorId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const revoked = await manager
        .getRepository(ApiKey)
        .update({ id: keyId, accountId, revokedAt: IsNull() }, { revokedAt: this.clock.now() });
      if (!revoked.affected) {
        if (!(await manager.getRepository(ApiKey).existsBy({ id: keyId, accountId })))
          throw Problems.notFound('API key');
        return;
      }
      await this.audit.record(manager, {
        actorId,
        action: 'api-key.revoked',
        targetType: 'api-key',
        targetId: keyId,
        details: { accountId },
      });
    });
  }

  /** The account a presented key acts for; 401 for unknown or revoked keys, 403 for a disabled account. */
  async authenticate(apiKey: string): Promise<Account> {
    const key = await this.dataSource
      .getRepository(ApiKey)
      .findOneBy({ keyHash: secretHash(apiKey), revokedAt: IsNull() });
    if (!key) throw AuthProblems.invalidApiKey();
    const account = await this.accounts.findById(key.accountId);
    if (!account || !account.roles.includes('retailer')) throw AuthProblems.invalidApiKey();
    if (account.status === 'disabled') throw AuthProblems.accountDisabled();
    await this.dataSource.getRepository(ApiKey).update({ id: key.id }, { lastUsedAt: this.clock.now() });
    return account;
  }
}
