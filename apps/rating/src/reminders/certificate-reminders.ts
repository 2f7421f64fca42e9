import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';

export type ReminderKind = 'expiring-90' | 'expiring-30' | 'expiring-7' | 'expired';

/** What is due when, relative to a certificate's expiry: three warnings, then the expiry itself. */
export const REMINDER_PLAN: readonly { kind: ReminderKind; daysBefore: 90 | 30 | 7 | 0 }[] = [
  { kind: 'expiring-90', daysBefore: 90 },
  { kind: 'expiring-30', daysBefore: 30 },
  { kind: 'expiring-7', daysBefore: 7 },
  { kind: 'expired', daysBefore: 0 },
] as const;

const DAY_MS = 24 * 3600 * 1000;

/**
 * The reminder rows of a certificate, written in the transaction that issues, revokes or supersedes it, so that the
 * schedule always matches the certificate's state.
 */
@Injectable()
export class CertificateReminders {
  /** Warnings whose moment has already passed (a certificate imported close to expiry) are not scheduled. */
  async schedule(
    manager: EntityManager,
    certificate: { id: string; expiresAt: Date },
    now: Date,
  ): Promise<void> {
    for (const { kind, daysBefore } of REMINDER_PLAN) {
      const dueAt = new Date(certificate.expiresAt.getTime() - daysBefore * DAY_MS);
      if (kind !== 'expired' && dueAt <= now) continue;
      await manager.query(
        `INSERT INTO certificate_reminders (id, certificate_id, kind, due_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (certificate_id, kind) DO NOTHING`,
        [randomUUID(), certificate.id, kind, dueAt],
      );
    }
  }

  async cancel(manager: EntityManager, certificateId: string, now: Date): Promise<void> {
    await manager.query(
      `UPDATE certificate_reminders SET cancelled_at = $2
        WHERE certificate_id = $1 AND fired_at IS NULL AND cancelled_at IS NULL`,
      [certificateId, now],
    );
  }
}
