import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A create request's Idempotency-Key and its answer, per actor, for 24 hours (see IdempotencyService). */
@Entity({ name: 'idempotency_keys' })
export class IdempotencyKey {
  @PrimaryColumn({ name: 'actor_id', type: 'text' })
  actorId!: string;

  @PrimaryColumn({ type: 'text' })
  key!: string;

  @Column({ type: 'text' })
  operation!: string;

  /** sha256 of the operation and the request body: the same key with another body is refused, not replayed. */
  @Column({ type: 'text' })
  fingerprint!: string;

  @Column({ type: 'jsonb', nullable: true })
  response!: unknown;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;
}
