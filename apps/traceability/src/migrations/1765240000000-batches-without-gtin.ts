import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Batches of products without a GTIN (decision 0048): their labels are /t/{product code}/{lot}/{serial}, the
 * product code being the product id written shorter, so such a batch is its product and lot. Its units carry the
 * product code where others carry the GTIN, and a serial is unique per product code as it is per GTIN: the lookup
 * knows a unit by (GTIN or product code, serial). GTIN batches keep their constraints unchanged.
 */
export class BatchesWithoutGtin1765240000000 implements MigrationInterface {
  name = 'BatchesWithoutGtin1765240000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE batches ALTER COLUMN gtin DROP NOT NULL`);
    await q.query(
      `CREATE UNIQUE INDEX batches_product_lot_no_gtin ON batches (product_id, lot) WHERE gtin IS NULL`,
    );
    await q.query(`ALTER TABLE serialised_units ALTER COLUMN gtin DROP NOT NULL`);
    await q.query(`ALTER TABLE serialised_units ADD COLUMN product_code text`);
    await q.query(
      `ALTER TABLE serialised_units ADD CONSTRAINT serialised_units_gtin_or_code
         CHECK ((gtin IS NULL) <> (product_code IS NULL))`,
    );
    await q.query(
      `CREATE UNIQUE INDEX serialised_units_code_serial ON serialised_units (product_code, serial) WHERE gtin IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    // Refuses, through NOT NULL, while batches without GTIN exist: their labels are printed and cannot be renamed.
    await q.query(`DROP INDEX serialised_units_code_serial`);
    await q.query(`ALTER TABLE serialised_units DROP CONSTRAINT serialised_units_gtin_or_code`);
    await q.query(`ALTER TABLE serialised_units DROP COLUMN product_code`);
    await q.query(`ALTER TABLE serialised_units ALTER COLUMN gtin SET NOT NULL`);
    await q.query(`DROP INDEX batches_product_lot_no_gtin`);
    await q.query(`ALTER TABLE batches ALTER COLUMN gtin SET NOT NULL`);
  }
}
