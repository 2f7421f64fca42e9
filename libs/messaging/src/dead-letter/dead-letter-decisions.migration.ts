import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who settled a dead letter, and how: replayed (by whom) or discarded with a reason an operator gives. A discarded
 * row is closed like a replayed one, so the "one open row per event" rule counts neither.
 */
export class MessagingDeadLetterDecisions1765300000000 implements MigrationInterface {
  name = 'MessagingDeadLetterDecisions1765300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE dead_letter
        ADD COLUMN replayed_by uuid,
        ADD COLUMN discarded_at timestamptz,
        ADD COLUMN discarded_by uuid,
        ADD COLUMN discard_reason text,
        ADD CONSTRAINT dead_letter_discard_reason_ck CHECK ((discarded_at IS NULL) = (discard_reason IS NULL))`);
    await queryRunner.query('DROP INDEX dead_letter_open_event_uq');
    await queryRunner.query('DROP INDEX dead_letter_open_idx');
    await queryRunner.query(
      `CREATE UNIQUE INDEX dead_letter_open_event_uq ON dead_letter (consumer, event_id)
       WHERE replayed_at IS NULL AND discarded_at IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX dead_letter_open_idx ON dead_letter (consumer, failed_at)
       WHERE replayed_at IS NULL AND discarded_at IS NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX dead_letter_open_idx');
    await queryRunner.query('DROP INDEX dead_letter_open_event_uq');
    await queryRunner.query('DELETE FROM dead_letter WHERE discarded_at IS NOT NULL');
    await queryRunner.query(
      'CREATE UNIQUE INDEX dead_letter_open_event_uq ON dead_letter (consumer, event_id) WHERE replayed_at IS NULL',
    );
    await queryRunner.query(
      'CREATE INDEX dead_letter_open_idx ON dead_letter (consumer, failed_at) WHERE replayed_at IS NULL',
    );
    await queryRunner.query(`
      ALTER TABLE dead_letter
        DROP CONSTRAINT dead_letter_discard_reason_ck,
        DROP COLUMN discard_reason,
        DROP COLUMN discarded_by,
        DROP COLUMN discarded_at,
        DROP COLUMN replayed_by`);
  }
}
