import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A growing area or packing house may carry one GPS point (GeoJSON Point, WGS 84): where a producer stood with a
 * phone, or typed from a paper record, when no boundary was surveyed. Optional, so existing rows stay as they are.
 */
export class SiteLocations1765270000000 implements MigrationInterface {
  name = 'SiteLocations1765270000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE growing_areas ADD COLUMN location jsonb`);
    await q.query(`ALTER TABLE packing_houses ADD COLUMN location jsonb`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE packing_houses DROP COLUMN location`);
    await q.query(`ALTER TABLE growing_areas DROP COLUMN location`);
  }
}
