import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Scans are told apart by network, no longer by address and user agent (decision 0029). The earlier rows keep
 * their client hash as history; only network hashes are counted, so that within the first window after the change
 * a unit's old clients and new networks are not added up as if they were different scanners.
 */
export class ScanNetworks1733200029000 implements MigrationInterface {
  name = 'ScanNetworks1733200029000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE unit_scans ALTER COLUMN client_hash DROP NOT NULL`);
    await q.query(`ALTER TABLE unit_scans ADD COLUMN network_hash text`);
    await q.query(`
      ALTER TABLE unit_scans ADD CONSTRAINT unit_scans_one_identity
        CHECK ((client_hash IS NULL) <> (network_hash IS NULL))`);
    await q.query(
      `COMMENT ON TABLE unit_scans IS 'Scans of a unit from one network within one flush (about a second)'`,
    );
    await q.query(
      `COMMENT ON COLUMN unit_scans.client_hash IS 'Rows before decision 0029: HMAC of address and user agent, not counted'`,
    );
    await q.query(
      `COMMENT ON COLUMN unit_scans.network_hash IS 'HMAC of the network scanned from (IPv4 /24, IPv6 /48)'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE unit_scans DROP CONSTRAINT unit_scans_one_identity`);
    await q.query(`UPDATE unit_scans SET client_hash = network_hash WHERE client_hash IS NULL`);
    await q.query(`ALTER TABLE unit_scans DROP COLUMN network_hash`);
    await q.query(`ALTER TABLE unit_scans ALTER COLUMN client_hash SET NOT NULL`);
    await q.query(
      `COMMENT ON TABLE unit_scans IS 'Scans of a unit by one client within one flush (about a second)'`,
    );
  }
}
