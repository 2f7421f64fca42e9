import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The product's other certifications (VietGAP, HACCP…: scheme, number, issuer, validity) as the catalogue's
 * product events carry them, for the consumer page (decision 0043). Rows written before this migration hold none
 * until the product's next event or a `rebuild`.
 */
export class ProductCertifications1765210000000 implements MigrationInterface {
  name = 'ProductCertifications1765210000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE rm_products ADD COLUMN certifications jsonb NOT NULL DEFAULT '[]'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE rm_products DROP COLUMN certifications`);
  }
}
