import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Actor } from '@ocop/auth';
import { bilingual, DomainError } from '@ocop/contracts';
import { DataSource, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { readableProducerDataWhere } from '../../batches/batch-access';
import { notFound } from '../../common/bilingual';
import { yearInVietnam } from '../../common/vietnam-time';
import { TraceabilityConfig } from '../../config';
import { cbvTerm } from '../cbv';
import { isLotEpc, isUnitEpc, parseEpc, roleKey } from '../epc-identifiers';
import { EPCIS_CONTEXT_URL } from '../platform-trace-events';
import { PageTokens } from './page-token';
import { PUBLIC_EVENT_TYPES, PublicEventView, usesPlatformTerms } from './public-event-view';
import { EventQuery, MATCH_ROLES, MatchParameter, queryFingerprint } from './query-parameters';

interface StoredEvent {
  seq: string;
  /** The order key (µs since the epoch) when the query has an orderBy. */
  at: string | null;
  document: Record<string, unknown>;
  record_time: Date;
  context: unknown;
  source: 'capture' | 'platform';
  readable: boolean;
}

/** An event as the repository returns it: as captured, with the time it was recorded (EPCIS recordTime). */
export const eventOutput = (row: {
  document: Record<string, unknown>;
  record_time: Date;
}): Record<string, unknown> => ({
  ...row.document,
  recordTime: row.record_time.toISOString(),
});

/**
 * Extension prefixes the events' own documents declared (example:…, ocop:…), merged after the EPCIS context, so
 * that a document assembled from events of several captures still defines every prefix it uses.
 */
export function mergedContext(contexts: unknown[]): unknown[] {
  const extensions: Record<string, unknown> = {};
  for (const context of contexts) {
    for (const part of Array.isArray(context) ? context : [context]) {
      if (part && typeof part === 'object') Object.assign(extensions, part);
    }
  }
  return Object.keys(extensions).length ? [EPCIS_CONTEXT_URL, extensions] : [EPCIS_CONTEXT_URL];
}

/**
 * An event is public when it is about a batch that was put on the market (released; or recalled, which the
 * consumer page announces) and of a type with a public view. Decision 0044.
 */
const PUBLIC_EVENT_SQL = `(e.event_type IN (:...publicTypes) AND EXISTS (
    SELECT 1 FROM batches pb WHERE pb.id = ANY(e.batch_ids) AND pb.status IN ('released', 'recalled')))`;

const ORDER_COLUMNS = { eventTime: 'e.event_time', recordTime: 'e.record_time' } as const;

const itemNeeded = () =>
  new DomainError(
    'unauthenticated',
    401,
    bilingual('Cần đăng nhập', 'Authentication required'),
    bilingual(
      'Không đăng nhập, hãy hỏi về một lô hoặc một đơn vị sản phẩm: MATCH_anyEPCClass hoặc MATCH_epcClass với mã lô, MATCH_epc hoặc MATCH_anyEPC với mã đơn vị (Digital Link hoặc URN)',
      'Without a login, ask about one lot or unit: MATCH_anyEPCClass or MATCH_epcClass with the lot, MATCH_epc or MATCH_anyEPC with the unit (Digital Link or URN)',
    ),
  );

/**
 * EPCIS 2.0 event queries. Logged-in callers read in full what their role lets them (producers their own events,
 * officers those of producers in their territory, admins all); anyone, logged in or not, also reads the public
 * view of the events of a lot or unit they name (the gs1:epcis link the resolver publishes). A page at a time,
 * in capture order or by eventTime/recordTime, each page after a signed position.
 */
@Injectable()
export class EventsQueryService {
  private readonly tokens: PageTokens;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: TraceabilityConfig,
  ) {
    this.tokens = new PageTokens(config.LABEL_KEY_ENCRYPTION_SECRET);
  }

  async query(
    actor: Actor | null,
    query: EventQuery,
  ): Promise<{ document: Record<string, unknown>; nextPageToken?: string }> {
    const year = yearInVietnam();
    const named = Object.values(query.match)
      .flat()
      .map((uri) => parseEpc(uri, year));
    // The public view answers for a lot or a unit, not for the whole repository (nor a whole product line).
    const namesItem = named.some((epc) => isUnitEpc(epc) || isLotEpc(epc));
    const shownUnits = new Set(named.filter(isUnitEpc).map((epc) => epc.key));
    if (!actor && !namesItem) throw itemNeeded();

    const q = this.dataSource
      .createQueryBuilder()
      .select([
        'e.seq AS seq',
        'e.document AS document',
        'e.record_time AS record_time',
        'e.context AS context',
        'e.source AS source',
      ])
      .from('trace_events', 'e')
      .setParameter('publicTypes', PUBLIC_EVENT_TYPES);
    if (actor) {
      const scope = readableProducerDataWhere(actor, 'e');
      q.setParameters(scope.params).addSelect(`(${scope.sql})`, 'readable');
      q.where(namesItem ? `(${scope.sql} OR ${PUBLIC_EVENT_SQL})` : scope.sql);
    } else {
      q.addSelect('false', 'readable').where(PUBLIC_EVENT_SQL);
    }
    this.filter(q, query, year);

    const fingerprint = queryFingerprint(query);
    const position = query.nextPageToken ? this.tokens.read(fingerprint, query.nextPageToken) : undefined;
    const given = position?.given ?? 0;
    const take = Math.min(query.perPage, (query.eventCountLimit ?? Infinity) - given);
    if (query.orderBy) {
      const column = ORDER_COLUMNS[query.orderBy];
      const direction = query.orderDirection ?? 'DESC';
      q.addSelect(`(extract(epoch FROM ${column}) * 1000000)::bigint::text`, 'at');
      if (position) {
        q.andWhere(
          `(${column}, e.seq) ${direction === 'ASC' ? '>' : '<'} ('epoch'::timestamptz + :atMicros::bigint * interval '1 microsecond', :afterSeq::bigint)`,
          { atMicros: position.at ?? '0', afterSeq: position.seq },
        );
      }
      q.orderBy(column, direction).addOrderBy('e.seq', direction);
    } else {
      if (position) q.andWhere('e.seq > :afterSeq::bigint', { afterSeq: position.seq });
      q.orderBy('e.seq', 'ASC');
    }
    const rows = (await q.limit(take + 1).getRawMany()) as StoredEvent[];
    const page = rows.slice(0, take);
    const last = page[page.length - 1];
    const more = rows.length > take && given + page.length < (query.eventCountLimit ?? Infinity);
    const nextPageToken =
      more && last
        ? this.tokens.issue(fingerprint, {
            ...(last.at !== null && last.at !== undefined ? { at: last.at } : {}),
            seq: String(last.seq),
            given: given + page.length,
          })
        : undefined;
    return {
      document: this.queryDocument(
        page,
        new PublicEventView(year, shownUnits, this.config.RESOLVER_BASE_URL),
      ),
      ...(nextPageToken ? { nextPageToken } : {}),
    };
  }

  /** Every filter of the query, ANDed; the values of one parameter ORed, as EPCIS defines them. */
  private filter(q: SelectQueryBuilder<ObjectLiteral>, query: EventQuery, year: number): void {
    if (query.eventType) q.andWhere('e.event_type IN (:...types)', { types: query.eventType });
    if (query.GE_eventTime) q.andWhere('e.event_time >= :geEventTime', { geEventTime: query.GE_eventTime });
    if (query.LT_eventTime) q.andWhere('e.event_time < :ltEventTime', { ltEventTime: query.LT_eventTime });
    if (query.GE_recordTime)
      q.andWhere('e.record_time >= :geRecordTime', { geRecordTime: query.GE_recordTime });
    if (query.LT_recordTime)
      q.andWhere('e.record_time < :ltRecordTime', { ltRecordTime: query.LT_recordTime });
    if (query.EQ_action) q.andWhere('e.action IN (:...actions)', { actions: query.EQ_action });
    if (query.EQ_bizStep) {
      q.andWhere('e.biz_step IN (:...steps)', { steps: query.EQ_bizStep.map((s) => cbvTerm('bizStep', s)) });
    }
    if (query.EQ_disposition) {
      q.andWhere('e.disposition IN (:...dispositions)', {
        dispositions: query.EQ_disposition.map((d) => cbvTerm('disposition', d)),
      });
    }
    if (query.EQ_readPoint)
      q.andWhere('e.read_point IN (:...readPoints)', { readPoints: query.EQ_readPoint });
    if (query.EQ_bizLocation) {
      q.andWhere('e.biz_location IN (:...locations)', { locations: query.EQ_bizLocation });
    }
    if (query.EQ_eventID) q.andWhere('e.event_id IN (:...eventIds)', { eventIds: query.EQ_eventID });
    for (const [parameter, uris] of Object.entries(query.match) as [MatchParameter, string[]][]) {
      const keys = uris.flatMap((uri) => {
        const key = parseEpc(uri, year).key;
        return MATCH_ROLES[parameter].map((role) => roleKey(role, key));
      });
      // One GIN lookup (trace_events_epc_refs) per parameter.
      q.andWhere(`e.epc_refs && :${parameter}::text[]`, { [parameter]: keys });
    }
  }

  /** GET /events/{eventID}: the latest event with that id (an error declaration supersedes the original). */
  async one(actor: Actor, eventID: string): Promise<Record<string, unknown>> {
    const scope = readableProducerDataWhere(actor, 'e');
    const row = (await this.dataSource
      .createQueryBuilder()
      .select([
        'e.seq AS seq',
        'e.document AS document',
        'e.record_time AS record_time',
        'e.context AS context',
      ])
      .from('trace_events', 'e')
      .where(scope.sql, scope.params)
      .andWhere('e.event_id = :eventID', { eventID })
      .orderBy('e.seq', 'DESC')
      .limit(1)
      .getRawOne()) as StoredEvent | undefined;
    if (!row) throw notFound('sự kiện', 'Event');
    return { '@context': mergedContext([row.context]), ...eventOutput(row) };
  }

  private queryDocument(rows: StoredEvent[], publicView: PublicEventView): Record<string, unknown> {
    const contexts: unknown[] = [];
    const eventList: Record<string, unknown>[] = [];
    for (const row of rows) {
      if (row.readable) {
        contexts.push(row.context);
        eventList.push(eventOutput(row));
        continue;
      }
      const view = publicView.of({
        document: row.document,
        recordTime: row.record_time.toISOString(),
        source: row.source,
      });
      // An event with nothing public left to name is left out; its page is shorter, the next link still there.
      if (!view) continue;
      // The public view keeps no one's extension prefixes but the platform's own terms.
      if (usesPlatformTerms(view)) contexts.push({ ocop: `${this.config.RESOLVER_BASE_URL}/voc/` });
      eventList.push(view);
    }
    return {
      '@context': mergedContext(contexts),
      type: 'EPCISQueryDocument',
      schemaVersion: '2.0',
      creationDate: new Date().toISOString(),
      epcisBody: { queryResults: { queryName: 'SimpleEventQuery', resultsBody: { eventList } } },
    };
  }
}
