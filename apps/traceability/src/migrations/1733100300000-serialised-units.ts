import { MigrationInterface, QueryRunner } from 'typeorm';

/** Serialised units, their generations, and the keys that sign labels. */
export class SerialisedUnits1733100300000 implements MigrationInterface {
  name = 'SerialisedUnits1733100300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE label_signing_keys (
        kid                text PRIMARY KEY,
        public_key         bytea NOT NULL,
        private_key_sealed bytea,
        created_at         timestamptz NOT NULL,
        retired_at         timestamptz,
        revoked_at         timestamptz,
        revoked_reason     text,
        CONSTRAINT signing_key_has_private_key CHECK (retired_at IS NOT NULL OR private_key_sealed IS NOT NULL)
      )`);
    // One signing key at a time, whatever replicas race to create or rotate one.
    await q.query(
      `CREATE UNIQUE INDEX label_signing_keys_one_active ON label_signing_keys ((true))
        WHERE retired_at IS NULL AND revoked_at IS NULL`,
    );
    await q.query(`
      CREATE TABLE unit_generations (
        id         uuid PRIMARY KEY,
        batch_id   uuid NOT NULL REFERENCES batches (id),
        count      integer NOT NULL CHECK (count > 0),
        first_seq  integer NOT NULL,
        last_seq   integer NOT NULL,
        signed     boolean NOT NULL,
        key_id     text REFERENCES label_signing_keys (kid),
        actor_id   text NOT NULL,
        created_at timestamptz NOT NULL,
        CHECK (last_seq - first_seq + 1 = count)
      )`);
    await q.query(`CREATE INDEX unit_generations_batch ON unit_generations (batch_id, first_seq)`);
    await q.query(`
      CREATE TABLE serialised_units (
        batch_id      uuid NOT NULL REFERENCES batches (id),
        seq           integer NOT NULL CHECK (seq >= 1),
        serial        text NOT NULL CHECK (serial ~ '^[!"%&''()*+,./0-9:;<=>?A-Z_a-z-]{1,20}$'),
        gtin          text NOT NULL,
        generation_id uuid NOT NULL REFERENCES unit_generations (id),
        signature     text,
        key_id        text REFERENCES label_signing_keys (kid),
        PRIMARY KEY (batch_id, seq),
        -- GTIN + serial is the unit's identity (SGTIN) worldwide.
        CONSTRAINT serialised_units_sgtin UNIQUE (gtin, serial)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE serialised_units`);
    await q.query(`DROP TABLE unit_generations`);
    await q.query(`DROP TABLE label_signing_keys`);
  }
}
