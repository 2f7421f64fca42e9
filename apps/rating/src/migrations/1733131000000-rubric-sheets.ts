import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Scoring sheets as versioned data (decision 0031): every revision of every sheet is kept, bundled or imported by
 * the province; one revision per sheet is active; a round pins the revisions active when it opened, and a dossier
 * the one it is scored on. A revision's content never changes: a correction is a new revision.
 */
export class RubricSheets1733131000000 implements MigrationInterface {
  name = 'RubricSheets1733131000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE rubric_sheets (
        id             uuid PRIMARY KEY,
        decision       text NOT NULL,
        set_code       text NOT NULL,
        revision       integer NOT NULL CHECK (revision >= 1),
        status         text NOT NULL CHECK (status IN ('draft', 'active', 'superseded')),
        usable         boolean NOT NULL,
        provisional    boolean NOT NULL,
        source         text NOT NULL CHECK (source IN ('bundled', 'import')),
        file_name      text,
        file_format    text NOT NULL CHECK (file_format IN ('csv', 'xlsx')),
        content_sha256 text NOT NULL,
        sheet          jsonb NOT NULL,
        note           text,
        imported_by    uuid,
        imported_at    timestamptz NOT NULL,
        activated_by   uuid,
        activated_at   timestamptz,
        UNIQUE (decision, set_code, revision),
        CHECK (status = 'draft' OR activated_at IS NOT NULL),
        -- An unusable sheet never becomes active by an import; a bundled one is active only to be reported.
        CHECK (usable OR status <> 'active' OR source = 'bundled')
      )`);
    await q.query(
      `CREATE UNIQUE INDEX rubric_sheets_one_active ON rubric_sheets (decision, set_code) WHERE status = 'active'`,
    );
    // What a council scored on must stay what it was: content is written once, only the status moves.
    await q.query(`
      CREATE FUNCTION refuse_change_of_rubric_sheet() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE'
           AND (NEW.id, NEW.decision, NEW.set_code, NEW.revision, NEW.usable, NEW.provisional, NEW.source,
                NEW.file_name, NEW.file_format, NEW.content_sha256, NEW.sheet, NEW.note, NEW.imported_by,
                NEW.imported_at)
               IS NOT DISTINCT FROM
               (OLD.id, OLD.decision, OLD.set_code, OLD.revision, OLD.usable, OLD.provisional, OLD.source,
                OLD.file_name, OLD.file_format, OLD.content_sha256, OLD.sheet, OLD.note, OLD.imported_by,
                OLD.imported_at) THEN
          RETURN NEW;
        END IF;
        RAISE EXCEPTION 'rubric sheet revisions are history (% refused)', TG_OP USING ERRCODE = 'check_violation';
      END $$`);
    await q.query(`
      CREATE TRIGGER rubric_sheets_history BEFORE UPDATE OR DELETE ON rubric_sheets
      FOR EACH ROW EXECUTE FUNCTION refuse_change_of_rubric_sheet()`);
    await q.query(`
      CREATE TRIGGER rubric_sheets_not_truncated BEFORE TRUNCATE ON rubric_sheets
      FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_of_rubric_sheet()`);

    await q.query(`
      CREATE TABLE rubric_sheet_events (
        id        bigserial PRIMARY KEY,
        sheet_id  uuid NOT NULL REFERENCES rubric_sheets (id),
        action    text NOT NULL CHECK (action IN ('seeded', 'imported', 'activated', 'superseded')),
        actor_id  uuid,
        at        timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX rubric_sheet_events_sheet ON rubric_sheet_events (sheet_id, id)`);

    await q.query(`
      CREATE TABLE round_rubric_sheets (
        round_id  uuid NOT NULL REFERENCES rounds (id),
        set_code  text NOT NULL,
        sheet_id  uuid NOT NULL REFERENCES rubric_sheets (id),
        PRIMARY KEY (round_id, set_code)
      )`);

    await q.query(`
      ALTER TABLE dossiers
        ADD COLUMN rubric_set_code text,
        ADD COLUMN rubric_sheet_id uuid REFERENCES rubric_sheets (id),
        ADD COLUMN rubric_case text,
        ALTER COLUMN rubric_set_no DROP NOT NULL`);
    await q.query(`
      ALTER TABLE results
        ADD COLUMN rubric_set_code text,
        ADD COLUMN rubric_sheet_id uuid REFERENCES rubric_sheets (id),
        ADD COLUMN rubric_case text,
        ALTER COLUMN rubric_set_no DROP NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE results DROP COLUMN IF EXISTS rubric_case, DROP COLUMN IF EXISTS rubric_sheet_id, DROP COLUMN IF EXISTS rubric_set_code`,
    );
    await q.query(
      `ALTER TABLE dossiers DROP COLUMN IF EXISTS rubric_case, DROP COLUMN IF EXISTS rubric_sheet_id, DROP COLUMN IF EXISTS rubric_set_code`,
    );
    await q.query(`DROP TABLE IF EXISTS round_rubric_sheets`);
    await q.query(`DROP TABLE IF EXISTS rubric_sheet_events`);
    await q.query(`DROP TABLE IF EXISTS rubric_sheets`);
    await q.query(`DROP FUNCTION IF EXISTS refuse_change_of_rubric_sheet()`);
  }
}
