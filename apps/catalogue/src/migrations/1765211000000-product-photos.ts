import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Product photos as producers upload them, kept in the catalogue's own database (decision 0043): one backup, one
 * transaction with the product's images list, no shared directory between replicas. Served resized by hash.
 */
export class ProductPhotos1765211000000 implements MigrationInterface {
  name = 'ProductPhotos1765211000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE product_photos (
        product_id uuid NOT NULL REFERENCES products (id),
        hash text NOT NULL,
        media_type text NOT NULL,
        width integer NOT NULL,
        height integer NOT NULL,
        bytes bytea NOT NULL,
        uploaded_by uuid NOT NULL,
        uploaded_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (product_id, hash)
      )`);
    await q.query(`CREATE INDEX product_photos_hash_idx ON product_photos (hash)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE product_photos`);
  }
}
