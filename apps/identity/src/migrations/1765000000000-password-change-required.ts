import { MigrationInterface, QueryRunner } from 'typeorm';

/** Accounts whose next session may only change the password: the bootstrap admin, created from configuration. */
export class PasswordChangeRequired1765000000000 implements MigrationInterface {
  name = 'PasswordChangeRequired1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE accounts ADD COLUMN password_change_required boolean NOT NULL DEFAULT false`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE accounts DROP COLUMN password_change_required`);
  }
}
