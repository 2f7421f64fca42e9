import { Injectable } from '@nestjs/common';
import { openAccountToken } from '@ocop/auth';
import { AccountMailV1, CloudEvent } from '@ocop/contracts';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AccountDirectory, Recipient } from '../accounts/account-directory';
import { Clock, vietnamDate } from '../common/clock';
import { NotificationsConfig } from '../config';
import { OpenedAccountMail } from '../workflows/templates/account.templates';
import { ExecutionLog } from '../execution-log/execution-log';
import { portalLink, PREFERENCES_PATH, render } from '../workflows/templates/layout';
import { AccountChannel, Workflow } from '../workflows/workflow';
import { workflowsFor } from '../workflows/workflow-registry';
import { DISPATCH_CHANNEL, INBOX_CHANNEL } from './channels';

export interface EmailPayload {
  to: string;
  subject: string;
  text: string;
  html: string;
}

export interface WebhookPayload {
  /** The exact bytes that are signed and sent: fixed at planning time, so every retry and replay is identical. */
  body: string;
}

/**
 * Turns one event into what must be sent, inside the event handler's transaction: inbox items, e-mail and webhook
 * delivery rows, digest items. The inbox makes this run once per event; the unique keys on each row make even a
 * second run (a dead-letter replay after a manual fix) add nothing. Sending is the dispatcher's job, after commit.
 */
@Injectable()
export class NotificationPlanner {
  constructor(
    private readonly accounts: AccountDirectory,
    private readonly log: ExecutionLog,
    private readonly clock: Clock,
    private readonly config: NotificationsConfig,
  ) {}

  async plan(event: CloudEvent, manager: EntityManager): Promise<void> {
    for (const workflow of workflowsFor(event.type)) await this.planWorkflow(event, workflow, manager);
  }

  private async planWorkflow(event: CloudEvent, workflow: Workflow, manager: EntityManager): Promise<void> {
    const base = { eventId: event.id, eventType: event.type, workflow: workflow.id };
    const recipients = await workflow.recipients(event, this.accounts, manager);
    await this.log.record(
      {
        ...base,
        step: 'recipients',
        outcome: recipients.length ? 'ok' : 'skipped',
        detail: `${recipients.length} accounts`,
      },
      manager,
    );
    const muted = await this.mutedChannels(manager, workflow, recipients);
    const open = workflow.portalPath ? this.portalLink(workflow.portalPath(event.data)) : undefined;
    const data = workflow.accountMail
      ? this.openAccountMail(event, workflow.accountMail.path)
      : open
        ? { ...(event.data as object), link: open }
        : event.data;
    // An account mail's footer is for people who may not have an account yet: no settings link there.
    const links = workflow.accountMail ? {} : { open, preferences: this.portalLink(PREFERENCES_PATH) };
    let deliveries = 0;
    for (const recipient of recipients) {
      const notice = render(workflow.template, recipient.language, data, links);
      for (const channel of workflow.channels) {
        const step = { ...base, accountId: recipient.accountId, step: channel };
        if (!workflow.critical && muted.has(`${recipient.accountId}:${channel}`)) {
          await this.log.record(
            { ...step, outcome: 'skipped', detail: 'turned off in preferences' },
            manager,
          );
          continue;
        }
        if (channel === 'in-app') {
          await this.addInboxItem(manager, workflow, event, recipient, notice.subject, notice.inboxText);
          await this.log.record({ ...step, outcome: 'ok' }, manager);
        } else if (!recipient.email) {
          await this.log.record(
            { ...step, outcome: 'skipped', detail: 'account has no e-mail address' },
            manager,
          );
        } else if (workflow.digest) {
          await manager.query(
            `INSERT INTO digest_items (id, account_id, workflow, event_id, day, data, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (event_id, account_id) DO NOTHING`,
            [
              randomUUID(),
              recipient.accountId,
              workflow.id,
              event.id,
              vietnamDate(this.clock.now()),
              JSON.stringify(event.data),
              this.clock.now(),
            ],
          );
          await this.log.record(
            { ...step, step: 'digest', outcome: 'ok', detail: 'queued for the daily digest' },
            manager,
          );
        } else {
          const payload: EmailPayload = { to: recipient.email, ...notice };
          const id = await this.addDelivery(manager, {
            eventId: event.id,
            eventType: event.type,
            workflow,
            channel: 'email',
            targetId: recipient.accountId,
            accountId: recipient.accountId,
            payload,
          });
          if (id) deliveries++;
          await this.log.record({ ...step, deliveryId: id, outcome: 'ok', detail: 'e-mail queued' }, manager);
        }
      }
    }
    if (workflow.webhooks) deliveries += await this.planWebhooks(manager, workflow, event);
    if (deliveries) await manager.query(`SELECT pg_notify($1, '')`, [DISPATCH_CHANNEL]);
  }

  /**
   * The token identity sealed, opened, with the link people click. A token that does not open (the two services
   * disagree on ACCOUNT_MAIL_SECRET) fails the handler: the event is retried and then dead-lettered for an
   * operator to replay once the secret is fixed, rather than a mail without its link.
   */
  private openAccountMail(event: CloudEvent, path: string): OpenedAccountMail {
    const mail = event.data as AccountMailV1;
    const token = openAccountToken(this.config.ACCOUNT_MAIL_SECRET, mail.sealedToken);
    if (!token)
      throw new Error(`event ${event.id}: the account token does not open with ACCOUNT_MAIL_SECRET`);
    const link = `${this.portalLink(path)}#token=${encodeURIComponent(token)}`;
    return { ...mail, token, link };
  }

  private portalLink(path: string): string {
    return portalLink(this.config.PORTAL_URL, path);
  }

  /** Each active subscription of this event type gets the event itself, as a CloudEvent. */
  private async planWebhooks(manager: EntityManager, workflow: Workflow, event: CloudEvent): Promise<number> {
    const subscriptions: { id: string }[] = await manager.query(
      `SELECT id FROM webhook_subscriptions WHERE status = 'active' AND $1 = ANY (event_types) ORDER BY id`,
      [event.type],
    );
    const body = JSON.stringify(event);
    let planned = 0;
    for (const s of subscriptions) {
      const id = await this.addDelivery(manager, {
        eventId: event.id,
        eventType: event.type,
        workflow,
        channel: 'webhook',
        targetId: s.id,
        subscriptionId: s.id,
        payload: { body } satisfies WebhookPayload,
      });
      if (id) planned++;
      await this.log.record(
        {
          eventId: event.id,
          eventType: event.type,
          workflow: workflow.id,
          deliveryId: id,
          step: 'webhook',
          outcome: 'ok',
          detail: `subscription ${s.id}`,
        },
        manager,
      );
    }
    return planned;
  }

  /** Channels each recipient turned off for this workflow (default: everything on). */
  private async mutedChannels(
    manager: EntityManager,
    workflow: Workflow,
    recipients: Recipient[],
  ): Promise<Set<string>> {
    if (workflow.critical || !recipients.length) return new Set();
    const rows: { account_id: string; channel: AccountChannel }[] = await manager.query(
      `SELECT account_id, channel FROM preferences WHERE workflow = $1 AND account_id = ANY ($2) AND NOT enabled`,
      [workflow.id, recipients.map((r) => r.accountId)],
    );
    return new Set(rows.map((r) => `${r.account_id}:${r.channel}`));
  }

  private async addInboxItem(
    manager: EntityManager,
    workflow: Workflow,
    event: CloudEvent,
    recipient: Recipient,
    title: string,
    body: string,
  ): Promise<void> {
    const rows: { id: string }[] = await manager.query(
      `INSERT INTO inbox_items (id, account_id, event_id, workflow, critical, title, body, data, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (event_id, account_id) DO NOTHING RETURNING id`,
      [
        randomUUID(),
        recipient.accountId,
        event.id,
        workflow.id,
        workflow.critical,
        title,
        body,
        JSON.stringify({ eventType: event.type, subject: event.subject ?? null, data: event.data }),
        this.clock.now(),
      ],
    );
    // Open streams on every replica learn of it once this transaction commits.
    if (rows.length)
      await manager.query(`SELECT pg_notify($1, $2)`, [
        INBOX_CHANNEL,
        JSON.stringify({ accountId: recipient.accountId, itemId: rows[0].id }),
      ]);
  }

  /** Inserts a pending delivery; undefined when this event already planned it for this target. */
  private async addDelivery(
    manager: EntityManager,
    d: {
      eventId: string;
      eventType: string;
      workflow: Workflow;
      channel: 'email' | 'webhook';
      targetId: string;
      accountId?: string;
      subscriptionId?: string;
      payload: EmailPayload | WebhookPayload;
    },
  ): Promise<string | undefined> {
    return insertDelivery(manager, this.clock.now(), {
      ...d,
      workflowId: d.workflow.id,
      critical: d.workflow.critical,
    });
  }
}

export interface NewDelivery {
  eventId: string;
  eventType: string;
  workflowId: string;
  channel: 'email' | 'webhook';
  targetId: string;
  accountId?: string;
  subscriptionId?: string;
  critical: boolean;
  payload: EmailPayload | WebhookPayload;
}

export async function insertDelivery(
  manager: EntityManager,
  now: Date,
  d: NewDelivery,
): Promise<string | undefined> {
  const rows: { id: string }[] = await manager.query(
    `INSERT INTO deliveries (id, event_id, event_type, workflow, channel, target_id, account_id, subscription_id,
       critical, payload, status, next_attempt_at, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'pending', $11, $11, $11)
     ON CONFLICT (event_id, target_id, channel) DO NOTHING RETURNING id`,
    [
      randomUUID(),
      d.eventId,
      d.eventType,
      d.workflowId,
      d.channel,
      d.targetId,
      d.accountId ?? null,
      d.subscriptionId ?? null,
      d.critical,
      JSON.stringify(d.payload),
      now,
    ],
  );
  return rows[0]?.id;
}
