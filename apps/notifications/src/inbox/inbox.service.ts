import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock';
import { decodeTimeIdCursor, Page, timeIdKey, toPage } from '@ocop/service-kit';
import { NotificationProblems } from '../common/problems';

export interface InboxItemView {
  id: string;
  workflow: string;
  critical: boolean;
  title: string;
  body: string;
  data: unknown;
  createdAt: string;
  readAt: string | null;
}

interface ItemRow {
  id: string;
  workflow: string;
  critical: boolean;
  title: string;
  body: string;
  data: unknown;
  created_at: Date;
  read_at: Date | null;
}

const COLUMNS = 'id, workflow, critical, title, body, data, created_at, read_at';

export const toView = (r: ItemRow): InboxItemView => ({
  id: r.id,
  workflow: r.workflow,
  critical: r.critical,
  title: r.title,
  body: r.body,
  data: r.data,
  createdAt: r.created_at.toISOString(),
  readAt: r.read_at?.toISOString() ?? null,
});

/** An account's in-app inbox. Every query is keyed by the caller's account: nobody reads another's items. */
@Injectable()
export class InboxService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async list(
    accountId: string,
    query: { cursor?: string; limit: number; unread?: boolean },
  ): Promise<Page<InboxItemView> & { unread: number }> {
    const params: unknown[] = [accountId, query.limit + 1];
    let where = 'account_id = $1';
    if (query.unread) where += ' AND read_at IS NULL';
    if (query.cursor) {
      const at = decodeTimeIdCursor(query.cursor, 'inbox');
      params.push(at.at, at.id);
      where += ` AND (created_at, id) < ($3, $4)`;
    }
    const rows: ItemRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM inbox_items WHERE ${where} ORDER BY created_at DESC, id DESC LIMIT $2`,
      params,
    );
    const page = toPage(rows, query.limit, 'inbox', (r) => timeIdKey(r.created_at, r.id), toView);
    return { ...page, unread: await this.unreadCount(accountId) };
  }

  async unreadCount(accountId: string): Promise<number> {
    const [row]: { n: number }[] = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM inbox_items WHERE account_id = $1 AND read_at IS NULL`,
      [accountId],
    );
    return row.n;
  }

  /** Another account's item is "not found", not "forbidden": its existence is not ours to reveal. */
  async markRead(accountId: string, itemId: string): Promise<InboxItemView> {
    const [rows] = (await this.dataSource.query(
      `UPDATE inbox_items SET read_at = COALESCE(read_at, $3) WHERE id = $1 AND account_id = $2 RETURNING ${COLUMNS}`,
      [itemId, accountId, this.clock.now()],
    )) as [ItemRow[], number];
    if (!rows.length) throw NotificationProblems.notFound('thông báo', 'Notice');
    return toView(rows[0]);
  }

  async markAllRead(accountId: string): Promise<{ updated: number }> {
    const [, updated] = (await this.dataSource.query(
      `UPDATE inbox_items SET read_at = $2 WHERE account_id = $1 AND read_at IS NULL`,
      [accountId, this.clock.now()],
    )) as [unknown, number];
    return { updated };
  }

  async item(itemId: string): Promise<(InboxItemView & { accountId: string }) | undefined> {
    const [row]: (ItemRow & { account_id: string })[] = await this.dataSource.query(
      `SELECT ${COLUMNS}, account_id FROM inbox_items WHERE id = $1`,
      [itemId],
    );
    return row ? { ...toView(row), accountId: row.account_id } : undefined;
  }

  /** Items created after the one a reconnecting stream saw last (Last-Event-ID), oldest first. */
  async since(accountId: string, lastItemId: string, limit = 100): Promise<InboxItemView[]> {
    const rows: ItemRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM inbox_items i
        WHERE account_id = $1 AND (created_at, id) > (SELECT created_at, id FROM inbox_items WHERE id = $2 AND account_id = $1)
        ORDER BY created_at, id LIMIT $3`,
      [accountId, lastItemId, limit],
    );
    return rows.map(toView);
  }
}
