import { Controller, Logger } from '@nestjs/common';
import {
  BatchSnapshotV1,
  CloudEvent,
  GrowingAreaSnapshotV1,
  LabelKeyPublishedV1,
  LabelKeyRevokedV1,
  TraceabilityEvents,
  TraceEventsCapturedV1,
  UnitsIssuedV1,
} from '@ocop/contracts';
import { EventContext, OnEvent } from '@ocop/messaging';
import { CacheInvalidation } from '../common/cache-invalidation';
import { tags } from '../common/tagged-cache';

/**
 * Growing areas, batches, the units issued (every serial, so that a unit is verified without asking
 * traceability), trace-event summaries and label keys. Site and batch events carry the whole record and are
 * ordered by updatedAt; units, events and keys are immutable facts, inserted once.
 */
/**
 * The batch's key in the read model: its GTIN, or the product code of a batch without one (decision 0048), which
 * its /t/ labels name. A GTIN added to the product later does not change it: old labels keep resolving.
 */
function batchKey(b: { gtin?: string; productCode?: string }): string {
  const key = b.gtin ?? b.productCode;
  if (!key) throw new Error('A batch event names neither a GTIN nor a product code');
  return key;
}

@Controller()
export class TraceabilityEventsController {
  private readonly logger = new Logger(TraceabilityEventsController.name);

  constructor(private readonly invalidation: CacheInvalidation) {}

  @OnEvent('ocop.traceability.growing-area.*')
  async growingArea(event: CloudEvent<{ growingArea?: GrowingAreaSnapshotV1 }>, ctx: EventContext) {
    const g = event.data?.growingArea;
    if (!g) return this.skip(event);
    await ctx.manager.query(
      `INSERT INTO rm_growing_areas (id, producer_id, name, crop, variety, standard, code, status, place, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (id) DO UPDATE
         SET name = EXCLUDED.name, crop = EXCLUDED.crop, variety = EXCLUDED.variety, standard = EXCLUDED.standard,
             code = EXCLUDED.code, status = EXCLUDED.status, place = EXCLUDED.place,
             updated_at = EXCLUDED.updated_at
         WHERE rm_growing_areas.updated_at <= EXCLUDED.updated_at`,
      [
        g.growingAreaId,
        g.producerId,
        g.name,
        g.crop,
        g.variety,
        g.standard,
        g.code ?? null,
        g.status,
        JSON.stringify(g.place),
        g.updatedAt,
      ],
    );
    this.invalidation.touch(ctx.manager, tags.producer(g.producerId));
  }

  @OnEvent('ocop.traceability.batch.*')
  async batch(event: CloudEvent<{ batch?: BatchSnapshotV1 }>, ctx: EventContext): Promise<void> {
    const b = event.data?.batch;
    if (!b) return this.skip(event);
    await ctx.manager.query(
      `INSERT INTO rm_batches (id, product_id, producer_id, gtin, lot, status, quantity, unit, harvest_date,
                               production_date, packing_date, expiry_date, best_before_date, growing_areas,
                               packing_house, recalled_at, recall_reason, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)
       ON CONFLICT (id) DO UPDATE
         SET status = CASE WHEN rm_batches.status = 'recalled' THEN 'recalled' ELSE EXCLUDED.status END,
             quantity = EXCLUDED.quantity, unit = EXCLUDED.unit, harvest_date = EXCLUDED.harvest_date,
             production_date = EXCLUDED.production_date, packing_date = EXCLUDED.packing_date,
             expiry_date = EXCLUDED.expiry_date, best_before_date = EXCLUDED.best_before_date,
             growing_areas = EXCLUDED.growing_areas, packing_house = EXCLUDED.packing_house,
             recalled_at = COALESCE(rm_batches.recalled_at, EXCLUDED.recalled_at),
             recall_reason = COALESCE(rm_batches.recall_reason, EXCLUDED.recall_reason),
             updated_at = EXCLUDED.updated_at
         WHERE rm_batches.updated_at <= EXCLUDED.updated_at OR EXCLUDED.status = 'recalled'`,
      [
        b.batchId,
        b.productId,
        b.producerId,
        batchKey(b),
        b.lot,
        b.status,
        b.quantity,
        b.unit,
        b.harvestDate ?? null,
        b.productionDate ?? null,
        b.packingDate ?? null,
        b.expiryDate ?? null,
        b.bestBeforeDate ?? null,
        JSON.stringify(b.growingAreas ?? []),
        b.packingHouse ? JSON.stringify(b.packingHouse) : null,
        b.recalledAt ?? null,
        b.recallReason ?? (event.data as { reason?: string }).reason ?? null,
        b.updatedAt,
      ],
    );
    // A recall is for good: it wins over any snapshot, earlier or later (see the CASE above). The GTIN tag drops
    // what was cached while the batch was unknown.
    this.invalidation.touch(
      ctx.manager,
      tags.product(b.productId),
      tags.batch(b.batchId),
      tags.gtin(batchKey(b)),
    );
  }

  @OnEvent(TraceabilityEvents.unitsIssued)
  async unitsIssued(event: CloudEvent<UnitsIssuedV1>, ctx: EventContext): Promise<void> {
    const u = event.data;
    await ctx.manager.query(
      `INSERT INTO rm_units (gtin, serial, batch_id, lot, seq, signed, key_id)
       SELECT $1, serial, $2, $3, seq, $4, $5 FROM unnest($6::text[], $7::int[]) AS x(serial, seq)
       ON CONFLICT (gtin, serial) DO NOTHING`,
      [
        batchKey(u),
        u.batchId,
        u.lot,
        u.signed,
        u.keyId ?? null,
        u.units.map((x) => x.serial),
        u.units.map((x) => x.seq),
      ],
    );
    this.invalidation.touch(
      ctx.manager,
      tags.product(u.productId),
      tags.batch(u.batchId),
      tags.gtin(batchKey(u)),
    );
  }

  @OnEvent(TraceabilityEvents.traceEventsCaptured)
  async traceEvents(event: CloudEvent<TraceEventsCapturedV1>, ctx: EventContext): Promise<void> {
    const events = event.data.events ?? [];
    if (!events.length) return;
    await ctx.manager.query(
      `INSERT INTO rm_trace_events (id, event_id, batch_ids, type, event_time, event_time_zone_offset, action,
                                    biz_step, disposition, read_point, biz_location, error_declaration)
       SELECT e->>'traceEventId', e->>'eventID',
              ARRAY(SELECT jsonb_array_elements_text(e->'batchIds'))::uuid[], e->>'type',
              (e->>'eventTime')::timestamptz, e->>'eventTimeZoneOffset', e->>'action', e->>'bizStep',
              e->>'disposition', e->>'readPoint', e->>'bizLocation', COALESCE((e->>'errorDeclaration')::boolean, false)
         FROM jsonb_array_elements($1::jsonb) AS e
       ON CONFLICT (id) DO NOTHING`,
      [JSON.stringify(events)],
    );
    const batchIds = new Set(events.flatMap((e) => e.batchIds ?? []));
    for (const id of batchIds) this.invalidation.touch(ctx.manager, tags.batch(id));
  }

  @OnEvent(TraceabilityEvents.labelKeyPublished)
  async keyPublished(event: CloudEvent<LabelKeyPublishedV1>, ctx: EventContext): Promise<void> {
    const k = event.data;
    await ctx.manager.query(
      `INSERT INTO rm_label_keys (kid, x, created_at) VALUES ($1, $2, $3)
       ON CONFLICT (kid) DO UPDATE SET x = EXCLUDED.x, created_at = EXCLUDED.created_at`,
      [k.kid, k.publicJwk.x, k.createdAt],
    );
    this.invalidation.touch(ctx.manager, '*');
  }

  @OnEvent(TraceabilityEvents.labelKeyRevoked)
  async keyRevoked(event: CloudEvent<LabelKeyRevokedV1>, ctx: EventContext): Promise<void> {
    const k = event.data;
    // The revocation may overtake the publication: keep it on a placeholder row the publication completes.
    await ctx.manager.query(
      `INSERT INTO rm_label_keys (kid, x, created_at, revoked_at, revoke_reason) VALUES ($1, '', $2, $2, $3)
       ON CONFLICT (kid) DO UPDATE SET revoked_at = COALESCE(rm_label_keys.revoked_at, EXCLUDED.revoked_at),
                                      revoke_reason = COALESCE(rm_label_keys.revoke_reason, EXCLUDED.revoke_reason)`,
      [k.kid, k.revokedAt, k.reason],
    );
    this.invalidation.touch(ctx.manager, '*');
  }

  private skip(event: CloudEvent): void {
    this.logger.warn({ type: event.type }, 'traceability event without the snapshot we read: skipped');
  }
}
