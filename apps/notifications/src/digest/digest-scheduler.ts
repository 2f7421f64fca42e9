import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { Language, ScanSuspiciousV1 } from '@ocop/contracts';
import { DataSource } from 'typeorm';
import { Clock, vietnamDate, vietnamHour } from '../common/clock';
import { NotificationsConfig } from '../config';
import { ExecutionLog } from '../execution-log/execution-log';
import { DISPATCH_CHANNEL } from '../planning/channels';
import { insertDelivery } from '../planning/notification-planner';
import { portalLink, PREFERENCES_PATH } from '../workflows/templates/layout';
import { renderScanDigest } from '../workflows/templates/scan-suspicious.template';
import { workflowById } from '../workflows/workflow-registry';

const BATCH = 500;

interface OpenItem {
  id: string;
  account_id: string;
  workflow: string;
  day: string;
  data: ScanSuspiciousV1;
  email: string | null;
  language: Language;
}

/**
 * Sends each account one digest mail per day for chatty workflows (suspicious scans): every replica polls; the
 * items of past days are claimed (FOR UPDATE SKIP LOCKED), turned into one e-mail delivery per account, workflow
 * and day, and marked in the same transaction. The delivery's unique key (`digest:<workflow>:<day>`, account,
 * email) makes a second run for the same day add nothing, so each digest goes once across replicas and restarts.
 */
@Injectable()
export class DigestScheduler implements BeforeApplicationShutdown {
  private readonly logger = new Logger(DigestScheduler.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;
  private stopped = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly config: NotificationsConfig,
    private readonly log: ExecutionLog,
  ) {}

  start(): void {
    this.schedule(0);
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running?.catch(() => undefined);
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.runOnce()
        .catch((err: unknown) => this.logger.error({ err }, 'digests failed; will retry'))
        .finally(() => this.schedule(this.config.DIGEST_POLL_MS));
    }, delayMs);
    this.timer.unref();
  }

  /** Plans the digests that are due; returns how many. Passes of one replica run one after another. */
  runOnce(): Promise<number> {
    const pass = (this.running ?? Promise.resolve(0)).catch(() => 0).then(() => this.drain());
    this.running = pass;
    const settled = () => {
      if (this.running === pass) this.running = undefined;
    };
    pass.then(settled, settled);
    return pass;
  }

  private async drain(): Promise<number> {
    const now = this.clock.now();
    // Yesterday's digest goes out from the configured hour of today, not at midnight.
    if (vietnamHour(now) < this.config.DIGEST_SEND_HOUR) return 0;
    const today = vietnamDate(now);
    let planned = 0;
    for (;;) {
      const { digests, items } = await this.planBatch(today);
      planned += digests;
      if (items < BATCH) return planned;
    }
  }

  private planBatch(today: string): Promise<{ digests: number; items: number }> {
    const now = this.clock.now();
    return this.dataSource.transaction(async (manager) => {
      const items: OpenItem[] = await manager.query(
        `SELECT i.id, i.account_id, i.workflow, to_char(i.day, 'YYYY-MM-DD') AS day, i.data, a.email, a.language
           FROM digest_items i JOIN account_views a ON a.id = i.account_id
          WHERE i.delivery_id IS NULL AND i.day < $1
          ORDER BY i.account_id, i.workflow, i.day, i.created_at
          LIMIT ${BATCH}
          FOR UPDATE OF i SKIP LOCKED`,
        [today],
      );
      const groups = new Map<string, OpenItem[]>();
      for (const item of items) {
        const key = `${item.account_id}|${item.workflow}|${item.day}`;
        groups.set(key, [...(groups.get(key) ?? []), item]);
      }
      let digests = 0;
      for (const group of groups.values()) {
        const [first] = group;
        const eventId = `digest:${first.workflow}:${first.day}`;
        const workflow = workflowById(first.workflow);
        const ids = group.map((i) => i.id);
        let deliveryId: string | undefined;
        if (first.email && workflow) {
          const language: Language = first.language === 'en' ? 'en' : 'vi';
          const notice = renderScanDigest(
            language,
            first.day,
            group.map((i) => i.data),
            // The day's alerts concern several batches: the mail leads to the batches and to its settings.
            {
              open: portalLink(this.config.PORTAL_URL, '/lo-hang'),
              preferences: portalLink(this.config.PORTAL_URL, PREFERENCES_PATH),
            },
          );
          deliveryId = await insertDelivery(manager, now, {
            eventId,
            eventType: workflow.eventType,
            workflowId: workflow.id,
            channel: 'email',
            targetId: first.account_id,
            accountId: first.account_id,
            critical: false,
            payload: { to: first.email, ...notice },
          });
          if (!deliveryId) {
            // A digest of that day already went (items arriving late): they are covered by it.
            const [existing]: { id: string }[] = await manager.query(
              `SELECT id FROM deliveries WHERE event_id = $1 AND target_id = $2 AND channel = 'email'`,
              [eventId, first.account_id],
            );
            deliveryId = existing?.id;
          } else digests++;
        }
        await manager.query(`UPDATE digest_items SET delivery_id = $2 WHERE id = ANY ($1)`, [
          ids,
          deliveryId ?? '00000000-0000-0000-0000-000000000000',
        ]);
        await this.log.record(
          {
            eventId,
            workflow: first.workflow,
            deliveryId,
            accountId: first.account_id,
            step: 'digest',
            outcome: deliveryId ? 'ok' : 'skipped',
            detail: deliveryId
              ? `${group.length} items in one mail`
              : 'account has no e-mail address any more',
          },
          manager,
        );
      }
      if (digests) await manager.query(`SELECT pg_notify($1, '')`, [DISPATCH_CHANNEL]);
      return { digests, items: items.length };
    });
  }
}
