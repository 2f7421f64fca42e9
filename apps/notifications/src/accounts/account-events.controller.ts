import { Controller } from '@nestjs/common';
import {
  AccountDisabledV1,
  AccountEnabledV1,
  AccountSnapshotV1,
  CloudEvent,
  IdentityEvents,
} from '@ocop/contracts';
import { EventContext, OnEvent } from '@ocop/messaging';
import { EntityManager } from 'typeorm';

/**
 * Keeps the accounts notices go to (address, language, producer, territory) from identity's events. Events carry
 * whole snapshots and may arrive out of order, so a row only ever moves forward in event time.
 */
@Controller()
export class AccountEventsController {
  @OnEvent(IdentityEvents.accountRegistered)
  registered(event: CloudEvent<AccountSnapshotV1>, ctx: EventContext) {
    return upsertAccount(ctx.manager, event.data, event.time);
  }

  @OnEvent(IdentityEvents.accountRolesChanged)
  rolesChanged(event: CloudEvent<AccountSnapshotV1>, ctx: EventContext) {
    return upsertAccount(ctx.manager, event.data, event.time);
  }

  /** Enabled again: the account as it is now, newer than the disabling, so its status wins. */
  @OnEvent(IdentityEvents.accountEnabled)
  accountEnabled(event: CloudEvent<AccountEnabledV1>, ctx: EventContext) {
    return upsertAccount(ctx.manager, event.data, event.time);
  }

  @OnEvent(IdentityEvents.accountDisabled)
  async disabled(event: CloudEvent<AccountDisabledV1>, ctx: EventContext) {
    // Disabled before we saw it registered: it stays disabled, the older registration will not win.
    await ctx.manager.query(
      `INSERT INTO account_views (id, display_name, roles, status, language, event_time)
       VALUES ($1, '', '{}', 'disabled', 'vi', $2)
       ON CONFLICT (id) DO UPDATE SET status = 'disabled', event_time = EXCLUDED.event_time
       WHERE account_views.event_time <= EXCLUDED.event_time`,
      [event.data.accountId, event.time],
    );
  }
}

async function upsertAccount(manager: EntityManager, a: AccountSnapshotV1, time: string): Promise<void> {
  await manager.query(
    `INSERT INTO account_views (id, display_name, email, roles, status, producer_id, scope, language, event_time)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     ON CONFLICT (id) DO UPDATE SET display_name = EXCLUDED.display_name, email = EXCLUDED.email,
       roles = EXCLUDED.roles, status = EXCLUDED.status, producer_id = EXCLUDED.producer_id, scope = EXCLUDED.scope,
       language = EXCLUDED.language, event_time = EXCLUDED.event_time
     WHERE account_views.event_time <= EXCLUDED.event_time`,
    [
      a.accountId,
      a.displayName,
      a.email ?? null,
      a.roles,
      a.status,
      a.producerId ?? null,
      a.scope ? JSON.stringify(a.scope) : null,
      a.language,
      time,
    ],
  );
}
