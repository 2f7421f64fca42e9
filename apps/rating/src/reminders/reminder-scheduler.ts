import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { CertificateExpiringV1, RatingEvents } from '@ocop/contracts';
import { EventOutbox } from '@ocop/messaging';
import { DataSource } from 'typeorm';
import { Certificate, certificateV1 } from '../certificates/certificate.entity';
import { Clock } from '../common/clock';
import { RatingConfig } from '../config';
import { REMINDER_PLAN, ReminderKind } from './certificate-reminders';

const BATCH = 100;

interface DueRow {
  reminder_id: string;
  kind: ReminderKind;
  certificate_id: string;
}

/**
 * Fires due certificate reminders and expiries. Every replica polls; a due row is claimed with its certificate
 * (FOR UPDATE … SKIP LOCKED), its event is written to the outbox and the row marked fired in that one transaction:
 * so each fires exactly once, however many replicas run and whenever they restart, and a replica that was down
 * catches up on what fell due meanwhile.
 */
@Injectable()
export class ReminderScheduler implements BeforeApplicationShutdown {
  private readonly logger = new Logger(ReminderScheduler.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;
  private stopped = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: EventOutbox,
    private readonly clock: Clock,
    private readonly config: RatingConfig,
  ) {}

  /** Started by a serving process only (not by operator commands), like the outbox relay. */
  start(): void {
    this.schedule(0);
  }

  /** Before the database pool closes: the pass in hand finishes (or rolls back), no new one starts. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running?.catch(() => undefined);
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.runOnce()
        .catch((err: unknown) => this.logger.error({ err }, 'certificate reminders failed; will retry'))
        .finally(() => this.schedule(this.config.REMINDER_POLL_MS));
    }, delayMs);
    this.timer.unref();
  }

  /** Fires everything due now; returns how many fired. Passes of one replica run one after another. */
  runOnce(): Promise<number> {
    const pass = (this.running ?? Promise.resolve(0)).catch(() => 0).then(() => this.drain());
    this.running = pass;
    const settled = () => {
      if (this.running === pass) this.running = undefined;
    };
    pass.then(settled, settled);
    return pass;
  }

  private async drain(): Promise<number> {
    let fired = 0;
    for (;;) {
      const batch = await this.fireBatch();
      fired += batch;
      if (batch < BATCH) return fired;
    }
  }

  private fireBatch(): Promise<number> {
    const now = this.clock.now();
    return this.dataSource.transaction(async (manager) => {
      const due: DueRow[] = await manager.query(
        `SELECT r.id AS reminder_id, r.kind, r.certificate_id
           FROM certificate_reminders r JOIN certificates c ON c.id = r.certificate_id
          WHERE r.fired_at IS NULL AND r.cancelled_at IS NULL AND r.due_at <= $1
          ORDER BY r.due_at, r.id
          LIMIT ${BATCH}
          FOR UPDATE OF r, c SKIP LOCKED`,
        [now],
      );
      for (const row of due) {
        const certificate = await manager.findOneByOrFail(Certificate, { id: row.certificate_id });
        if (certificate.status !== 'issued') {
          // Revoked or superseded after the row was written: nothing to say any more.
          await manager.query(`UPDATE certificate_reminders SET cancelled_at = $2 WHERE id = $1`, [
            row.reminder_id,
            now,
          ]);
          continue;
        }
        if (row.kind === 'expired') {
          certificate.status = 'expired';
          await manager.save(certificate);
          await this.outbox.add(manager, {
            type: RatingEvents.certificateExpired,
            subject: certificate.id,
            data: certificateV1(certificate),
          });
        } else {
          const daysBefore = REMINDER_PLAN.find((p) => p.kind === row.kind)
            ?.daysBefore as CertificateExpiringV1['daysBefore'];
          const data: CertificateExpiringV1 = { ...certificateV1(certificate), daysBefore };
          await this.outbox.add(manager, {
            type: RatingEvents.certificateExpiring,
            subject: certificate.id,
            data,
          });
        }
        await manager.query(`UPDATE certificate_reminders SET fired_at = $2 WHERE id = $1`, [
          row.reminder_id,
          now,
        ]);
      }
      return due.length;
    });
  }
}
