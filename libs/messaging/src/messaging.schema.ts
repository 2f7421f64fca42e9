import { MigrationInterface, QueryRunner } from 'typeorm';
import { OUTBOX_CHANNEL } from './outbox/outbox-channel';

/** The outbox, inbox and dead_letter tables, in every service database that uses messaging. */
export class MessagingSchema1732800000000 implements MigrationInterface {
  name = 'MessagingSchema1732800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE outbox (
        id uuid PRIMARY KEY,
        seq bigint GENERATED ALWAYS AS IDENTITY,
        type text NOT NULL,
        subject text NOT NULL,
        payload jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        last_error text,
        published_at timestamptz
      )`);
    // The relay's claim walks the unpublished rows in commit order; the purge finds old published ones.
    await queryRunner.query('CREATE INDEX outbox_unpublished_idx ON outbox (seq) WHERE published_at IS NULL');
    await queryRunner.query(
      'CREATE INDEX outbox_published_at_idx ON outbox (published_at) WHERE published_at IS NOT NULL',
    );
    await queryRunner.query(
      `COMMENT ON TABLE outbox IS 'Events to publish; NOTIFY ${OUTBOX_CHANNEL} on write'`,
    );

    await queryRunner.query(`
      CREATE TABLE inbox (
        consumer text NOT NULL,
        event_id text NOT NULL,
        event_type text NOT NULL,
        handled_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consumer, event_id)
      )`);

    await queryRunner.query(`
      CREATE TABLE dead_letter (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        consumer text NOT NULL,
        event_id text,
        event_type text,
        subject text NOT NULL,
        payload jsonb NOT NULL,
        error text NOT NULL,
        error_stack text,
        attempts integer NOT NULL,
        failed_at timestamptz NOT NULL DEFAULT now(),
        replayed_at timestamptz
      )`);
    // One open row per event and consumer, however often a dying consumer gives up on it.
    await queryRunner.query(
      'CREATE UNIQUE INDEX dead_letter_open_event_uq ON dead_letter (consumer, event_id) WHERE replayed_at IS NULL',
    );
    await queryRunner.query(
      'CREATE INDEX dead_letter_open_idx ON dead_letter (consumer, failed_at) WHERE replayed_at IS NULL',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE dead_letter');
    await queryRunner.query('DROP TABLE inbox');
    await queryRunner.query('DROP TABLE outbox');
  }
}
