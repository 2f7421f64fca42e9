import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Which producer a GTIN belongs to, apart from which product lists it (decision 0023). A claim is made when a
 * product first lists the GTIN and given up when no product lists it any more, unless a batch was made under it:
 * from then on printed labels carry it, and it stays the producer's for good.
 */
export class GtinClaims1733000230000 implements MigrationInterface {
  name = 'GtinClaims1733000230000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE gtin_claims (
        gtin          text PRIMARY KEY CHECK (gtin ~ '^[0-9]{14}$'),
        producer_id   uuid NOT NULL REFERENCES producers (id),
        claimed_at    timestamptz NOT NULL,
        -- When traceability first reported a batch under the GTIN: a used claim is never given up.
        first_used_at timestamptz,
        CONSTRAINT gtin_claims_owner UNIQUE (gtin, producer_id)
      )`);
    await q.query(`CREATE INDEX gtin_claims_producer ON gtin_claims (producer_id)`);
    await q.query(`
      INSERT INTO gtin_claims (gtin, producer_id, claimed_at)
      SELECT g.gtin, p.producer_id, p.created_at FROM product_gtins g JOIN products p ON p.id = g.product_id`);
    // A product lists a GTIN only under its own producer's claim: the database, not the code, keeps one producer
    // per GTIN, even between concurrent writers.
    await q.query(`ALTER TABLE product_gtins ADD COLUMN producer_id uuid`);
    await q.query(
      `UPDATE product_gtins g SET producer_id = p.producer_id FROM products p WHERE p.id = g.product_id`,
    );
    await q.query(`ALTER TABLE product_gtins ALTER COLUMN producer_id SET NOT NULL`);
    await q.query(`
      ALTER TABLE product_gtins ADD CONSTRAINT product_gtins_claim
        FOREIGN KEY (gtin, producer_id) REFERENCES gtin_claims (gtin, producer_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE product_gtins DROP CONSTRAINT product_gtins_claim`);
    await q.query(`ALTER TABLE product_gtins DROP COLUMN producer_id`);
    await q.query(`DROP TABLE gtin_claims`);
  }
}
