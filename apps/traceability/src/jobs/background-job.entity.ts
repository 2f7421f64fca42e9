import { Problem } from '@ocop/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';

export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed';

/**
 * Work too long for a request (EPCIS captures, label runs of thousands of units): queued in the database, claimed
 * by any replica, with progress a client can poll and a heartbeat that lets another replica take over a job
 * whose process died.
 */
@Entity({ name: 'background_jobs' })
export class BackgroundJob {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'text' })
  kind!: string;

  @Column({ type: 'text' })
  status!: JobStatus;

  @Column({ name: 'actor_id', type: 'text' })
  actorId!: string;

  /** Whose data the job is about; null for platform-wide jobs (an admin's capture). */
  @Column({ name: 'producer_id', type: 'uuid', nullable: true })
  producerId!: string | null;

  @Column({ type: 'jsonb' })
  params!: Record<string, unknown>;

  @Column({ type: 'integer' })
  done!: number;

  @Column({ type: 'integer', nullable: true })
  total!: number | null;

  @Column({ type: 'jsonb', nullable: true })
  result!: Record<string, unknown> | null;

  @Column({ type: 'jsonb', nullable: true })
  error!: Problem | null;

  @Column({ type: 'integer' })
  attempts!: number;

  @Column({ name: 'heartbeat_at', type: 'timestamptz', nullable: true })
  heartbeatAt!: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt!: Date | null;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;
}
