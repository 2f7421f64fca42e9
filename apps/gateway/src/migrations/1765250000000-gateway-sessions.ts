import { MigrationInterface, QueryRunner } from 'typeorm';

export class GatewaySessions1765250000000 implements MigrationInterface {
  name = 'GatewaySessions1765250000000';

  async up(q: QueryRunner): Promise<void> {
    // One row per browser session (decision 0050). The cookie holds a random id; only its hash is stored, and the
    // tokens are sealed with SESSION_SECRET, so a copy of this table opens no account.
    await q.query(`
      CREATE TABLE gateway_sessions (
        id_hash             text PRIMARY KEY,
        account_id          uuid NOT NULL,
        refresh_token       text NOT NULL,
        access_token        text NOT NULL,
        access_expires_at   timestamptz NOT NULL,
        created_at          timestamptz NOT NULL,
        last_used_at        timestamptz NOT NULL,
        expires_at          timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX gateway_sessions_account ON gateway_sessions (account_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE gateway_sessions`);
  }
}
