import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Scans are counted per outcome too (genuine, unknown, recalled…), so that officers see where codes that do not
 * verify are scanned (issue 18's dashboard). Counts written before this migration have no outcome: '' reads as
 * "not recorded".
 */
export class ScanOutcomes1765400000000 implements MigrationInterface {
  name = 'ScanOutcomes1765400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE scan_daily ADD COLUMN outcome text NOT NULL DEFAULT ''`);
    await q.query(`ALTER TABLE scan_daily DROP CONSTRAINT scan_daily_pkey`);
    await q.query(
      `ALTER TABLE scan_daily ADD PRIMARY KEY (product_id, day, district_code, commune_code, province_code, outcome)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    // The outcomes of a day and place are added together again: no scan is lost going back.
    await q.query(`
      CREATE TEMPORARY TABLE scan_daily_sums AS
        SELECT product_id, min(producer_id::text)::uuid AS producer_id, day, province_code, district_code,
               commune_code, sum(scans)::int AS scans
          FROM scan_daily GROUP BY product_id, day, province_code, district_code, commune_code`);
    await q.query(`DELETE FROM scan_daily`);
    await q.query(`ALTER TABLE scan_daily DROP CONSTRAINT scan_daily_pkey`);
    await q.query(`ALTER TABLE scan_daily DROP COLUMN outcome`);
    await q.query(
      `INSERT INTO scan_daily (product_id, producer_id, day, province_code, district_code, commune_code, scans)
       SELECT product_id, producer_id, day, province_code, district_code, commune_code, scans FROM scan_daily_sums`,
    );
    await q.query(`DROP TABLE scan_daily_sums`);
    await q.query(
      `ALTER TABLE scan_daily ADD PRIMARY KEY (product_id, day, district_code, commune_code, province_code)`,
    );
  }
}
