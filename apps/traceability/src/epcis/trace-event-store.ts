import { Injectable } from '@nestjs/common';
import { Actor } from '@ocop/auth';
import { TraceabilityEvents, TraceEventsCapturedV1, TraceEventSummaryV1 } from '@ocop/contracts';
import { EventOutbox } from '@ocop/messaging';
import { createHash, randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { bilingual, conflict, uniqueViolation } from '../common/bilingual';
import { yearInVietnam } from '../common/vietnam-time';
import { cbvTerm } from './cbv';
import { Epc, epcReferences, epcRefKeys, parseEpc } from './epc-identifiers';
import { EpcisProblem } from './epcis-schema';

/** An event ready to store: its fields for querying, what it is about, and the event itself. */
export interface PreparedEvent {
  index: number;
  id: string;
  eventID: string;
  type: string;
  eventTime: string;
  eventTimeZoneOffset: string;
  action: string | null;
  bizStep: string | null;
  disposition: string | null;
  readPoint: string | null;
  bizLocation: string | null;
  /** Every EPC of the event keyed by the role it plays (epc-identifiers: epcRefKeys), for the MATCH_ parameters. */
  epcRefs: string[];
  batchIds: string[];
  producerId: string | null;
  errorDeclaration: boolean;
  contentHash: string;
  document: Record<string, unknown>;
}

export interface StoreOutcome {
  stored: PreparedEvent[];
  /** Events already in the repository, identical to the byte: a retried capture stores nothing twice. */
  duplicates: number;
}

const INSERT_CHUNK = 1000;
const SUMMARIES_PER_MESSAGE = 500;
/** At most one event that is not an error declaration per eventID (migration UniqueEventIds1733100629000). */
const EVENT_ID_INDEX = 'trace_events_event_id_original';

/** Who an eventID belongs to (the producer of the first event stored with it), and the versions stored with it. */
interface EventIdClaim {
  owner: string | null;
  contentHashes: Set<string>;
}

/** A capture that reuses an eventID of another event, found by the index when two captures raced for it. */
const eventIdTaken = (eventID?: string) =>
  conflict(
    'event-id-taken',
    eventID
      ? `eventID ${eventID} đã được dùng cho một sự kiện khác`
      : 'eventID đã được dùng cho một sự kiện khác',
    eventID
      ? `eventID ${eventID} is already taken by another event`
      : 'An eventID is already taken by another event',
    eventID ? { eventID } : {},
  );

/** JSON with sorted keys, so that the same event hashes the same however its capturer ordered its fields. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The eventID in a unique violation's detail: Key (event_id)=(…) already exists. */
function takenEventId(err: unknown): string | undefined {
  const e = err as { detail?: string; driverError?: { detail?: string } };
  return /^Key \(event_id\)=\((.*)\) already exists\.$/.exec(e.driverError?.detail ?? e.detail ?? '')?.[1];
}

const idOf = (value: unknown): string | null =>
  typeof (value as { id?: unknown })?.id === 'string' ? (value as { id: string }).id : null;

/**
 * The EPCIS repository's write side. Events are immutable (the table refuses UPDATE and DELETE): a correction is a
 * new event with the same eventID carrying an errorDeclaration, which only the event's owner may record. `prepare`
 * finds which batches an event is about and whether the actor may record it; `store` writes a set of prepared
 * events in the caller's transaction, all or nothing, and announces them through the outbox.
 */
@Injectable()
export class TraceEventStore {
  constructor(private readonly outbox: EventOutbox) {}

  /**
   * Producers record events about their own batches and units only: every EPC must be one of theirs (a lot, a
   * unit, or a GTIN of their products) and an event must name at least one. Admins (and the platform, actor
   * null) record any event; it belongs to the producer whose batches it names, when there is exactly one.
   */
  async prepare(
    manager: EntityManager,
    events: Record<string, unknown>[],
    actor: Actor | null,
  ): Promise<{ prepared: PreparedEvent[]; problems: EpcisProblem[] }> {
    const year = yearInVietnam();
    const parsed = events.map((event) =>
      epcReferences(event).map((ref) => ({ ...ref, epc: parseEpc(ref.uri, year) })),
    );
    const all = parsed.flat().map((r) => r.epc);
    const units = await this.unitOwners(
      manager,
      all.filter((e) => e.kind === 'sgtin'),
    );
    const batches = await this.batchOwners(
      manager,
      all.filter((e) => e.kind === 'lgtin'),
    );
    for (const [key, owner] of await this.codeOwners(
      manager,
      all.filter((e) => e.kind === 'code-unit' || e.kind === 'code-lot'),
    ))
      batches.set(key, owner);
    const restricted = actor && !actor.roles.includes('admin') ? actor.producerId : undefined;
    const ownGtins = restricted ? await this.productGtins(manager, restricted) : new Set<string>();

    const prepared: PreparedEvent[] = [];
    const problems: EpcisProblem[] = [];
    events.forEach((event, index) => {
      const eventID = typeof event['eventID'] === 'string' ? event['eventID'] : undefined;
      const refs = parsed[index];
      const owned = refs.map((ref) => units.get(ref.epc.key) ?? batches.get(ref.epc.key));
      if (actor && !actor.roles.includes('admin')) {
        const fail = (field: string, code: string, vi: string, en: string) =>
          problems.push({
            eventIndex: index,
            ...(eventID ? { eventID } : {}),
            field,
            code,
            message: bilingual(vi, en),
          });
        if (!restricted) {
          fail(
            'event',
            'capture-not-allowed',
            'chỉ chủ thể hoặc quản trị viên ghi sự kiện',
            'only producers and admins record events',
          );
          return;
        }
        if (!refs.length) {
          fail(
            'epcList',
            'event-without-epc',
            'sự kiện phải nêu mã của lô hoặc đơn vị của bạn',
            'an event must name an EPC of your batches or units',
          );
          return;
        }
        let allowed = true;
        refs.forEach((ref, i) => {
          const mine =
            owned[i]?.producerId === restricted ||
            (ref.epc.kind === 'gtin' && ownGtins.has(ref.epc.gtin as string));
          if (!mine) {
            allowed = false;
            fail(
              ref.path,
              'epc-not-yours',
              'không phải mã của lô hoặc đơn vị của bạn',
              'not an EPC of your batches or units',
            );
          }
        });
        if (!allowed) return;
      }
      const producers = new Set(owned.filter((o) => o !== undefined).map((o) => o.producerId));
      const id = randomUUID();
      const document = eventID ? event : { ...event, eventID: `urn:uuid:${id}` };
      prepared.push({
        index,
        id,
        eventID: eventID ?? `urn:uuid:${id}`,
        type: String(event['type']),
        eventTime: String(event['eventTime']),
        eventTimeZoneOffset: String(event['eventTimeZoneOffset']),
        action: typeof event['action'] === 'string' ? event['action'] : null,
        bizStep: typeof event['bizStep'] === 'string' ? cbvTerm('bizStep', event['bizStep']) : null,
        disposition:
          typeof event['disposition'] === 'string' ? cbvTerm('disposition', event['disposition']) : null,
        readPoint: idOf(event['readPoint']),
        bizLocation: idOf(event['bizLocation']),
        epcRefs: epcRefKeys(refs),
        batchIds: [...new Set(owned.filter((o) => o !== undefined).map((o) => o.batchId))],
        producerId: restricted ?? (producers.size === 1 ? [...producers][0] : null),
        errorDeclaration: event['errorDeclaration'] !== undefined,
        contentHash: createHash('sha256').update(canonical(event)).digest('base64url'),
        document,
      });
    });
    const claimed = await this.claimEventIds(manager, prepared, restricted);
    return { prepared: claimed.kept, problems: [...problems, ...claimed.problems] };
  }

  /**
   * An eventID names one event in the whole repository: the first stored with it, whose producer owns the id. A
   * later event may carry it only as an identical re-capture (stored once: see store) or as an error declaration
   * by that owner (or an admin, or the platform); a producer declares only events that exist. Events of one
   * document are taken in order, as if captured one after the other. Decision 0029.
   */
  private async claimEventIds(
    manager: EntityManager,
    prepared: PreparedEvent[],
    restricted: string | undefined,
  ): Promise<{ kept: PreparedEvent[]; problems: EpcisProblem[] }> {
    const claims = new Map<string, EventIdClaim>();
    if (prepared.length) {
      const rows = (await manager.query(
        `SELECT event_id, producer_id, content_hash FROM trace_events WHERE event_id = ANY($1) ORDER BY seq`,
        [[...new Set(prepared.map((p) => p.eventID))]],
      )) as { event_id: string; producer_id: string | null; content_hash: string }[];
      for (const r of rows) {
        const claim = claims.get(r.event_id);
        if (claim) claim.contentHashes.add(r.content_hash);
        else claims.set(r.event_id, { owner: r.producer_id, contentHashes: new Set([r.content_hash]) });
      }
    }
    const kept: PreparedEvent[] = [];
    const problems: EpcisProblem[] = [];
    const refuse = (p: PreparedEvent, code: string, vi: string, en: string) =>
      problems.push({
        eventIndex: p.index,
        eventID: p.eventID,
        field: 'eventID',
        code,
        message: bilingual(vi, en),
      });
    for (const p of prepared) {
      const claim = claims.get(p.eventID);
      if (!claim) {
        if (p.errorDeclaration && restricted) {
          refuse(
            p,
            'declared-event-unknown',
            `không có sự kiện ${p.eventID} để khai báo là sai`,
            `there is no event ${p.eventID} to declare erroneous`,
          );
          continue;
        }
        claims.set(p.eventID, { owner: p.producerId, contentHashes: new Set([p.contentHash]) });
      } else if (claim.contentHashes.has(p.contentHash) && claim.owner === p.producerId) {
        // The same event again (a retried capture): store() recognises it and stores nothing.
      } else if (p.errorDeclaration) {
        if (restricted && claim.owner !== restricted) {
          refuse(
            p,
            'declared-event-not-yours',
            `chỉ chủ thể ghi sự kiện ${p.eventID} mới được khai báo nó là sai`,
            `only the producer who recorded event ${p.eventID} may declare it erroneous`,
          );
          continue;
        }
        // An admin's correction belongs with the event it corrects, where its owner and officers read it.
        p.producerId = claim.owner;
        claim.contentHashes.add(p.contentHash);
      } else {
        refuse(
          p,
          'event-id-taken',
          `eventID ${p.eventID} đã được dùng cho một sự kiện khác; để sửa sự kiện của mình, hãy ghi lại nó kèm errorDeclaration`,
          `eventID ${p.eventID} is already taken by another event; to correct an event of yours, capture it again with an errorDeclaration`,
        );
        continue;
      }
      kept.push(p);
    }
    return { kept, problems };
  }

  async store(
    manager: EntityManager,
    events: PreparedEvent[],
    context: unknown,
    source: 'capture' | 'platform',
    captureId: string | null,
  ): Promise<StoreOutcome> {
    const seen = new Set<string>();
    const existing = new Set(
      (
        (await manager.query(
          `SELECT event_id || ' ' || content_hash AS k FROM trace_events
            WHERE (event_id, content_hash) IN (SELECT * FROM unnest($1::text[], $2::text[]))`,
          [events.map((e) => e.eventID), events.map((e) => e.contentHash)],
        )) as { k: string }[]
      ).map((r) => r.k),
    );
    const fresh = events.filter((e) => {
      const key = `${e.eventID} ${e.contentHash}`;
      if (existing.has(key) || seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    for (let i = 0; i < fresh.length; i += INSERT_CHUNK) {
      const rows = fresh.slice(i, i + INSERT_CHUNK).map((e) => ({
        id: e.id,
        event_id: e.eventID,
        event_type: e.type,
        event_time: e.eventTime,
        tz: e.eventTimeZoneOffset,
        action: e.action,
        biz_step: e.bizStep,
        disposition: e.disposition,
        read_point: e.readPoint,
        biz_location: e.bizLocation,
        epc_refs: e.epcRefs,
        batch_ids: e.batchIds,
        producer_id: e.producerId,
        error_declaration: e.errorDeclaration,
        content_hash: e.contentHash,
        document: e.document,
      }));
      await this.insert(manager, rows, source, captureId, context);
    }
    await this.announce(manager, fresh, source, captureId);
    return { stored: fresh, duplicates: events.length - fresh.length };
  }

  private async insert(
    manager: EntityManager,
    rows: Record<string, unknown>[],
    source: 'capture' | 'platform',
    captureId: string | null,
    context: unknown,
  ): Promise<void> {
    try {
      // One statement per chunk, its rows as one JSON parameter: far fewer round trips and parameters than
      // a multi-row VALUES list.
      await manager.query(
        `INSERT INTO trace_events (id, event_id, event_type, event_time, event_time_zone_offset, record_time, action,
                                   biz_step, disposition, read_point, biz_location, epc_refs, batch_ids,
                                   producer_id, source, capture_id, error_declaration, content_hash, document, context)
         SELECT r.id, r.event_id, r.event_type, r.event_time, r.tz, now(), r.action, r.biz_step, r.disposition,
                r.read_point, r.biz_location, r.epc_refs, r.batch_ids, r.producer_id, $2, $3,
                r.error_declaration, r.content_hash, r.document, $4::jsonb
           FROM jsonb_to_recordset($1::jsonb) AS r(
                  id uuid, event_id text, event_type text, event_time timestamptz, tz text, action text,
                  biz_step text, disposition text, read_point text, biz_location text, epc_refs text[],
                  batch_ids uuid[], producer_id uuid, error_declaration boolean,
                  content_hash text, document jsonb)`,
        [JSON.stringify(rows), source, captureId, JSON.stringify(context ?? null)],
      );
    } catch (err) {
      // Another capture took the id between prepare's check and this insert (both were in flight).
      if (uniqueViolation(err) === EVENT_ID_INDEX) throw eventIdTaken(takenEventId(err));
      throw err;
    }
  }

  private async announce(
    manager: EntityManager,
    events: PreparedEvent[],
    source: 'capture' | 'platform',
    captureId: string | null,
  ) {
    const parts = Math.ceil(events.length / SUMMARIES_PER_MESSAGE);
    for (let part = 0; part < parts; part++) {
      const summaries: TraceEventSummaryV1[] = events
        .slice(part * SUMMARIES_PER_MESSAGE, (part + 1) * SUMMARIES_PER_MESSAGE)
        .map((e) => ({
          traceEventId: e.id,
          eventID: e.eventID,
          type: e.type,
          eventTime: new Date(e.eventTime).toISOString(),
          eventTimeZoneOffset: e.eventTimeZoneOffset,
          ...(e.action ? { action: e.action } : {}),
          ...(e.bizStep ? { bizStep: e.bizStep } : {}),
          ...(e.disposition ? { disposition: e.disposition } : {}),
          ...(e.readPoint ? { readPoint: e.readPoint } : {}),
          ...(e.bizLocation ? { bizLocation: e.bizLocation } : {}),
          batchIds: e.batchIds,
          errorDeclaration: e.errorDeclaration,
        }));
      await this.outbox.add<TraceEventsCapturedV1>(manager, {
        type: TraceabilityEvents.traceEventsCaptured,
        subject: captureId ?? summaries[0].batchIds[0] ?? summaries[0].traceEventId,
        data: { ...(captureId ? { captureId } : {}), source, events: summaries, part: part + 1, parts },
      });
    }
  }

  private async unitOwners(manager: EntityManager, epcs: Epc[]) {
    const found = new Map<string, { batchId: string; producerId: string }>();
    if (!epcs.length) return found;
    const rows = (await manager.query(
      `SELECT u.gtin, u.serial, u.batch_id, b.producer_id
         FROM unnest($1::text[], $2::text[]) AS k(gtin, serial)
         JOIN serialised_units u ON u.gtin = k.gtin AND u.serial = k.serial
         JOIN batches b ON b.id = u.batch_id`,
      [epcs.map((e) => e.gtin), epcs.map((e) => e.serial)],
    )) as { gtin: string; serial: string; batch_id: string; producer_id: string }[];
    for (const r of rows)
      found.set(`sgtin:${r.gtin}:${r.serial}`, { batchId: r.batch_id, producerId: r.producer_id });
    return found;
  }

  private async batchOwners(manager: EntityManager, epcs: Epc[]) {
    const found = new Map<string, { batchId: string; producerId: string }>();
    if (!epcs.length) return found;
    const rows = (await manager.query(
      `SELECT b.id, b.gtin, b.lot, b.producer_id
         FROM unnest($1::text[], $2::text[]) AS k(gtin, lot)
         JOIN batches b ON b.gtin = k.gtin AND b.lot = k.lot`,
      [epcs.map((e) => e.gtin), epcs.map((e) => e.lot)],
    )) as { id: string; gtin: string; lot: string; producer_id: string }[];
    for (const r of rows) found.set(`lgtin:${r.gtin}:${r.lot}`, { batchId: r.id, producerId: r.producer_id });
    return found;
  }

  /** Units and lots of products without GTIN (/t/ EPCs): batch and producer by product, lot and serial. */
  private async codeOwners(manager: EntityManager, epcs: Epc[]) {
    const found = new Map<string, { batchId: string; producerId: string }>();
    if (!epcs.length) return found;
    const rows = (await manager.query(
      `SELECT k.i, b.id, b.producer_id
         FROM unnest($1::uuid[], $2::text[], $3::text[]) WITH ORDINALITY AS k(product_id, lot, serial, i)
         JOIN batches b ON b.product_id = k.product_id AND b.lot = k.lot AND b.gtin IS NULL
        WHERE k.serial IS NULL
           OR EXISTS (SELECT 1 FROM serialised_units u WHERE u.batch_id = b.id AND u.serial = k.serial)`,
      [epcs.map((e) => e.productId), epcs.map((e) => e.lot), epcs.map((e) => e.serial ?? null)],
    )) as { i: string; id: string; producer_id: string }[];
    for (const r of rows) found.set(epcs[Number(r.i) - 1].key, { batchId: r.id, producerId: r.producer_id });
    return found;
  }

  private async productGtins(manager: EntityManager, producerId: string): Promise<Set<string>> {
    const rows = (await manager.query(
      `SELECT DISTINCT unnest(gtins) AS gtin FROM catalogue_products WHERE producer_id = $1`,
      [producerId],
    )) as { gtin: string }[];
    return new Set(rows.map((r) => r.gtin));
  }
}
