import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A council member's note on a submitted scoresheet that stands far apart from the others' (issue 18, decision
 * 0057): the chair finalises only once each such sheet is explained. The lock trigger already refuses any change
 * after finalisation, notes included.
 */
export class ScoresheetSpreadNotes1733160000000 implements MigrationInterface {
  name = 'ScoresheetSpreadNotes1733160000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE scoresheets ADD COLUMN note text, ADD COLUMN noted_at timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE scoresheets DROP COLUMN note, DROP COLUMN noted_at`);
  }
}
