import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The communes' boundaries a province loads as GeoJSON (issue 18: the goals dashboard's coverage map), per unit map.
 * Without them the dashboard draws a schematic grid of units.
 */
export class UnitBoundaries1765410000000 implements MigrationInterface {
  name = 'UnitBoundaries1765410000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE unit_boundary_sets (
        map text PRIMARY KEY,
        loaded_at timestamptz NOT NULL,
        loaded_by uuid NOT NULL,
        communes integer NOT NULL
      )`);
    await q.query(`
      CREATE TABLE unit_boundaries (
        map text NOT NULL REFERENCES unit_boundary_sets (map) ON DELETE CASCADE,
        code text NOT NULL,
        polygons jsonb NOT NULL,
        PRIMARY KEY (map, code)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE unit_boundaries`);
    await q.query(`DROP TABLE unit_boundary_sets`);
  }
}
