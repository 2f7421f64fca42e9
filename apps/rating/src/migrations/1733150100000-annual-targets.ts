import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Annual targets (issue 15, item 7): what a province, district or commune aims for in a year, set by officers of
 * that territory, with an append-only trail of who set or changed what and when.
 */
export class AnnualTargets1733150100000 implements MigrationInterface {
  name = 'AnnualTargets1733150100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE annual_targets (
        id            uuid PRIMARY KEY,
        year          smallint NOT NULL CHECK (year BETWEEN 2019 AND 2100),
        unit_map      text NOT NULL CHECK (unit_map IN ('bt-2022', 'vl-2025-07')),
        province_code text NOT NULL,
        district_code text,
        commune_code  text,
        kind          text NOT NULL CHECK (kind IN ('communes-covered', 'certified-products')),
        value         integer NOT NULL CHECK (value BETWEEN 0 AND 100000),
        created_by    uuid NOT NULL,
        created_at    timestamptz NOT NULL,
        updated_by    uuid NOT NULL,
        updated_at    timestamptz NOT NULL
      )`);
    // One target of a kind per unit and year; a province-wide or district-wide target has no lower codes.
    await q.query(`
      CREATE UNIQUE INDEX annual_targets_unit_year_kind ON annual_targets
        (year, unit_map, province_code, coalesce(district_code, ''), coalesce(commune_code, ''), kind)`);
    await q.query(`
      CREATE TABLE annual_target_events (
        id         bigserial PRIMARY KEY,
        target_id  uuid NOT NULL REFERENCES annual_targets (id),
        action     text NOT NULL CHECK (action IN ('set', 'changed')),
        old_value  integer,
        new_value  integer NOT NULL,
        actor_id   uuid NOT NULL,
        at         timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX annual_target_events_target ON annual_target_events (target_id, id)`);
    // The trail is evidence of who committed the office to what: no statement rewrites or erases it.
    await q.query(`
      CREATE FUNCTION refuse_change_of_annual_target_event() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'annual target events are history (% refused)', TG_OP USING ERRCODE = 'check_violation';
      END $$`);
    await q.query(`
      CREATE TRIGGER annual_target_events_append_only BEFORE UPDATE OR DELETE ON annual_target_events
      FOR EACH ROW EXECUTE FUNCTION refuse_change_of_annual_target_event()`);
    await q.query(`
      CREATE TRIGGER annual_target_events_not_truncated BEFORE TRUNCATE ON annual_target_events
      FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_of_annual_target_event()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE annual_target_events`);
    await q.query(`DROP FUNCTION refuse_change_of_annual_target_event()`);
    await q.query(`DROP TABLE annual_targets`);
  }
}
