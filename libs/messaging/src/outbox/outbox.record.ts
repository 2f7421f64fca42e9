import type { CloudEvent } from '@ocop/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An event waiting to be (or already) published; written in the same transaction as the change it reports. */
@Entity('outbox')
export class OutboxRecord {
  /** The event id, and the `Nats-Msg-Id` it is published with, so that JetStream drops a re-publish. */
  @PrimaryColumn('uuid')
  id!: string;

  /** Commit-order position: the relay publishes in this order. */
  @Column({ type: 'bigint', insert: false, update: false })
  seq!: string;

  @Column('text')
  type!: string;

  /** The NATS subject, namespace included. */
  @Column('text')
  subject!: string;

  /** The whole CloudEvent, exactly as it is published. */
  @Column('jsonb')
  payload!: CloudEvent;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  /** Failed publish attempts. */
  @Column('integer')
  attempts!: number;

  @Column({ name: 'next_attempt_at', type: 'timestamptz' })
  nextAttemptAt!: Date;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;
}
