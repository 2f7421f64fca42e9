import { MigrationInterface, QueryRunner } from 'typeorm';

/** The EPCIS 2.0 event repository: append-only. */
export class TraceEvents1733100500000 implements MigrationInterface {
  name = 'TraceEvents1733100500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE trace_events (
        id                     uuid PRIMARY KEY,
        seq                    bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
        event_id               text NOT NULL,
        event_type             text NOT NULL,
        event_time             timestamptz NOT NULL,
        event_time_zone_offset text NOT NULL,
        record_time            timestamptz NOT NULL,
        action                 text,
        biz_step               text,
        disposition            text,
        read_point             text,
        biz_location           text,
        epcs                   text[] NOT NULL,
        any_epcs               text[] NOT NULL,
        batch_ids              uuid[] NOT NULL,
        producer_id            uuid,
        source                 text NOT NULL CHECK (source IN ('capture', 'platform')),
        capture_id             uuid,
        error_declaration      boolean NOT NULL,
        content_hash           text NOT NULL,
        document               jsonb NOT NULL,
        context                jsonb
      )`);
    // The same event captured again (a retried capture) is recognised and not stored twice.
    await q.query(`CREATE UNIQUE INDEX trace_events_identity ON trace_events (event_id, content_hash)`);
    await q.query(`CREATE INDEX trace_events_epcs ON trace_events USING gin (epcs)`);
    await q.query(`CREATE INDEX trace_events_any_epcs ON trace_events USING gin (any_epcs)`);
    await q.query(`CREATE INDEX trace_events_batches ON trace_events USING gin (batch_ids)`);
    await q.query(`CREATE INDEX trace_events_time ON trace_events (event_time)`);
    await q.query(`CREATE INDEX trace_events_producer ON trace_events (producer_id, seq)`);
    await q.query(`CREATE INDEX trace_events_biz_step ON trace_events (biz_step, seq)`);
    // A captured document until its job has stored it (deleted then): keeps job status polls light.
    await q.query(`
      CREATE TABLE capture_documents (
        job_id   uuid PRIMARY KEY REFERENCES background_jobs (id) ON DELETE CASCADE,
        document jsonb NOT NULL
      )`);
    // Events are facts: corrections are new events with an errorDeclaration, never edits.
    await q.query(`
      CREATE FUNCTION trace_events_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'trace events are immutable: record a corrective event with an errorDeclaration instead';
      END $$`);
    await q.query(`
      CREATE TRIGGER trace_events_immutable BEFORE UPDATE OR DELETE ON trace_events
        FOR EACH ROW EXECUTE FUNCTION trace_events_immutable()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE capture_documents`);
    await q.query(`DROP TABLE trace_events`);
    await q.query(`DROP FUNCTION trace_events_immutable()`);
  }
}
