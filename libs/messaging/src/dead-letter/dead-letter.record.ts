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
}
