import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An eventID names one event in the repository (decision 0029). Until now only (eventID, content) was unique, so a
 * producer could capture a different event, or an error declaration, under another producer's eventID, and readers
 * of that id saw theirs. Such events already stored cannot stay where they would be read as the id's: they move,
 * whole, to trace_events_disputed for officers to review, with the reason. The id stays with the first event stored
 * under it; besides identical re-captures (never stored twice), only that event's producer's error declarations
 * may follow it. Then an index makes sure no second event that is not a declaration takes an id.
 */
export class UniqueEventIds1733100629000 implements MigrationInterface {
  name = 'UniqueEventIds1733100629000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE trace_events_disputed (LIKE trace_events)`);
    await q.query(`
      ALTER TABLE trace_events_disputed
        ADD COLUMN reason text NOT NULL CHECK (reason IN ('event-id-taken', 'declared-event-not-yours')),
        ADD COLUMN disputed_at timestamptz NOT NULL DEFAULT now(),
        ADD PRIMARY KEY (id)`);
    await q.query(`
      COMMENT ON TABLE trace_events_disputed IS
        'Events stored before eventIDs were unique that reused the eventID of an earlier event (decision 0029)'`);
    await q.query(`
      INSERT INTO trace_events_disputed
      SELECT e.*, CASE WHEN e.error_declaration THEN 'declared-event-not-yours' ELSE 'event-id-taken' END
        FROM trace_events e
        JOIN LATERAL (
          SELECT f.seq, f.producer_id FROM trace_events f WHERE f.event_id = e.event_id ORDER BY f.seq LIMIT 1
        ) first ON first.seq < e.seq
       WHERE NOT e.error_declaration OR e.producer_id IS DISTINCT FROM first.producer_id`);
    // Events are immutable to the service (the trigger); this one move is the schema change itself, in its
    // transaction, and every moved row is kept above.
    await q.query(`ALTER TABLE trace_events DISABLE TRIGGER trace_events_immutable`);
    await q.query(`DELETE FROM trace_events WHERE id IN (SELECT id FROM trace_events_disputed)`);
    await q.query(`ALTER TABLE trace_events ENABLE TRIGGER trace_events_immutable`);
    await q.query(`
      CREATE UNIQUE INDEX trace_events_event_id_original ON trace_events (event_id) WHERE NOT error_declaration`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX trace_events_event_id_original`);
    await q.query(`
      INSERT INTO trace_events OVERRIDING SYSTEM VALUE
      SELECT id, seq, event_id, event_type, event_time, event_time_zone_offset, record_time, action, biz_step,
             disposition, read_point, biz_location, epcs, any_epcs, batch_ids, producer_id, source, capture_id,
             error_declaration, content_hash, document, context
        FROM trace_events_disputed`);
    await q.query(`DROP TABLE trace_events_disputed`);
  }
}
