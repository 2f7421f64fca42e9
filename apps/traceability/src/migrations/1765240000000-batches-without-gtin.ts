import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Batches of products without a GTIN (decision 0048): their labels are /t/{product code}/{lot}/{serial}, the
 * product code being the product id written shorter, so such a batch is its product and lot, and its units' serials
 * are unique within it. GTIN batches keep their constraints unchanged.
 */
export class BatchesWithoutGtin1765240000000 implements MigrationInterface {
  name = 'BatchesWithoutGtin1765240000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE batches ALTER COLUMN gtin DROP NOT NULL`);
    await q.query(
      `CREATE UNIQUE INDEX batches_product_lot_no_gtin ON batches (product_id, lot) WHERE gtin IS NULL`,
    );
    await q.query(`ALTER TABLE serialised_units ALTER COLUMN gtin DROP NOT NULL`);
    await q.query(
      `CREATE UNIQUE INDEX serialised_units_batch_serial_no_gtin ON serialised_units (batch_id, serial) WHERE gtin IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    // Refuses, through NOT NULL, while batches without GTIN exist: their labels are printed and cannot be renamed.
    await q.query(`DROP INDEX serialised_units_batch_serial_no_gtin`);
    await q.query(`ALTER TABLE serialised_units ALTER COLUMN gtin SET NOT NULL`);
    await q.query(`DROP INDEX batches_product_lot_no_gtin`);
    await q.query(`ALTER TABLE batches ALTER COLUMN gtin SET NOT NULL`);
  }
}
