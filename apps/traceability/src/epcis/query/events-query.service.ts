import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Actor } from '@ocop/auth';
import { DataSource } from 'typeorm';
import { notFound } from '../../common/bilingual';
import { decodeCursor, encodeCursor } from '@ocop/service-kit';
import { yearInVietnam } from '../../common/vietnam-time';
import { readableProducerDataWhere } from '../../batches/batch-access';
import { cbvTerm } from '../cbv';
import { parseEpc } from '../epc-identifiers';
import { EPCIS_CONTEXT_URL } from '../platform-trace-events';
import { EventsQuery } from './events-query.dto';

interface StoredEvent {
  seq: string;
  document: Record<string, unknown>;
  record_time: Date;
  context: unknown;
}

/** An event as the repository returns it: as captured, with the time it was recorded (EPCIS recordTime). */
export const eventOutput = (row: StoredEvent): Record<string, unknown> => ({
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
 * EPCIS 2.0 event queries: the standard's main filters over what the caller may read (producers their own
 * events, officers those of producers in their territory, admins all), in capture order, a page at a time.
 */
@Injectable()
export class EventsQueryService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async query(
    actor: Actor,
    query: EventsQuery,
  ): Promise<{ document: Record<string, unknown>; nextPageToken?: string }> {
    const scope = readableProducerDataWhere(actor, 'e');
    const q = this.dataSource
      .createQueryBuilder()
      .select([
        'e.seq AS seq',
        'e.document AS document',
        'e.record_time AS record_time',
        'e.context AS context',
      ])
      .from('trace_events', 'e')
      .where(scope.sql, scope.params);
    const year = yearInVietnam();
    const keys = (uris: string[]) => uris.map((uri) => parseEpc(uri, year).key);
    if (query.eventType?.length) q.andWhere('e.event_type IN (:...types)', { types: query.eventType });
    if (query.EQ_bizStep?.length) {
      q.andWhere('e.biz_step IN (:...steps)', { steps: query.EQ_bizStep.map((s) => cbvTerm('bizStep', s)) });
    }
    if (query.EQ_disposition?.length) {
      q.andWhere('e.disposition IN (:...dispositions)', {
        dispositions: query.EQ_disposition.map((d) => cbvTerm('disposition', d)),
      });
    }
    if (query.MATCH_epc?.length) q.andWhere('e.epcs && :epcs::text[]', { epcs: keys(query.MATCH_epc) });
    if (query.MATCH_anyEPC?.length)
      q.andWhere('e.any_epcs && :anyEpcs::text[]', { anyEpcs: keys(query.MATCH_anyEPC) });
    if (query.EQ_bizLocation?.length)
      q.andWhere('e.biz_location IN (:...locations)', { locations: query.EQ_bizLocation });
    if (query.GE_eventTime) q.andWhere('e.event_time >= :from', { from: query.GE_eventTime });
    if (query.LT_eventTime) q.andWhere('e.event_time < :to', { to: query.LT_eventTime });
    if (query.nextPageToken) {
      const [after] = decodeCursor(query.nextPageToken, 'events', ['int8-text'], 'nextPageToken');
      q.andWhere('e.seq > :after', { after });
    }
    const rows = (await q
      .orderBy('e.seq', 'ASC')
      .limit(query.perPage + 1)
      .getRawMany()) as StoredEvent[];
    const page = rows.slice(0, query.perPage);
    return {
      document: this.queryDocument(page),
      ...(rows.length > query.perPage
        ? { nextPageToken: encodeCursor('events', [page[page.length - 1].seq]) }
        : {}),
    };
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

  private queryDocument(rows: StoredEvent[]): Record<string, unknown> {
    return {
      '@context': mergedContext(rows.map((r) => r.context)),
      type: 'EPCISQueryDocument',
      schemaVersion: '2.0',
      creationDate: new Date().toISOString(),
      epcisBody: {
        queryResults: { queryName: 'SimpleEventQuery', resultsBody: { eventList: rows.map(eventOutput) } },
      },
    };
  }
}
