import { Controller } from '@nestjs/common';
import {
  AccountDisabledV1,
  AccountEnabledV1,
  AccountSnapshotV1,
  CloudEvent,
  IdentityEvents,
  ProducerSnapshotV1,
  ProductSnapshotV1,
} from '@ocop/contracts';
import { EventContext, OnEvent } from '@ocop/messaging';
import { EntityManager } from 'typeorm';

/**
 * Keeps the local copies of producers, products and accounts that rating needs, from the catalogue's and
 * identity's events. Events carry whole records; delivery order is not guaranteed, so a row only ever moves
 * forward in time (the catalogue's updatedAt, identity's event time).
 */
@Controller()
export class ReadModelEventsController {
  // Every producer event (registered, updated, verified, suspended) carries the whole producer; same for products.
  @OnEvent('ocop.catalogue.producer.*')
  producer(event: CloudEvent<{ producer: ProducerSnapshotV1 }>, ctx: EventContext) {
    return upsertProducer(ctx.manager, event.data.producer);
  }

  @OnEvent('ocop.catalogue.product.*')
  product(event: CloudEvent<{ product: ProductSnapshotV1 }>, ctx: EventContext) {
    return upsertProduct(ctx.manager, event.data.product);
  }

  @OnEvent(IdentityEvents.accountRegistered)
  accountRegistered(event: CloudEvent<AccountSnapshotV1>, ctx: EventContext) {
    return upsertAccount(ctx.manager, event.data, event.time);
  }

  @OnEvent(IdentityEvents.accountRolesChanged)
  accountRolesChanged(event: CloudEvent<AccountSnapshotV1>, ctx: EventContext) {
    return upsertAccount(ctx.manager, event.data, event.time);
  }

  /** Enabled again: the account as it is now, newer than the disabling, so its status wins. */
  @OnEvent(IdentityEvents.accountEnabled)
  accountEnabled(event: CloudEvent<AccountEnabledV1>, ctx: EventContext) {
    return upsertAccount(ctx.manager, event.data, event.time);
  }

  @OnEvent(IdentityEvents.accountDisabled)
  async accountDisabled(event: CloudEvent<AccountDisabledV1>, ctx: EventContext) {
    // An account disabled before we saw it registered stays disabled: the older registration will not win.
    await ctx.manager.query(
      `INSERT INTO account_views (id, display_name, roles, status, language, event_time)
       VALUES ($1, '', '{}', 'disabled', 'vi', $2)
       ON CONFLICT (id) DO UPDATE SET status = 'disabled', event_time = EXCLUDED.event_time
       WHERE account_views.event_time <= EXCLUDED.event_time`,
      [event.data.accountId, event.time],
    );
  }
}

async function upsertProducer(manager: EntityManager, p: ProducerSnapshotV1): Promise<void> {
  await manager.query(
    `INSERT INTO producer_views (id, name, type, status, places, source_updated_at)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, type = EXCLUDED.type, status = EXCLUDED.status,
       places = EXCLUDED.places, source_updated_at = EXCLUDED.source_updated_at
     WHERE producer_views.source_updated_at <= EXCLUDED.source_updated_at`,
    [p.producerId, p.name, p.type, p.status, JSON.stringify(p.address.places), p.updatedAt],
  );
}

async function upsertProduct(manager: EntityManager, p: ProductSnapshotV1): Promise<void> {
  await manager.query(
    `INSERT INTO product_views (id, producer_id, name_vi, name_en, product_set, product_group, status, source_updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (id) DO UPDATE SET producer_id = EXCLUDED.producer_id, name_vi = EXCLUDED.name_vi,
       name_en = EXCLUDED.name_en, product_set = EXCLUDED.product_set, product_group = EXCLUDED.product_group,
       status = EXCLUDED.status, source_updated_at = EXCLUDED.source_updated_at
     WHERE product_views.source_updated_at <= EXCLUDED.source_updated_at`,
    [
      p.productId,
      p.producerId,
      p.nameVi,
      p.nameEn ?? null,
      p.productSet,
      p.productGroup,
      p.status,
      p.updatedAt,
    ],
  );
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
