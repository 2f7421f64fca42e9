import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A consumer report becomes a case (decision 0046): what it is about as lookup knew it when it was filed (the
 * product's names, its producer and the producer's place under every unit map, the verdict the page showed), its status
 * (new → investigating → closed) and the history of who moved it, when and why. Reports filed before this
 * migration take their product, producer and place from today's read model and start as `new`; they were never
 * notified (no event is sent for them).
 */
export class ReportCases1765230000000 implements MigrationInterface {
  name = 'ReportCases1765230000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE problem_reports
        ADD COLUMN producer_id uuid,
        ADD COLUMN product_name_vi text,
        ADD COLUMN product_name_en text,
        ADD COLUMN outcome text,
        ADD COLUMN places jsonb,
        ADD COLUMN status text NOT NULL DEFAULT 'new'
          CONSTRAINT problem_reports_status CHECK (status IN ('new', 'investigating', 'closed')),
        ADD COLUMN status_changed_at timestamptz`);
    await q.query(`
      UPDATE problem_reports r
         SET producer_id = p.producer_id, product_name_vi = p.name_vi, product_name_en = p.name_en,
             places = pr.places
        FROM rm_products p LEFT JOIN rm_producers pr ON pr.id = p.producer_id
       WHERE p.id = r.product_id`);
    // Page cursors carry milliseconds (toISOString): new rows are written at millisecond precision, old ones are
    // cut to it, so that a page never starts a few microseconds off.
    await q.query(`UPDATE problem_reports SET created_at = date_trunc('milliseconds', created_at)`);
    await q.query(`CREATE INDEX problem_reports_created_idx ON problem_reports (created_at DESC, id DESC)`);
    await q.query(
      `CREATE INDEX problem_reports_producer_idx ON problem_reports (producer_id, created_at DESC, id DESC)`,
    );
    await q.query(`
      CREATE TABLE problem_report_history (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        report_id uuid NOT NULL REFERENCES problem_reports (id),
        from_status text NOT NULL,
        to_status text NOT NULL,
        note text,
        actor_id text NOT NULL,
        at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX problem_report_history_report_idx ON problem_report_history (report_id, at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE problem_report_history`);
    await q.query(`DROP INDEX problem_reports_producer_idx`);
    await q.query(`DROP INDEX problem_reports_created_idx`);
    await q.query(`
      ALTER TABLE problem_reports
        DROP COLUMN producer_id, DROP COLUMN product_name_vi, DROP COLUMN product_name_en, DROP COLUMN outcome,
        DROP COLUMN places, DROP COLUMN status, DROP COLUMN status_changed_at`);
  }
}
