import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { currentContext, decodeTimeIdCursor, Page, timeIdKey, toPage } from '@ocop/service-kit';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, In } from 'typeorm';
import { Account } from '../accounts/account.entity';
import { Clock } from '../common/clock';
import { AuditEntry } from './audit-entry.entity';

export interface AuditRecord {
  /** Null when the system acts by itself. */
  actorId: string | null;
  /** `<target>.<past-tense verb>`: account.created, account.roles-changed, api-key.revoked, … */
  action: string;
  targetType: 'account' | 'api-key' | 'signing-key' | 'producer';
  targetId: string;
  details?: Record<string, unknown>;
}

export interface AuditQuery {
  cursor?: string;
  limit: number;
  targetId?: string;
  actorId?: string;
  action?: string;
}

export interface AuditEntryView {
  id: string;
  at: string;
  actorId: string | null;
  action: string;
  targetType: string;
  targetId: string;
  details: Record<string, unknown>;
  correlationId: string | null;
  /** The actor's name as it is now, so that a person reads who did it. */
  actorName?: string;
  /** The account the entry is about: its target, or the account of the API key it names. */
  accountId?: string;
  accountName?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The account an entry concerns, when it concerns one. */
function accountOf(e: AuditEntry): string | undefined {
  const id = e.targetType === 'account' ? e.targetId : e.details['accountId'];
  return typeof id === 'string' && UUID.test(id) ? id : undefined;
}

/** The record of who did what. Written in the transaction of the change it describes, so neither exists alone. */
@Injectable()
export class AuditTrail {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async record(manager: EntityManager, record: AuditRecord): Promise<void> {
    // Plain SQL: TypeORM's insert typing cannot take free-form JSON (Record<string, unknown>) as a column value.
    await manager.query(
      `INSERT INTO audit_entries (id, at, actor_id, action, target_type, target_id, details, correlation_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        randomUUID(),
        this.clock.now(),
        record.actorId,
        record.action,
        record.targetType,
        record.targetId,
        JSON.stringify(record.details ?? {}),
        currentContext()?.correlationId ?? null,
      ],
    );
  }

  async list(query: AuditQuery): Promise<Page<AuditEntryView>> {
    const qb = this.dataSource.getRepository(AuditEntry).createQueryBuilder('e');
    if (query.targetId) qb.andWhere('e.target_id = :targetId', { targetId: query.targetId });
    if (query.actorId) qb.andWhere('e.actor_id = :actorId', { actorId: query.actorId });
    if (query.action) qb.andWhere('e.action = :action', { action: query.action });
    if (query.cursor) {
      const after = decodeTimeIdCursor(query.cursor, 'audit');
      qb.andWhere('(e.at, e.id) < (:at, :id)', { at: after.at, id: after.id });
    }
    const rows = await qb
      .orderBy('e.at', 'DESC')
      .addOrderBy('e.id', 'DESC')
      .take(query.limit + 1)
      .getMany();
    const names = await this.namesOf(rows.flatMap((e) => [e.actorId ?? [], accountOf(e) ?? []].flat()));
    return toPage(
      rows,
      query.limit,
      'audit',
      (e) => timeIdKey(e.at, e.id),
      (e) => {
        const accountId = accountOf(e);
        const actorName = e.actorId ? names.get(e.actorId) : undefined;
        const accountName = accountId ? names.get(accountId) : undefined;
        return {
          id: e.id,
          at: e.at.toISOString(),
          actorId: e.actorId,
          action: e.action,
          targetType: e.targetType,
          targetId: e.targetId,
          details: e.details,
          correlationId: e.correlationId,
          ...(actorName ? { actorName } : {}),
          ...(accountId ? { accountId } : {}),
          ...(accountName ? { accountName } : {}),
        };
      },
    );
  }

  /** Display names of the accounts a page names, in one query. */
  private async namesOf(ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const accounts = await this.dataSource
      .getRepository(Account)
      .find({ select: { id: true, displayName: true }, where: { id: In([...new Set(ids)]) } });
    return new Map(accounts.map((a) => [a.id, a.displayName]));
  }
}
