import { MigrationInterface, QueryRunner } from 'typeorm';

/** Background jobs (label runs, EPCIS captures) and their output files. */
export class BackgroundJobs1733100400000 implements MigrationInterface {
  name = 'BackgroundJobs1733100400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE background_jobs (
        id           uuid PRIMARY KEY,
        kind         text NOT NULL,
        status       text NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed')),
        actor_id     text NOT NULL,
        producer_id  uuid,
        params       jsonb NOT NULL,
        done         integer NOT NULL DEFAULT 0,
        total        integer,
        result       jsonb,
        error        jsonb,
        attempts     integer NOT NULL DEFAULT 0,
        heartbeat_at timestamptz,
        created_at   timestamptz NOT NULL,
        started_at   timestamptz,
        finished_at  timestamptz
      )`);
    // The claim scans what is waiting or running, oldest first.
    await q.query(
      `CREATE INDEX background_jobs_claim ON background_jobs (created_at) WHERE status IN ('queued', 'running')`,
    );
    await q.query(`
      CREATE TABLE job_output_chunks (
        job_id uuid NOT NULL REFERENCES background_jobs (id) ON DELETE CASCADE,
        seq    integer NOT NULL,
        data   bytea NOT NULL,
        PRIMARY KEY (job_id, seq)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE job_output_chunks`);
    await q.query(`DROP TABLE background_jobs`);
  }
}
