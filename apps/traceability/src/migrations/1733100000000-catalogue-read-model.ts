import { MigrationInterface, QueryRunner } from 'typeorm';

/** The local copy of the catalogue (producers, products) and of the rating service's OCOP certificates. */
export class CatalogueReadModel1733100000000 implements MigrationInterface {
  name = 'CatalogueReadModel1733100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE catalogue_producers (
        id                 uuid PRIMARY KEY,
        name               text NOT NULL,
        status             text NOT NULL,
        gs1_company_prefix text,
        places             jsonb NOT NULL,
        updated_at         timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE catalogue_products (
        id              uuid PRIMARY KEY,
        producer_id     uuid NOT NULL,
        name_vi         text NOT NULL,
        name_en         text,
        status          text NOT NULL,
        gtins           text[] NOT NULL,
        shelf_life_days integer,
        updated_at      timestamptz NOT NULL,
        source          text NOT NULL CHECK (source IN ('event', 'rpc'))
      )`);
    await q.query(`CREATE INDEX catalogue_products_producer ON catalogue_products (producer_id)`);
    await q.query(`
      CREATE TABLE ocop_certificates (
        certificate_id uuid PRIMARY KEY,
        product_id     uuid NOT NULL,
        stars          smallint NOT NULL CHECK (stars BETWEEN 3 AND 5),
        issued_at      timestamptz NOT NULL,
        expires_at     timestamptz NOT NULL,
        withdrawn_at   timestamptz
      )`);
    await q.query(`CREATE INDEX ocop_certificates_product ON ocop_certificates (product_id, issued_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE ocop_certificates`);
    await q.query(`DROP TABLE catalogue_products`);
    await q.query(`DROP TABLE catalogue_producers`);
  }
}
