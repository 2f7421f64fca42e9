import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An event a consumer gave up on: kept whole, with why, until an operator replays it. */
@Entity('dead_letter')
export class DeadLetterRecord {
  @PrimaryColumn('uuid')
  id!: string;

  /** The consuming service. */
  @Column('text')
  consumer!: string;

  /** Null when the message was not a CloudEvent at all. */
  @Column({ name: 'event_id', type: 'text', nullable: true })
  eventId!: string | null;

  @Column({ name: 'event_type', type: 'text', nullable: true })
  eventType!: string | null;

  @Column('text')
  subject!: string;

  /** The event as received (a message that was not JSON is kept as `{ "raw": "<text>" }`). */
  @Column('jsonb')
  payload!: unknown;

  @Column('text')
  error!: string;

  @Column({ name: 'error_stack', type: 'text', nullable: true })
  errorStack!: string | null;

  /** Deliveries tried before giving up (plus failed replays). */
  @Column('integer')
  attempts!: number;

  @Column({ name: 'failed_at', type: 'timestamptz' })
  failedAt!: Date;

  @Column({ name: 'replayed_at', type: 'timestamptz', nullable: true })
  replayedAt!: Date | null;

  /** The operator's account; null for a replay from the command line. */
  @Column({ name: 'replayed_by', type: 'uuid', nullable: true })
  replayedBy!: string | null;

  /** Given up for good, with why (an event that no longer applies, or a malformed message). */
  @Column({ name: 'discarded_at', type: 'timestamptz', nullable: true })
  discardedAt!: Date | null;

  @Column({ name: 'discarded_by', type: 'uuid', nullable: true })
  discardedBy!: string | null;

  @Column({ name: 'discard_reason', type: 'text', nullable: true })
  discardReason!: string | null;
}
