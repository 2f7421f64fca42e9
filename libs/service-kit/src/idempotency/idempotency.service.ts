import { Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { bilingual, DomainError, Problems } from '@ocop/contracts';
import { createHash } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';

export const IDEMPOTENCY_TTL_HOURS = 24;
const KEY = /^[\x21-\x7e]{1,200}$/;
const PURGE_EVERY_MS = 60 * 60 * 1000;

/** The table IdempotencyService uses, for a service's migration to create. */
export const IDEMPOTENCY_KEYS_DDL = [
  `CREATE TABLE idempotency_keys (
     actor_id    text NOT NULL,
     key         text NOT NULL,
     operation   text NOT NULL,
     fingerprint text NOT NULL,
     response    jsonb,
     created_at  timestamptz NOT NULL,
     expires_at  timestamptz NOT NULL,
     PRIMARY KEY (actor_id, key)
   )`,
  `CREATE INDEX idempotency_keys_expiry ON idempotency_keys (expires_at)`,
];

export interface IdempotentResult<T> {
  body: T;
  /** True when this is the stored answer to an earlier request with the same key. */
  replayed: boolean;
}

/**
 * `Idempotency-Key` for create endpoints: the first request with a key (per actor) runs and its answer is kept for
 * 24 hours; a retry with the same key and the same body gets that answer again instead of a second record.
 *
 * The key row is inserted first, in the same transaction as the work. A concurrent retry's insert then waits on
 * the row lock until the first commits (and replays its answer) or rolls back (and runs itself), so two racing
 * retries never both create. A failed request stores nothing, so it may be retried with the same key.
 *
 * The service's own migration creates the table (IDEMPOTENCY_KEYS_DDL).
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
    actor: { accountId: string },
    key: string | undefined,
    operation: string,
    request: unknown,
    work: (manager: EntityManager) => Promise<T>,
  ): Promise<IdempotentResult<T>> {
    if (key === undefined) return { body: await this.dataSource.transaction(work), replayed: false };
    if (!KEY.test(key)) {
      throw Problems.invalidField(
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
    actor: { accountId: string },
    key: string,
    fingerprint: string,
  ): Promise<IdempotentResult<T>> {
    const [row] = (await manager.query(
      `SELECT fingerprint, response FROM idempotency_keys WHERE actor_id = $1 AND key = $2`,
      [actor.accountId, key],
    )) as { fingerprint: string; response: T }[];
    if (row?.fingerprint !== fingerprint) {
      throw new DomainError(
        'idempotency-key-reused',
        422,
        bilingual(
          'Khóa Idempotency-Key đã dùng cho yêu cầu khác',
          'Idempotency-Key already used for another request',
        ),
        bilingual('Mỗi yêu cầu tạo mới cần một khóa riêng', 'Use a new key for each distinct create request'),
        {
          errors: [
            {
              field: 'Idempotency-Key',
              message: bilingual('đã dùng cho yêu cầu khác', 'already used for another request'),
            },
          ],
        },
      );
    }
    return { body: row.response, replayed: true };
  }

  async purgeExpired(): Promise<number> {
    const [, count] = (await this.dataSource.query(
      `DELETE FROM idempotency_keys WHERE expires_at <= now()`,
    )) as [unknown, number];
    return count;
  }
}
