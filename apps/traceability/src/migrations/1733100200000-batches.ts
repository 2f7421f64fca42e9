import { MigrationInterface, QueryRunner } from 'typeorm';

/** Batches (lots), what they came from, and their serialised units. */
export class Batches1733100200000 implements MigrationInterface {
  name = 'Batches1733100200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE batches (
        id               uuid PRIMARY KEY,
        producer_id      uuid NOT NULL,
        product_id       uuid NOT NULL,
        gtin             text NOT NULL CHECK (gtin ~ '^[0-9]{14}$'),
        -- GS1 character set 82, 1 to 20 characters.
        lot              text NOT NULL CHECK (lot ~ '^[!"%&''()*+,./0-9:;<=>?A-Z_a-z-]{1,20}$'),
        quantity         numeric(16, 3) NOT NULL CHECK (quantity > 0),
        unit             text NOT NULL,
        harvest_date     date,
        production_date  date,
        packing_date     date,
        expiry_date      date,
        best_before_date date,
        packing_house_id uuid REFERENCES packing_houses (id),
        status           text NOT NULL CHECK (status IN ('open', 'released', 'recalled')),
        released_at      timestamptz,
        recalled_at      timestamptz,
        recall_reason    text,
        created_at       timestamptz NOT NULL,
        updated_at       timestamptz NOT NULL,
        version          integer NOT NULL,
        CONSTRAINT batches_gtin_lot UNIQUE (gtin, lot),
        CONSTRAINT recalled_has_reason CHECK (status <> 'recalled' OR (recall_reason IS NOT NULL AND recalled_at IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX batches_producer ON batches (producer_id, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX batches_listing ON batches (created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX batches_product ON batches (product_id)`);
    await q.query(`
      CREATE TABLE batch_growing_areas (
        batch_id        uuid NOT NULL REFERENCES batches (id),
        growing_area_id uuid NOT NULL REFERENCES growing_areas (id),
        PRIMARY KEY (batch_id, growing_area_id)
      )`);
    await q.query(`
      CREATE TABLE batch_inputs (
        batch_id       uuid NOT NULL REFERENCES batches (id),
        input_batch_id uuid NOT NULL REFERENCES batches (id),
        quantity       numeric(16, 3),
        unit           text,
        PRIMARY KEY (batch_id, input_batch_id),
        CHECK (batch_id <> input_batch_id)
      )`);
    // One step forward: which batches were made from this one.
    await q.query(`CREATE INDEX batch_inputs_input ON batch_inputs (input_batch_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE batch_inputs`);
    await q.query(`DROP TABLE batch_growing_areas`);
    await q.query(`DROP TABLE batches`);
  }
}
