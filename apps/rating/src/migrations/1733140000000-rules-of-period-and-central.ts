import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Rules of each period and the central level (decisions 0032, 0033).
 *
 * - A round's rule set is one of the three the platform knows; rounds stored before (QĐ 148, QĐ 1489) stay valid,
 *   QĐ 1048 (2019–2023) is added.
 * - A review-only level (the commune under QĐ 1489) proposes dossiers without scoring them: a dossier can be
 *   `proposed`, and the province takes it in once (`forwarded_from_dossier_id`), as it takes a forwarded result.
 * - The ministry's decision on a province's 5★ proposal is recorded once per proposed result and never changed.
 */
export class RulesOfPeriodAndCentral1733140000000 implements MigrationInterface {
  name = 'RulesOfPeriodAndCentral1733140000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE rounds ADD CONSTRAINT rounds_rules_known
                   CHECK (rules IN ('qd1048-2019', 'qd148-2023', 'qd1489-2025'))`);
    await q.query(`ALTER TABLE dossiers DROP CONSTRAINT dossiers_status_check`);
    await q.query(`ALTER TABLE dossiers ADD CONSTRAINT dossiers_status_check CHECK (status IN
      ('draft', 'submitted', 'returned', 'accepted', 'scored', 'decided', 'proposed', 'rejected', 'withdrawn'))`);
    await q.query(`ALTER TABLE dossiers ADD COLUMN forwarded_from_dossier_id uuid REFERENCES dossiers (id)`);
    await q.query(`CREATE UNIQUE INDEX dossiers_proposed_once ON dossiers (forwarded_from_dossier_id)
                   WHERE forwarded_from_dossier_id IS NOT NULL AND status NOT IN ('withdrawn', 'rejected')`);
    await q.query(`
      CREATE TABLE ministry_decisions (
        id              uuid PRIMARY KEY,
        result_id       uuid NOT NULL UNIQUE REFERENCES results (id),
        dossier_id      uuid NOT NULL REFERENCES dossiers (id),
        product_id      uuid NOT NULL,
        decision_ref    text NOT NULL CHECK (length(decision_ref) BETWEEN 1 AND 100),
        decision_date   date NOT NULL,
        stars           smallint NOT NULL CHECK (stars BETWEEN 3 AND 5),
        certificate_id  uuid REFERENCES certificates (id),
        note            text,
        recorded_by     uuid NOT NULL,
        recorded_at     timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX ministry_decisions_product ON ministry_decisions (product_id)`);
    // A ministry decision is a legal fact: recorded once, corrected only by recording the ministry's new decision
    // on a new proposal, never by editing this row.
    await q.query(`
      CREATE FUNCTION refuse_change_of_ministry_decision() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'ministry decision % is recorded and cannot change', OLD.id;
      END $$`);
    await q.query(`
      CREATE TRIGGER ministry_decisions_append_only BEFORE UPDATE OR DELETE ON ministry_decisions
      FOR EACH ROW EXECUTE FUNCTION refuse_change_of_ministry_decision()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS ministry_decisions`);
    await q.query(`DROP FUNCTION IF EXISTS refuse_change_of_ministry_decision()`);
    await q.query(`DROP INDEX IF EXISTS dossiers_proposed_once`);
    await q.query(`ALTER TABLE dossiers DROP COLUMN IF EXISTS forwarded_from_dossier_id`);
    await q.query(`ALTER TABLE dossiers DROP CONSTRAINT dossiers_status_check`);
    await q.query(`ALTER TABLE dossiers ADD CONSTRAINT dossiers_status_check CHECK (status IN
      ('draft', 'submitted', 'returned', 'accepted', 'scored', 'decided', 'rejected', 'withdrawn'))`);
    await q.query(`ALTER TABLE rounds DROP CONSTRAINT IF EXISTS rounds_rules_known`);
  }
}
