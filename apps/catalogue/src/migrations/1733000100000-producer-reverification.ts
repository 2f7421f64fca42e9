import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Decision 0024: once an officer has verified a producer's identity, a change to it waits in `pending_identity`
 * while the row keeps the verified values the public sees; the producer is `pending-reverification` meanwhile and
 * stays public (its products stay in the search), like a verified one.
 */
export class ProducerReverification1733000100000 implements MigrationInterface {
  name = 'ProducerReverification1733000100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE producers DROP CONSTRAINT producers_status_check`);
    await q.query(`
      ALTER TABLE producers
        ADD CONSTRAINT producers_status_check
          CHECK (status IN ('pending', 'verified', 'pending-reverification', 'suspended')),
        ADD COLUMN identity_verified_at timestamptz,
        ADD COLUMN pending_identity     jsonb,
        ADD COLUMN pending_since        timestamptz,
        ADD COLUMN pending_by           text`);
    // A suspended producer may never have been verified: only rows verified now are known to have been.
    await q.query(
      `UPDATE producers SET identity_verified_at = coalesce(status_changed_at, updated_at) WHERE status = 'verified'`,
    );
    await q.query(`
      ALTER TABLE producers
        ADD CONSTRAINT producers_reverification_has_change
          CHECK (status <> 'pending-reverification' OR pending_identity IS NOT NULL),
        ADD CONSTRAINT producers_change_of_verified
          CHECK (pending_identity IS NULL OR identity_verified_at IS NOT NULL),
        ADD CONSTRAINT producers_change_complete
          CHECK ((pending_identity IS NULL) = (pending_since IS NULL) AND (pending_since IS NULL) = (pending_by IS NULL))`);
    // Two producers may not ask for one tax code, nor ask for one another has.
    await q.query(
      `CREATE INDEX producers_pending_tax_code ON producers ((pending_identity ->> 'taxCode')) WHERE pending_identity IS NOT NULL`,
    );
    await this.copyPublicWhen(
      q,
      `r.status IN ('verified', 'pending-reverification')`,
      `NEW.status IN ('verified', 'pending-reverification')`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await this.copyPublicWhen(q, `r.status = 'verified'`, `NEW.status = 'verified'`);
    await q.query(`DROP INDEX producers_pending_tax_code`);
    await q.query(`UPDATE producers SET status = 'verified' WHERE status = 'pending-reverification'`);
    await q.query(`
      ALTER TABLE producers
        DROP CONSTRAINT producers_change_complete,
        DROP CONSTRAINT producers_change_of_verified,
        DROP CONSTRAINT producers_reverification_has_change,
        DROP COLUMN pending_by,
        DROP COLUMN pending_since,
        DROP COLUMN pending_identity,
        DROP COLUMN identity_verified_at,
        DROP CONSTRAINT producers_status_check`);
    await q.query(
      `ALTER TABLE producers ADD CONSTRAINT producers_status_check CHECK (status IN ('pending', 'verified', 'suspended'))`,
    );
  }

  /** The triggers of 1733000000000 with another rule for "this producer's products are public". */
  private async copyPublicWhen(q: QueryRunner, fromRow: string, fromNew: string): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION products_copy_producer() RETURNS trigger LANGUAGE plpgsql AS $body$
      BEGIN
        SELECT concat_ws(' ', r.name, r.trading_name), ${fromRow}, r.type,
               r.bt2022_district_code, r.bt2022_commune_code, r.vl2025_commune_code
          INTO NEW.producer_name, NEW.producer_verified, NEW.producer_type,
               NEW.bt2022_district_code, NEW.bt2022_commune_code, NEW.vl2025_commune_code
          FROM producers r WHERE r.id = NEW.producer_id;
        RETURN NEW;
      END
      $body$`);
    await q.query(`
      CREATE OR REPLACE FUNCTION producers_sync_products() RETURNS trigger LANGUAGE plpgsql AS $body$
      BEGIN
        UPDATE products
           SET producer_name = concat_ws(' ', NEW.name, NEW.trading_name), producer_verified = ${fromNew},
               producer_type = NEW.type, bt2022_district_code = NEW.bt2022_district_code,
               bt2022_commune_code = NEW.bt2022_commune_code, vl2025_commune_code = NEW.vl2025_commune_code
         WHERE producer_id = NEW.id;
        RETURN NULL;
      END
      $body$`);
  }
}
