import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DomainError } from '@ocop/contracts';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { TraceabilityConfig } from '../config';
import { BackgroundJob } from './background-job.entity';
import { JobOutputWriter } from './job-output';

/** A running job's view of itself. */
export interface JobContext {
  job: BackgroundJob;
  /** Records progress (and the heartbeat); cheap to call often, it writes at most every half second. */
  progress(done: number, total?: number): Promise<void>;
  /** The job's output file; call once, and end it. */
  output(): JobOutputWriter;
  /** Aborted when the process shuts down: stop soon, another replica resumes the job. */
  signal: AbortSignal;
}

export type JobHandler = (context: JobContext) => Promise<Record<string, unknown> | void>;

export interface NewJob {
  kind: string;
  actorId: string;
  producerId: string | null;
  params: Record<string, unknown>;
  total?: number;
}

/** A job whose heartbeat is older than this is taken to have lost its process and is claimed again. */
const STALE_AFTER_SECONDS = 60;
const POLL_MS = 2000;
const PROGRESS_EVERY_MS = 500;
const MAX_ATTEMPTS = 3;

/**
 * Runs background jobs on every replica: each claims queued jobs with FOR UPDATE SKIP LOCKED (so a job runs once
 * at a time), up to JOB_CONCURRENCY at once, woken at once for jobs it enqueued itself and by polling for the
 * others'. A failure is recorded as the job's problem; a crash leaves a stale heartbeat, and the job is run again
 * from the start (its output is rewritten), at most three times.
 */
@Injectable()
export class JobRunner implements OnModuleDestroy {
  private readonly logger = new Logger(JobRunner.name);
  private readonly handlers = new Map<string, JobHandler>();
  private readonly running = new Set<Promise<void>>();
  private readonly shutdown = new AbortController();
  private timer?: NodeJS.Timeout;
  private claiming = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: TraceabilityConfig,
  ) {}

  register(kind: string, handler: JobHandler): void {
    this.handlers.set(kind, handler);
  }

  /** Starts working; a serving process calls this (operator commands do not run jobs). */
  start(): void {
    this.timer = setInterval(() => this.kick(), POLL_MS);
    this.timer.unref();
    this.kick();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    this.shutdown.abort();
    await Promise.allSettled(this.running);
  }

  /** Queues a job in the caller's transaction; it starts once that commits (call kick() after). */
  async enqueue(manager: EntityManager, input: NewJob): Promise<BackgroundJob> {
    const job: BackgroundJob = {
      id: randomUUID(),
      kind: input.kind,
      status: 'queued',
      actorId: input.actorId,
      producerId: input.producerId,
      params: input.params,
      done: 0,
      total: input.total ?? null,
      result: null,
      error: null,
      attempts: 0,
      heartbeatAt: null,
      createdAt: new Date(),
      startedAt: null,
      finishedAt: null,
    };
    await manager.getRepository(BackgroundJob).save(job);
    return job;
  }

  /** Claims and starts jobs while there is room. */
  kick(): void {
    if (this.claiming || !this.timer || this.shutdown.signal.aborted) return;
    this.claiming = true;
    void this.claimWhileRoom()
      .catch((err: unknown) => this.logger.warn({ err }, 'claiming background jobs failed'))
      .finally(() => (this.claiming = false));
  }

  get(id: string): Promise<BackgroundJob | null> {
    return this.dataSource.getRepository(BackgroundJob).findOneBy({ id });
  }

  private async claimWhileRoom(): Promise<void> {
    while (this.running.size < this.config.JOB_CONCURRENCY && !this.shutdown.signal.aborted) {
      const job = await this.claim();
      if (!job) return;
      const run: Promise<void> = this.run(job).finally(() => {
        this.running.delete(run);
        this.kick();
      });
      this.running.add(run);
    }
  }

  private async claim(): Promise<BackgroundJob | undefined> {
    const kinds = [...this.handlers.keys()];
    if (!kinds.length) return undefined;
    // TypeORM answers an UPDATE with [rows, affected].
    const [rows] = (await this.dataSource.query(
      `UPDATE background_jobs
          SET status = 'running', attempts = attempts + 1, heartbeat_at = now(),
              started_at = COALESCE(started_at, now())
        WHERE id = (
          SELECT id FROM background_jobs
           WHERE kind = ANY($1)
             AND (status = 'queued' OR (status = 'running' AND heartbeat_at < now() - make_interval(secs => $2)))
           ORDER BY created_at
           FOR UPDATE SKIP LOCKED
           LIMIT 1)
        RETURNING id`,
      [kinds, STALE_AFTER_SECONDS],
    )) as [{ id: string }[], number];
    if (!rows.length) return undefined;
    return (await this.get(rows[0].id)) ?? undefined;
  }

  private async run(job: BackgroundJob): Promise<void> {
    const handler = this.handlers.get(job.kind);
    if (!handler) return;
    if (job.attempts > MAX_ATTEMPTS) {
      await this.finish(job.id, 'failed', null, {
        type: 'urn:ocop:problem:job-abandoned',
        title: 'Job abandoned',
        status: 500,
        code: 'job-abandoned',
        detail: `The job stopped ${MAX_ATTEMPTS} times without finishing.`,
      });
      return;
    }
    // A rerun starts from scratch: drop what an interrupted attempt wrote.
    await this.dataSource.query(`DELETE FROM job_output_chunks WHERE job_id = $1`, [job.id]);
    let lastWrite = 0;
    let output: JobOutputWriter | undefined;
    const context: JobContext = {
      job,
      signal: this.shutdown.signal,
      progress: async (done, total) => {
        const now = Date.now();
        if (now - lastWrite < PROGRESS_EVERY_MS && done !== total) return;
        lastWrite = now;
        await this.dataSource.query(
          `UPDATE background_jobs SET done = $2, total = COALESCE($3, total), heartbeat_at = now() WHERE id = $1`,
          [job.id, done, total ?? null],
        );
      },
      output: () => (output ??= new JobOutputWriter(this.dataSource, job.id)),
    };
    try {
      const result = (await handler(context)) ?? {};
      await this.finish(
        job.id,
        'succeeded',
        { ...result, ...(output ? { outputBytes: output.bytes } : {}) },
        null,
      );
    } catch (err) {
      if (this.shutdown.signal.aborted) return; // left running: another replica resumes it after the heartbeat ages
      if (!(err instanceof DomainError)) this.logger.error({ err, jobId: job.id }, 'background job failed');
      const problem =
        err instanceof DomainError
          ? err.toProblem()
          : {
              type: 'urn:ocop:problem:internal-error',
              title: 'Internal error',
              status: 500,
              code: 'internal-error',
              detail: 'The job failed on our side; the job id identifies it in our logs.',
            };
      await this.finish(job.id, 'failed', null, problem);
    }
  }

  private async finish(
    id: string,
    status: 'succeeded' | 'failed',
    result: Record<string, unknown> | null,
    error: BackgroundJob['error'],
  ): Promise<void> {
    await this.dataSource.query(
      `UPDATE background_jobs
          SET status = $2, result = $3, error = $4, finished_at = now(), heartbeat_at = now(),
              done = CASE WHEN $2 = 'succeeded' THEN COALESCE(total, done) ELSE done END
        WHERE id = $1`,
      [
        id,
        status,
        result === null ? null : JSON.stringify(result),
        error === null ? null : JSON.stringify(error),
      ],
    );
  }
}
