import { Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Actor } from '@ocop/auth';
import { DomainError } from '@ocop/contracts';
import { createHash } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { bilingual, invalidField } from '../bilingual';

export const IDEMPOTENCY_TTL_HOURS = 24;
const KEY = /^[\x21-\x7e]{1,200}$/;
const PURGE_EVERY_MS = 60 * 60 * 1000;

export interface IdempotentResult<T> {
  body: T;
  /** True when this is the stored answer to an earlier request with the same key. */
  replayed: boolean;
}

/**
 * `Idempotency-Key` for create endpoints: the first request with a key (per actor) runs and its answer is kept for
 * 24 hours; a retry with the same key and body gets that answer again instead of a second batch, a second set
 * of serials or a second capture. The key row is inserted first, in the same transaction as the work, so that a
 * concurrent retry waits on its row lock and then replays; a failed request stores nothing.
 */
@Injectable()
export class IdempotencyService implements OnModuleInit, OnModuleDestroy {
  private purgeTimer?: NodeJS.Timeout;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  onModuleInit(): void {
    this.purgeTimer = setInterval(() => void this.purgeExpired().catch(() => undefined), PURGE_EVERY_MS);
    this.purgeTimer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.purgeTimer);
  }

  async run<T>(
    actor: Actor,
    key: string | undefined,
    operation: string,
    request: unknown,
    work: (manager: EntityManager) => Promise<T>,
  ): Promise<IdempotentResult<T>> {
    if (key === undefined) return { body: await this.dataSource.transaction(work), replayed: false };
    if (!KEY.test(key)) {
      throw invalidField(
        'Idempotency-Key',
        bilingual(
          '1–200 ký tự ASCII in được, không có dấu cách',
          '1–200 printable ASCII characters, no spaces',
        ),
      );
    }
    const fingerprint = createHash('sha256')
      .update(operation)
      .update('\n')
      .update(JSON.stringify(request))
      .digest('hex');
    return this.dataSource.transaction(async (manager) => {
      const claimed: unknown[] = await manager.query(
        `INSERT INTO idempotency_keys (actor_id, key, operation, fingerprint, created_at, expires_at)
         VALUES ($1, $2, $3, $4, now(), now() + make_interval(hours => $5))
         ON CONFLICT (actor_id, key) DO UPDATE
           SET operation = EXCLUDED.operation, fingerprint = EXCLUDED.fingerprint, response = NULL,
               created_at = EXCLUDED.created_at, expires_at = EXCLUDED.expires_at
           WHERE idempotency_keys.expires_at <= now()
         RETURNING key`,
        [actor.accountId, key, operation, fingerprint, IDEMPOTENCY_TTL_HOURS],
      );
      if (!claimed.length) return this.replay<T>(manager, actor, key, fingerprint);
      const body = await work(manager);
      await manager.query(`UPDATE idempotency_keys SET response = $3 WHERE actor_id = $1 AND key = $2`, [
        actor.accountId,
        key,
        JSON.stringify(body),
      ]);
      return { body, replayed: false };
    });
  }

  private async replay<T>(
    manager: EntityManager,
    actor: Actor,
    key: string,
    fingerprint: string,
  ): Promise<IdempotentResult<T>> {
    const [row] = (await manager.query(
      `SELECT fingerprint, response FROM idempotency_keys WHERE actor_id = $1 AND key = $2`,
      [actor.accountId, key],
    )) as { fingerprint: string; response: T }[];
    if (row?.fingerprint !== fingerprint) {
      const message = bilingual('đã dùng cho yêu cầu khác', 'already used for another request');
      throw new DomainError(
        'idempotency-key-reused',
        422,
        bilingual(
          'Khóa Idempotency-Key đã dùng cho yêu cầu khác',
          'Idempotency-Key already used for another request',
        ),
        bilingual('Mỗi yêu cầu tạo mới cần một khóa riêng', 'Use a new key for each distinct create request'),
        { errors: [{ field: 'Idempotency-Key', message }] },
      );
    }
    return { body: row.response, replayed: true };
  }

  async purgeExpired(): Promise<void> {
    await this.dataSource.query(`DELETE FROM idempotency_keys WHERE expires_at <= now()`);
  }
}
