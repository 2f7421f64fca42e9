import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Password resets a person asked for by e-mail: the token's SHA-256 only (the token itself goes out sealed, to be
 * mailed), when it stops working and when it was used. Requests per account and hour are counted from here.
 */
export class PasswordResets1765100000000 implements MigrationInterface {
  name = 'PasswordResets1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE password_resets (
        id uuid PRIMARY KEY,
        account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        token_hash bytea NOT NULL UNIQUE,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz
      )`);
    await q.query(`CREATE INDEX password_resets_account_created ON password_resets (account_id, created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE password_resets`);
  }
}
