import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Impartial councils (decision 0025): every change to a council member's ties is kept in an append-only trail,
 * and a scoresheet set aside at finalisation says why.
 */
export class CouncilImpartiality1733113000000 implements MigrationInterface {
  name = 'CouncilImpartiality1733113000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE council_tie_events (
        id          bigserial PRIMARY KEY,
        account_id  uuid NOT NULL,
        producer_id uuid NOT NULL,
        action      text NOT NULL CHECK (action IN ('recorded', 'updated', 'lifted')),
        relation    text NOT NULL,
        reason      text NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
        actor_id    uuid NOT NULL,
        at          timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX council_tie_events_account ON council_tie_events (account_id, id)`);
    // The trail is evidence: no statement rewrites or erases it, whichever code sends it.
    await q.query(`
      CREATE FUNCTION refuse_change_of_council_tie_event() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'council tie events are history (% refused)', TG_OP USING ERRCODE = 'check_violation';
      END $$`);
    await q.query(`
      CREATE TRIGGER council_tie_events_append_only BEFORE UPDATE OR DELETE ON council_tie_events
      FOR EACH ROW EXECUTE FUNCTION refuse_change_of_council_tie_event()`);
    await q.query(`
      CREATE TRIGGER council_tie_events_not_truncated BEFORE TRUNCATE ON council_tie_events
      FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_of_council_tie_event()`);
    // Ties declared before the trail existed get their declaration as the first entry, so no tie is without one.
    await q.query(`
      INSERT INTO council_tie_events (account_id, producer_id, action, relation, reason, actor_id, at)
      SELECT account_id, producer_id, 'recorded', relation,
             'Khai báo trước khi có nhật ký / declared before the trail existed', declared_by, declared_at
        FROM council_ties ORDER BY declared_at`);

    await q.query(`
      ALTER TABLE scoresheets ADD COLUMN excluded_for text
        CHECK (excluded_for IN ('own-producer', 'declared-tie'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE scoresheets DROP COLUMN IF EXISTS excluded_for`);
    await q.query(`DROP TABLE IF EXISTS council_tie_events`);
    await q.query(`DROP FUNCTION IF EXISTS refuse_change_of_council_tie_event()`);
  }
}
