import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The read model (rebuilt from the catalogue, traceability and rating streams; `main.js rebuild` empties it)
 * and lookup's own data (scans, reports), which a rebuild keeps.
 */
export class LookupSchema1733200000000 implements MigrationInterface {
  name = 'LookupSchema1733200000000';

  async up(q: QueryRunner): Promise<void> {
    // ---- read model: only what the public may see, copied from the producing services' events
    await q.query(`
      CREATE TABLE rm_producers (
        id uuid PRIMARY KEY,
        name text NOT NULL,
        name_en text,
        trading_name text,
        type text NOT NULL,
        status text NOT NULL,
        unit_map text NOT NULL,
        street text,
        places jsonb NOT NULL,
        phone text,
        website text,
        updated_at timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE rm_products (
        id uuid PRIMARY KEY,
        producer_id uuid NOT NULL,
        name_vi text NOT NULL,
        name_en text,
        description_vi text,
        description_en text,
        image_url text,
        image_caption text,
        product_set integer NOT NULL,
        status text NOT NULL,
        gtins text[] NOT NULL,
        sales_links jsonb NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    // The hot path starts from a GTIN: one primary-key probe instead of an array search.
    await q.query(`
      CREATE TABLE rm_product_gtins (
        gtin text PRIMARY KEY,
        product_id uuid NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX rm_product_gtins_product_idx ON rm_product_gtins (product_id)`);
    await q.query(`CREATE INDEX rm_products_producer_idx ON rm_products (producer_id)`);
    await q.query(`
      CREATE TABLE rm_batches (
        id uuid PRIMARY KEY,
        product_id uuid NOT NULL,
        producer_id uuid NOT NULL,
        gtin text NOT NULL,
        lot text NOT NULL,
        status text NOT NULL,
        quantity numeric,
        unit text,
        harvest_date date,
        production_date date,
        packing_date date,
        expiry_date date,
        best_before_date date,
        growing_areas jsonb NOT NULL,
        packing_house jsonb,
        recalled_at timestamptz,
        recall_reason text,
        updated_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE UNIQUE INDEX rm_batches_gtin_lot_uq ON rm_batches (gtin, lot)`);
    await q.query(`CREATE INDEX rm_batches_product_idx ON rm_batches (product_id)`);
    await q.query(`
      CREATE TABLE rm_units (
        gtin text NOT NULL,
        serial text NOT NULL,
        batch_id uuid NOT NULL,
        lot text NOT NULL,
        seq integer NOT NULL,
        signed boolean NOT NULL,
        key_id text,
        PRIMARY KEY (gtin, serial)
      )`);
    await q.query(`
      CREATE TABLE rm_growing_areas (
        id uuid PRIMARY KEY,
        producer_id uuid NOT NULL,
        name text NOT NULL,
        crop text NOT NULL,
        variety text NOT NULL,
        standard text NOT NULL,
        code text,
        status text NOT NULL,
        place jsonb NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE rm_certificates (
        id uuid PRIMARY KEY,
        number text NOT NULL,
        product_id uuid NOT NULL,
        producer_id uuid NOT NULL,
        stars smallint NOT NULL,
        issued_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        decision_ref text NOT NULL,
        revoked_at timestamptz,
        revoke_reason text,
        superseded_at timestamptz,
        superseded_by jsonb
      )`);
    await q.query(`CREATE INDEX rm_certificates_number_idx ON rm_certificates (number)`);
    await q.query(`CREATE INDEX rm_certificates_product_idx ON rm_certificates (product_id, issued_at DESC)`);
    await q.query(`
      CREATE TABLE rm_label_keys (
        kid text PRIMARY KEY,
        x text NOT NULL,
        created_at timestamptz NOT NULL,
        revoked_at timestamptz,
        revoke_reason text
      )`);
    await q.query(`
      CREATE TABLE rm_trace_events (
        id text PRIMARY KEY,
        event_id text NOT NULL,
        batch_ids uuid[] NOT NULL,
        type text NOT NULL,
        event_time timestamptz NOT NULL,
        event_time_zone_offset text NOT NULL,
        action text,
        biz_step text,
        disposition text,
        read_point text,
        biz_location text,
        error_declaration boolean NOT NULL
      )`);
    await q.query(`CREATE INDEX rm_trace_events_batches_idx ON rm_trace_events USING gin (batch_ids)`);

    // ---- lookup's own data, kept across rebuilds
    await q.query(`
      CREATE TABLE scan_daily (
        product_id uuid NOT NULL,
        producer_id uuid NOT NULL,
        day date NOT NULL,
        province_code text NOT NULL DEFAULT '',
        district_code text NOT NULL DEFAULT '',
        commune_code text NOT NULL DEFAULT '',
        scans integer NOT NULL,
        PRIMARY KEY (product_id, day, district_code, commune_code, province_code)
      )`);
    await q.query(`CREATE INDEX scan_daily_producer_idx ON scan_daily (producer_id, day)`);
    await q.query(`
      CREATE TABLE unit_scans (
        gtin text NOT NULL,
        serial text NOT NULL,
        client_hash text NOT NULL,
        scanned_at timestamptz NOT NULL,
        scans integer NOT NULL
      )`);
    await q.query(
      `COMMENT ON TABLE unit_scans IS 'Scans of a unit by one client within one flush (about a second)'`,
    );
    await q.query(`CREATE INDEX unit_scans_unit_idx ON unit_scans (gtin, serial, scanned_at)`);
    await q.query(`
      CREATE TABLE unit_scan_state (
        gtin text NOT NULL,
        serial text NOT NULL,
        first_scanned_at timestamptz NOT NULL,
        last_scanned_at timestamptz NOT NULL,
        scans integer NOT NULL,
        suspicious_at timestamptz,
        suspicious_reason text,
        PRIMARY KEY (gtin, serial)
      )`);
    await q.query(`
      CREATE TABLE problem_reports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        gtin text NOT NULL,
        lot text,
        serial text,
        product_id uuid,
        category text NOT NULL,
        message text NOT NULL,
        contact text,
        client_hash text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'problem_reports',
      'unit_scan_state',
      'unit_scans',
      'scan_daily',
      'rm_trace_events',
      'rm_label_keys',
      'rm_certificates',
      'rm_growing_areas',
      'rm_units',
      'rm_batches',
      'rm_product_gtins',
      'rm_products',
      'rm_producers',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
