import { MigrationInterface, QueryRunner } from 'typeorm';

/** Growing areas and packing houses, their per-province facility counters and history; idempotency keys. */
export class Sites1733100100000 implements MigrationInterface {
  name = 'Sites1733100100000';

  async up(q: QueryRunner): Promise<void> {
    const siteColumns = `
        id              uuid PRIMARY KEY,
        producer_id     uuid NOT NULL,
        province_code   text NOT NULL CHECK (province_code ~ '^[0-9]{2}$'),
        district_code   text CHECK (district_code ~ '^[0-9]{3}$'),
        commune_code    text NOT NULL CHECK (commune_code ~ '^[0-9]{5}$'),
        status          text NOT NULL CHECK (status IN ('pending', 'issued', 'rejected', 'suspended', 'cancelled')),
        code            text UNIQUE,
        facility_number integer CHECK (facility_number >= 1),
        export_codes    jsonb NOT NULL DEFAULT '[]'::jsonb,
        created_at      timestamptz NOT NULL,
        updated_at      timestamptz NOT NULL,
        version         integer NOT NULL,
        CONSTRAINT issued_has_code CHECK (status NOT IN ('issued', 'suspended') OR code IS NOT NULL)`;
    await q.query(`
      CREATE TABLE growing_areas (${siteColumns},
        name                  text NOT NULL,
        crop                  text NOT NULL,
        variety               text NOT NULL,
        crop_cycle            text NOT NULL CHECK (crop_cycle IN ('perennial', 'annual')),
        area_ha               numeric(14, 4) NOT NULL,
        standard              text NOT NULL,
        standard_detail       text,
        expected_yield_tonnes numeric(14, 3) NOT NULL CHECK (expected_yield_tonnes >= 0),
        facility_name         text NOT NULL,
        traceability_note     text,
        boundary              jsonb,
        boundary_area_ha      numeric(14, 4),
        -- QĐ 3156: at least 1 ha of perennial crops, 0.1 ha of annual crops.
        CONSTRAINT growing_area_minimum CHECK (area_ha >= CASE crop_cycle WHEN 'perennial' THEN 1 ELSE 0.1 END)
      )`);
    await q.query(`
      CREATE TABLE packing_houses (${siteColumns},
        name                    text NOT NULL,
        address                 text,
        capacity_tonnes_per_day numeric(14, 3),
        products                text[] NOT NULL
      )`);
    for (const table of ['growing_areas', 'packing_houses']) {
      // A facility number belongs to one site of its province, for good.
      await q.query(
        `CREATE UNIQUE INDEX ${table}_facility_number ON ${table} (province_code, facility_number)
          WHERE facility_number IS NOT NULL`,
      );
      await q.query(`CREATE INDEX ${table}_producer ON ${table} (producer_id, created_at DESC)`);
      await q.query(
        `CREATE INDEX ${table}_territory ON ${table} (province_code, district_code, commune_code)`,
      );
      await q.query(`CREATE INDEX ${table}_listing ON ${table} (created_at DESC, id DESC)`);
    }
    await q.query(`
      CREATE TABLE facility_counters (
        site_kind     text NOT NULL,
        province_code text NOT NULL,
        last_number   integer NOT NULL CHECK (last_number >= 0),
        PRIMARY KEY (site_kind, province_code)
      )`);
    await q.query(`
      CREATE TABLE site_history (
        id        uuid PRIMARY KEY,
        site_kind text NOT NULL,
        site_id   uuid NOT NULL,
        action    text NOT NULL,
        status    text NOT NULL,
        code      text,
        reason    text,
        actor_id  text NOT NULL,
        at        timestamptz NOT NULL,
        details   jsonb NOT NULL DEFAULT '{}'::jsonb
      )`);
    await q.query(`CREATE INDEX site_history_site ON site_history (site_kind, site_id, at)`);
    await q.query(`
      CREATE TABLE idempotency_keys (
        actor_id    text NOT NULL,
        key         text NOT NULL,
        operation   text NOT NULL,
        fingerprint text NOT NULL,
        response    jsonb,
        created_at  timestamptz NOT NULL,
        expires_at  timestamptz NOT NULL,
        PRIMARY KEY (actor_id, key)
      )`);
    await q.query(`CREATE INDEX idempotency_keys_expiry ON idempotency_keys (expires_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'idempotency_keys',
      'site_history',
      'facility_counters',
      'packing_houses',
      'growing_areas',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
