import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import { PgListener } from '../common/pg-listener';
import { NotificationsConfig } from '../config';
import { EmailSender } from '../email/email-sender';
import { ExecutionLog } from '../execution-log/execution-log';
import { DISPATCH_CHANNEL } from '../planning/channels';
import { EmailPayload, WebhookPayload } from '../planning/notification-planner';
import { WebhookSender } from '../webhooks/webhook-sender';
import { workflowById } from '../workflows/workflow-registry';
import { retryDelayMs } from './backoff';

interface ClaimedDelivery {
  id: string;
  event_id: string;
  event_type: string;
  workflow: string;
  channel: 'email' | 'webhook';
  account_id: string | null;
  subscription_id: string | null;
  payload: EmailPayload | WebhookPayload;
  attempts: number;
}

interface SubscriptionRow {
  url: string;
  secret: string;
  status: 'active' | 'disabled';
}

/** Pauses between attempts to write an outcome: short at first, never longer than a second. */
const RECORD_RETRY_FIRST_MS = 100;
const RECORD_RETRY_MAX_MS = 1_000;

type Outcome =
  | { ok: true }
  | { ok: false; error: string; status?: number; final?: boolean; cancelled?: boolean };

/**
 * Sends pending deliveries. Every replica runs one; a delivery is claimed (FOR UPDATE SKIP LOCKED, status
 * "sending", attempt counted, lease set) and committed before the send, so no two replicas send it at once, and
 * the outcome is recorded after. A replica that dies mid-send leaves the row "sending": once its lease runs out
 * another replica claims it again. That repeat is the one duplicate this design allows (SMTP and HTTP cannot be
 * exactly-once); it carries the same delivery id for the receiver to drop.
 */
@Injectable()
export class Dispatcher implements BeforeApplicationShutdown {
  private readonly logger = new Logger(Dispatcher.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;
  private again = false;
  private stopped = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly config: NotificationsConfig,
    private readonly email: EmailSender,
    private readonly webhooks: WebhookSender,
    private readonly log: ExecutionLog,
    listener: PgListener,
  ) {
    listener.on(DISPATCH_CHANNEL, () => this.wake());
    listener.onConnect(() => this.wake());
  }

  /** Started by a serving process only (not by operator commands). */
  start(): void {
    this.schedule(0);
  }

  /** Before the database pool closes: sends in hand finish and record their outcome; nothing new is claimed. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** A NOTIFY said something is due: run now (or right after the pass in hand). */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.schedule(0);
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.runOnce()
        .catch((err: unknown) => this.logger.error({ err }, 'dispatch failed; will retry'))
        .finally(() => {
          const again = this.again;
          this.again = false;
          this.schedule(again ? 0 : this.config.DISPATCH_POLL_MS);
        });
    }, delayMs);
    this.timer.unref();
  }

  /** Sends everything due now; returns how many deliveries it handled. Passes of one replica never overlap. */
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
    let handled = 0;
    while (!this.stopped) {
      const { batch, leaseUntil } = await this.claim();
      if (!batch.length) break;
      await Promise.all(batch.map((d) => this.deliver(d, leaseUntil)));
      handled += batch.length;
    }
    return handled;
  }

  private async claim(): Promise<{ batch: ClaimedDelivery[]; leaseUntil: Date }> {
    const now = this.clock.now();
    const leaseUntil = new Date(now.getTime() + this.config.DELIVERY_LEASE_MS);
    const [rows] = (await this.dataSource.query(
      `UPDATE deliveries d SET status = 'sending', attempts = d.attempts + 1, lease_until = $2, updated_at = $1
        WHERE d.id IN (
          SELECT id FROM deliveries
           WHERE (status = 'pending' AND next_attempt_at <= $1) OR (status = 'sending' AND lease_until < $1)
           ORDER BY critical DESC, next_attempt_at, id
           LIMIT $3
           FOR UPDATE SKIP LOCKED)
        RETURNING d.id, d.event_id, d.event_type, d.workflow, d.channel, d.account_id, d.subscription_id, d.payload,
                  d.attempts`,
      [now, leaseUntil, this.config.DISPATCH_BATCH],
    )) as [ClaimedDelivery[], number];
    return { batch: rows, leaseUntil };
  }

  private async deliver(d: ClaimedDelivery, leaseUntil: Date): Promise<void> {
    let outcome: Outcome;
    try {
      outcome = d.channel === 'email' ? await this.sendEmail(d) : await this.sendWebhook(d);
    } catch (err) {
      // Nothing was sent (the subscription could not be read): the lease runs out and the delivery is tried again.
      this.logger.error({ err, deliveryId: d.id }, 'delivery not attempted');
      return;
    }
    await this.recordWhileLeased(d, outcome, leaseUntil);
  }

  /**
   * Writes the outcome of a send that happened, trying again while the lease lasts: a database that refuses for a
   * moment (out of connections, restarting) would otherwise leave the row "sending", and once the lease ran out
   * another pass would send the notice a second time. Gives up a pause before the lease ends; the repeat then is
   * the one duplicate the design allows (decision 0018).
   */
  private async recordWhileLeased(d: ClaimedDelivery, outcome: Outcome, leaseUntil: Date): Promise<void> {
    const leaseEndsAt = Date.now() + (leaseUntil.getTime() - this.clock.now().getTime());
    for (let attempt = 1; ; attempt++) {
      try {
        await this.record(d, outcome);
        return;
      } catch (err) {
        const pause = Math.min(RECORD_RETRY_FIRST_MS * 2 ** (attempt - 1), RECORD_RETRY_MAX_MS);
        if (Date.now() + 2 * pause >= leaseEndsAt) {
          this.logger.error({ err, deliveryId: d.id, attempt }, 'delivery outcome not recorded');
          return;
        }
        this.logger.warn(
          { err, deliveryId: d.id, attempt },
          'delivery outcome not recorded yet; trying again',
        );
        await sleep(pause);
      }
    }
  }

  private async sendEmail(d: ClaimedDelivery): Promise<Outcome> {
    try {
      await this.email.send(d.id, d.payload as EmailPayload);
      return { ok: true };
    } catch (err) {
      const e = err as { message: string; responseCode?: number };
      // A 5xx answer to a mail is permanent (no such mailbox): retrying the same text will not help.
      const permanent = typeof e.responseCode === 'number' && e.responseCode >= 500;
      return { ok: false, error: e.message, status: e.responseCode, final: permanent };
    }
  }

  private async sendWebhook(d: ClaimedDelivery): Promise<Outcome> {
    const [subscription]: SubscriptionRow[] = await this.dataSource.query(
      `SELECT url, secret, status FROM webhook_subscriptions WHERE id = $1`,
      [d.subscription_id],
    );
    if (!subscription || subscription.status !== 'active') {
      return { ok: false, error: 'subscription disabled or deleted', final: true, cancelled: true };
    }
    const result = await this.webhooks.send({
      deliveryId: d.id,
      eventId: d.event_id,
      eventType: d.event_type,
      attempt: d.attempts,
      url: subscription.url,
      secret: subscription.secret,
      body: (d.payload as WebhookPayload).body,
      nowSeconds: Math.floor(this.clock.now().getTime() / 1000),
    });
    return result.ok ? { ok: true } : { ok: false, error: result.error ?? 'failed', status: result.status };
  }

  /** Writes the outcome, unless the lease was lost meanwhile (another replica owns the row now). */
  private async record(d: ClaimedDelivery, outcome: Outcome): Promise<void> {
    const now = this.clock.now();
    const base = {
      eventId: d.event_id,
      eventType: d.event_type,
      workflow: d.workflow,
      deliveryId: d.id,
      accountId: d.account_id ?? undefined,
      step: `send-${d.channel}`,
    };
    await this.dataSource.transaction(async (manager) => {
      const mine = `id = $1 AND status = 'sending' AND attempts = $2`;
      if (outcome.ok) {
        const [, n] = (await manager.query(
          `UPDATE deliveries SET status = 'sent', sent_at = $3, updated_at = $3, lease_until = NULL,
             last_error = NULL, last_status = NULL WHERE ${mine}`,
          [d.id, d.attempts, now],
        )) as [unknown, number];
        if (!n) return;
        await this.forgetAccountMailBody(manager, d);
        await this.log.record({ ...base, outcome: 'ok', detail: `attempt ${d.attempts}` }, manager);
        if (d.subscription_id)
          await manager.query(`UPDATE webhook_subscriptions SET consecutive_failures = 0 WHERE id = $1`, [
            d.subscription_id,
          ]);
        return;
      }
      const max = d.channel === 'email' ? this.config.EMAIL_MAX_ATTEMPTS : this.config.WEBHOOK_MAX_ATTEMPTS;
      let final = outcome.final === true || d.attempts >= max;
      let disabled = false;
      if (d.subscription_id && !outcome.final) {
        const [[sub]] = (await manager.query(
          `UPDATE webhook_subscriptions SET consecutive_failures = consecutive_failures + 1, updated_at = $2
            WHERE id = $1 RETURNING consecutive_failures`,
          [d.subscription_id, now],
        )) as [{ consecutive_failures: number }[], number];
        if (sub && sub.consecutive_failures >= this.config.WEBHOOK_DISABLE_AFTER) {
          disabled = true;
          final = true;
          await manager.query(
            `UPDATE webhook_subscriptions SET status = 'disabled', disabled_at = $2, updated_at = $2,
               disabled_reason = $3 WHERE id = $1 AND status = 'active'`,
            [
              d.subscription_id,
              now,
              `${sub.consecutive_failures} consecutive failed deliveries; last: ${outcome.error}`,
            ],
          );
        }
      }
      const nextAt = new Date(
        now.getTime() + retryDelayMs(d.attempts, this.config.RETRY_BASE_MS, this.config.RETRY_MAX_MS),
      );
      const cancelled = outcome.cancelled === true;
      const [, n] = (await manager.query(
        `UPDATE deliveries SET status = $3, next_attempt_at = $4, lease_until = NULL, last_error = $5,
           last_status = $6, updated_at = $7 WHERE ${mine}`,
        [
          d.id,
          d.attempts,
          cancelled ? 'cancelled' : final ? 'failed' : 'pending',
          final ? now : nextAt,
          outcome.error.slice(0, 2000),
          outcome.status ?? null,
          now,
        ],
      )) as [unknown, number];
      if (!n) return;
      if (final || cancelled) await this.forgetAccountMailBody(manager, d);
      await this.log.record(
        {
          ...base,
          outcome: cancelled ? 'skipped' : 'failed',
          detail: `attempt ${d.attempts}: ${outcome.error}${final ? ' (giving up)' : `; retry at ${nextAt.toISOString()}`}`,
        },
        manager,
      );
      if (disabled)
        await this.log.record(
          {
            ...base,
            step: 'disable-subscription',
            outcome: 'failed',
            detail: `subscription ${d.subscription_id} disabled`,
          },
          manager,
        );
    });
  }

  /**
   * An account mail's body holds a one-time link: once the mail is sent (or given up) the delivery keeps who it
   * went to and its subject, not the link (decision 0034).
   */
  private async forgetAccountMailBody(manager: EntityManager, d: { id: string; workflow: string }) {
    if (!workflowById(d.workflow)?.accountMail) return;
    await manager.query(
      `UPDATE deliveries SET payload = jsonb_build_object('to', payload->'to', 'subject', payload->'subject',
         'text', '', 'html', '', 'removed', 'one-time link removed after sending') WHERE id = $1`,
      [d.id],
    );
  }
}
