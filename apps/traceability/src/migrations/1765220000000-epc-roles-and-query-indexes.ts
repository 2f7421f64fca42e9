import { MigrationInterface, QueryRunner } from 'typeorm';
import { epcReferences, epcRefKeys, parseEpc } from '../epcis/epc-identifiers';

const BACKFILL_CHUNK = 2000;

/**
 * The EPCIS query parameters tell apart the fields an EPC is named in (MATCH_epc, MATCH_parentID, MATCH_inputEPC,
 * MATCH_outputEPC, MATCH_epcClass, MATCH_anyEPCClass …). `epcs` and `any_epcs` could not: both mixed instances and
 * classes. `epc_refs` holds every EPC as role|key (epc-identifiers: epcRefKeys), one GIN index for every MATCH_
 * parameter, filled here from each stored event's own document. `epcs` and `any_epcs` stay, no longer written or
 * read, because migration 1733100629000's down copies trace_events_disputed back by column position; their indexes
 * go. The other indexes serve orderBy (eventTime, recordTime) and the EQ_ filters a page at a time in (key, seq)
 * order. Decision 0044.
 */
export class EpcRolesAndQueryIndexes1765220000000 implements MigrationInterface {
  name = 'EpcRolesAndQueryIndexes1765220000000';

  async up(q: QueryRunner): Promise<void> {
    // The default only serves rows written without it (the older migration's down, above); the store always sets it.
    await q.query(`ALTER TABLE trace_events ADD COLUMN epc_refs text[] NOT NULL DEFAULT '{}'`);
    await q.query(`ALTER TABLE trace_events ALTER COLUMN epcs SET DEFAULT '{}'`);
    await q.query(`ALTER TABLE trace_events ALTER COLUMN any_epcs SET DEFAULT '{}'`);
    await q.query(
      `COMMENT ON COLUMN trace_events.epcs IS 'superseded by epc_refs (migration 1765220000000)'`,
    );
    await q.query(
      `COMMENT ON COLUMN trace_events.any_epcs IS 'superseded by epc_refs (migration 1765220000000)'`,
    );
    // Events are immutable to the service (the trigger); filling the new column is the schema change itself.
    await q.query(`ALTER TABLE trace_events DISABLE TRIGGER trace_events_immutable`);
    const year = new Date().getUTCFullYear();
    let after = '0';
    for (;;) {
      const rows = (await q.query(
        `SELECT seq::text AS seq, document FROM trace_events WHERE seq > $1 ORDER BY seq LIMIT $2`,
        [after, BACKFILL_CHUNK],
      )) as { seq: string; document: Record<string, unknown> }[];
      if (!rows.length) break;
      const refs = rows.map((r) =>
        epcRefKeys(
          epcReferences(r.document).map((ref) => ({ role: ref.role, epc: parseEpc(ref.uri, year) })),
        ),
      );
      await q.query(
        `UPDATE trace_events e SET epc_refs = ARRAY(SELECT jsonb_array_elements_text(x.refs))
           FROM jsonb_to_recordset($1::jsonb) AS x(seq bigint, refs jsonb)
          WHERE e.seq = x.seq`,
        [JSON.stringify(rows.map((r, i) => ({ seq: r.seq, refs: refs[i] })))],
      );
      after = rows[rows.length - 1].seq;
    }
    await q.query(`ALTER TABLE trace_events ENABLE TRIGGER trace_events_immutable`);

    await q.query(`CREATE INDEX trace_events_epc_refs ON trace_events USING gin (epc_refs)`);
    await q.query(`DROP INDEX trace_events_epcs`);
    await q.query(`DROP INDEX trace_events_any_epcs`);
    await q.query(`DROP INDEX trace_events_time`);
    await q.query(`CREATE INDEX trace_events_event_time ON trace_events (event_time, seq)`);
    await q.query(`CREATE INDEX trace_events_record_time ON trace_events (record_time, seq)`);
    // A producer's own events by eventTime: without it, the event_time index walks every producer's events.
    await q.query(`CREATE INDEX trace_events_producer_time ON trace_events (producer_id, event_time, seq)`);
    await q.query(`CREATE INDEX trace_events_read_point ON trace_events (read_point, seq)`);
    await q.query(`CREATE INDEX trace_events_biz_location ON trace_events (biz_location, seq)`);
    await q.query(`CREATE INDEX trace_events_disposition ON trace_events (disposition, seq)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX trace_events_disposition`);
    await q.query(`DROP INDEX trace_events_biz_location`);
    await q.query(`DROP INDEX trace_events_read_point`);
    await q.query(`DROP INDEX trace_events_producer_time`);
    await q.query(`DROP INDEX trace_events_record_time`);
    await q.query(`DROP INDEX trace_events_event_time`);
    await q.query(`CREATE INDEX trace_events_time ON trace_events (event_time)`);
    // Events stored since up() have no epcs/any_epcs: derive them from epc_refs as the store wrote them before
    // (epcs: the instance lists and every quantity class; any_epcs: everything).
    await q.query(`ALTER TABLE trace_events DISABLE TRIGGER trace_events_immutable`);
    await q.query(`
      UPDATE trace_events SET
        epcs = ARRAY(SELECT DISTINCT split_part(r, '|', 2) FROM unnest(epc_refs) r
                      WHERE split_part(r, '|', 1) IN ('epc', 'class', 'inputClass', 'outputClass')
                        AND split_part(r, '|', 2) NOT LIKE 'gtin:%'),
        any_epcs = ARRAY(SELECT DISTINCT split_part(r, '|', 2) FROM unnest(epc_refs) r
                          WHERE split_part(r, '|', 2) NOT LIKE 'gtin:%')
      WHERE epcs = '{}' AND any_epcs = '{}'`);
    await q.query(`ALTER TABLE trace_events ENABLE TRIGGER trace_events_immutable`);
    await q.query(`CREATE INDEX trace_events_epcs ON trace_events USING gin (epcs)`);
    await q.query(`CREATE INDEX trace_events_any_epcs ON trace_events USING gin (any_epcs)`);
    await q.query(`DROP INDEX trace_events_epc_refs`);
    await q.query(`ALTER TABLE trace_events ALTER COLUMN epcs DROP DEFAULT`);
    await q.query(`ALTER TABLE trace_events ALTER COLUMN any_epcs DROP DEFAULT`);
    await q.query(`COMMENT ON COLUMN trace_events.epcs IS NULL`);
    await q.query(`COMMENT ON COLUMN trace_events.any_epcs IS NULL`);
    await q.query(`ALTER TABLE trace_events DROP COLUMN epc_refs`);
  }
}
