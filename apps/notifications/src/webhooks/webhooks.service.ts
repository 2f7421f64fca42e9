import { Injectable } from '@nestjs/common';
import { Actor } from '@ocop/auth';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock';
import { decodeTimeIdCursor, Page, PageQuery, timeIdKey, toPage } from '@ocop/service-kit';
import { NotificationProblems } from '../common/problems';
import { NotificationsConfig } from '../config';
import { ExecutionLog } from '../execution-log/execution-log';
import { DISPATCH_CHANNEL } from '../planning/channels';
import { checkWebhookUrl, UrlProblem } from './url-guard';
import { generateSecret } from './signature';
import { CreateSubscriptionDto, UpdateSubscriptionDto } from './webhook.dto';

interface SubscriptionRow {
  id: string;
  owner_id: string;
  url: string;
  event_types: string[];
  description: string | null;
  status: 'active' | 'disabled';
  consecutive_failures: number;
  disabled_reason: string | null;
  disabled_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export interface SubscriptionView {
  id: string;
  ownerId: string;
  url: string;
  eventTypes: string[];
  description: string | null;
  status: 'active' | 'disabled';
  consecutiveFailures: number;
  disabledReason: string | null;
  disabledAt: string | null;
  createdAt: string;
  updatedAt: string;
}

const COLUMNS = `id, owner_id, url, event_types, description, status, consecutive_failures, disabled_reason,
  disabled_at, created_at, updated_at`;

const view = (r: SubscriptionRow): SubscriptionView => ({
  id: r.id,
  ownerId: r.owner_id,
  url: r.url,
  eventTypes: r.event_types,
  description: r.description,
  status: r.status,
  consecutiveFailures: r.consecutive_failures,
  disabledReason: r.disabled_reason,
  disabledAt: r.disabled_at?.toISOString() ?? null,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
});

interface DeliveryRow {
  id: string;
  event_id: string;
  event_type: string;
  status: string;
  attempts: number;
  next_attempt_at: Date;
  last_error: string | null;
  last_status: number | null;
  created_at: Date;
  sent_at: Date | null;
}

const deliveryView = (r: DeliveryRow) => ({
  id: r.id,
  eventId: r.event_id,
  eventType: r.event_type,
  status: r.status,
  attempts: r.attempts,
  nextAttemptAt: r.status === 'pending' ? r.next_attempt_at.toISOString() : null,
  lastError: r.last_error,
  lastStatus: r.last_status,
  createdAt: r.created_at.toISOString(),
  sentAt: r.sent_at?.toISOString() ?? null,
});

const URL_MESSAGES: Record<UrlProblem, [string, string]> = {
  'not-a-url': ['không phải địa chỉ URL', 'is not a URL'],
  'not-http': ['phải là địa chỉ http hoặc https', 'must be an http or https URL'],
  credentials: ['không được chứa tên đăng nhập hay mật khẩu', 'must not carry a user name or password'],
  'private-address': [
    'không được trỏ tới địa chỉ nội bộ (localhost, mạng riêng)',
    'must not point at a private address (localhost, private networks)',
  ],
};

/**
 * Webhook subscriptions of retailers' (and admins') systems. A subscription belongs to whoever created it; an
 * admin sees and manages all. Someone else's subscription is "not found", whether or not it exists.
 */
@Injectable()
export class WebhooksService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly config: NotificationsConfig,
    private readonly log: ExecutionLog,
  ) {}

  async create(actor: Actor, dto: CreateSubscriptionDto): Promise<SubscriptionView & { secret: string }> {
    this.checkUrl(dto.url);
    const secret = dto.secret ?? generateSecret();
    const now = this.clock.now();
    const [row]: SubscriptionRow[] = await this.dataSource.query(
      `INSERT INTO webhook_subscriptions (id, owner_id, url, event_types, description, secret, status, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, 'active', $7, $7) RETURNING ${COLUMNS}`,
      [
        randomUUID(),
        actor.accountId,
        dto.url,
        [...new Set(dto.eventTypes)],
        dto.description ?? null,
        secret,
        now,
      ],
    );
    // The only time the secret is shown: afterwards it signs deliveries and is never returned.
    return { ...view(row), secret };
  }

  async list(actor: Actor, query: PageQuery): Promise<Page<SubscriptionView>> {
    const params: unknown[] = [query.limit + 1];
    const where: string[] = [];
    if (!isAdmin(actor)) {
      params.push(actor.accountId);
      where.push(`owner_id = $${params.length}`);
    }
    if (query.cursor) {
      const at = decodeTimeIdCursor(query.cursor, 'webhook-subscriptions');
      params.push(at.at, at.id);
      where.push(`(created_at, id) < ($${params.length - 1}, $${params.length})`);
    }
    const rows: SubscriptionRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM webhook_subscriptions ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY created_at DESC, id DESC LIMIT $1`,
      params,
    );
    return toPage(rows, query.limit, 'webhook-subscriptions', (r) => timeIdKey(r.created_at, r.id), view);
  }

  async get(actor: Actor, id: string): Promise<SubscriptionView> {
    return view(await this.owned(actor, id));
  }

  async update(actor: Actor, id: string, dto: UpdateSubscriptionDto): Promise<SubscriptionView> {
    await this.owned(actor, id);
    if (dto.url !== undefined) this.checkUrl(dto.url);
    const now = this.clock.now();
    const [rows] = (await this.dataSource.query(
      `UPDATE webhook_subscriptions SET
         url = COALESCE($2, url),
         event_types = COALESCE($3, event_types),
         description = COALESCE($4, description),
         status = COALESCE($5, status),
         consecutive_failures = CASE WHEN $5 = 'active' THEN 0 ELSE consecutive_failures END,
         disabled_reason = CASE WHEN $5 = 'active' THEN NULL WHEN $5 = 'disabled' THEN 'disabled by its owner'
                           ELSE disabled_reason END,
         disabled_at = CASE WHEN $5 = 'active' THEN NULL WHEN $5 = 'disabled' THEN $6 ELSE disabled_at END,
         updated_at = $6
       WHERE id = $1 RETURNING ${COLUMNS}`,
      [
        id,
        dto.url ?? null,
        dto.eventTypes ? [...new Set(dto.eventTypes)] : null,
        dto.description ?? null,
        dto.status ?? null,
        now,
      ],
    )) as [SubscriptionRow[], number];
    return view(rows[0]);
  }

  async remove(actor: Actor, id: string): Promise<void> {
    await this.owned(actor, id);
    await this.dataSource.query(`DELETE FROM webhook_subscriptions WHERE id = $1`, [id]);
  }

  async deliveries(actor: Actor, id: string, query: PageQuery) {
    await this.owned(actor, id);
    const params: unknown[] = [id, query.limit + 1];
    let where = 'subscription_id = $1';
    if (query.cursor) {
      const at = decodeTimeIdCursor(query.cursor, 'webhook-deliveries');
      params.push(at.at, at.id);
      where += ` AND (created_at, id) < ($3, $4)`;
    }
    const rows: DeliveryRow[] = await this.dataSource.query(
      `SELECT id, event_id, event_type, status, attempts, next_attempt_at, last_error, last_status, created_at, sent_at
         FROM deliveries WHERE ${where} ORDER BY created_at DESC, id DESC LIMIT $2`,
      params,
    );
    return toPage(
      rows,
      query.limit,
      'webhook-deliveries',
      (r) => timeIdKey(r.created_at, r.id),
      deliveryView,
    );
  }

  /** Sends a delivery again, with its original body and id (receivers dedup on X-OCOP-Delivery-Id if they must). */
  async replay(actor: Actor, id: string, deliveryId: string) {
    const subscription = await this.owned(actor, id);
    if (subscription.status !== 'active')
      throw NotificationProblems.conflict(
        'subscription-disabled',
        'Đăng ký webhook đang tắt; hãy bật lại trước khi gửi lại',
        'The subscription is disabled; re-enable it before replaying',
      );
    const now = this.clock.now();
    const [rows] = (await this.dataSource.query(
      `UPDATE deliveries SET status = 'pending', attempts = 0, next_attempt_at = $3, lease_until = NULL, updated_at = $3
        WHERE id = $1 AND subscription_id = $2 AND status IN ('sent', 'failed', 'cancelled')
        RETURNING id, event_id, event_type, status, attempts, next_attempt_at, last_error, last_status, created_at, sent_at,
                  workflow`,
      [deliveryId, id, now],
    )) as [(DeliveryRow & { workflow: string })[], number];
    if (!rows.length) {
      const [exists] = await this.dataSource.query(
        `SELECT status FROM deliveries WHERE id = $1 AND subscription_id = $2`,
        [deliveryId, id],
      );
      if (!exists) throw NotificationProblems.notFound('lần gửi', 'Delivery');
      throw NotificationProblems.conflict(
        'delivery-in-progress',
        'Lần gửi này đang chờ gửi; không cần gửi lại',
        'This delivery is still being sent; no replay needed',
      );
    }
    const [row] = rows;
    await this.log.record({
      eventId: row.event_id,
      eventType: row.event_type,
      workflow: row.workflow,
      deliveryId,
      step: 'replay',
      outcome: 'ok',
      detail: `replay requested by ${actor.accountId}`,
    });
    await this.dataSource.query(`SELECT pg_notify($1, '')`, [DISPATCH_CHANNEL]);
    return deliveryView(row);
  }

  private async owned(actor: Actor, id: string): Promise<SubscriptionRow> {
    const [row]: SubscriptionRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM webhook_subscriptions WHERE id = $1`,
      [id],
    );
    if (!row || (!isAdmin(actor) && row.owner_id !== actor.accountId))
      throw NotificationProblems.notFound('đăng ký webhook', 'Webhook subscription');
    return row;
  }

  private checkUrl(url: string): void {
    const problem = checkWebhookUrl(url, this.config.WEBHOOK_ALLOW_PRIVATE_URLS);
    if (problem) {
      const [vi, en] = URL_MESSAGES[problem];
      throw NotificationProblems.unprocessable(`webhook-url-${problem}`, `URL ${vi}`, `The URL ${en}`);
    }
  }
}

const isAdmin = (actor: Actor) => actor.roles.includes('admin');
