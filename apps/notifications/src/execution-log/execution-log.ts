import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../common/clock';

export type StepOutcome = 'ok' | 'skipped' | 'failed';

export interface ExecutionStep {
  eventId?: string;
  eventType?: string;
  workflow?: string;
  deliveryId?: string;
  accountId?: string;
  /** e.g. plan, recipients, in-app, email, webhook, digest, send, disable, replay. */
  step: string;
  outcome: StepOutcome;
  detail?: string;
}

/**
 * The execution log: every step of every workflow and every send attempt, with its outcome, so that "why did
 * this producer not get the recall mail" has an answer. Planning steps are written in the plan's transaction (a
 * rolled-back plan leaves no trace but its retry's); send steps in the dispatcher's.
 */
@Injectable()
export class ExecutionLog {
  private readonly logger = new Logger('ExecutionLog');

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async record(step: ExecutionStep, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.query(
      `INSERT INTO execution_log (event_id, event_type, workflow, delivery_id, account_id, step, outcome, detail, at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        step.eventId ?? null,
        step.eventType ?? null,
        step.workflow ?? null,
        step.deliveryId ?? null,
        step.accountId ?? null,
        step.step,
        step.outcome,
        step.detail?.slice(0, 2000) ?? null,
        this.clock.now(),
      ],
    );
    if (step.outcome === 'failed') this.logger.warn(step, `notification step ${step.step} failed`);
  }
}
