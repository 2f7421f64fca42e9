import { randomUUID } from 'node:crypto';
import { RatingHarness, startRating } from '../../test/rating-harness';
import { CertificateValidityThroughDay1733150000000 } from './1733150000000-certificate-validity-through-day';

/**
 * Certificates stored before decision 0035 stopped at the START of their last day; the migration moves them, and
 * the reminders still to come, to the end of it, as the domain's certificateValidity computes it.
 */
describe('migration: certificate validity through its last day (integration)', () => {
  let h: RatingHarness;

  beforeAll(async () => {
    h = await startRating('validity_migration');
  });

  afterAll(async () => {
    await h?.close();
  });

  it('moves stored expiries and pending reminders to the end of the last valid day, once', async () => {
    const rows = [
      // decision date, expiry stored by the earlier code, expected expiry
      ['2026-12-03', '2029-12-02T17:00:00Z', '2029-12-03T17:00:00.000Z'],
      ['2024-02-29', '2027-02-28T17:00:00Z', '2027-02-28T17:00:00.000Z'],
      ['2023-03-15', '2026-03-14T17:00:00Z', '2026-03-15T17:00:00.000Z'],
    ];
    const ids: string[] = [];
    for (const [i, [decisionDate, expiresAt]] of rows.entries()) {
      const id = randomUUID();
      ids.push(id);
      await h.sql(
        `INSERT INTO certificates (id, number, product_id, producer_id, product_name, producer_name, stars,
                                   decision_ref, decision_date, issued_at, expires_at, status, source, created_by, created_at)
         VALUES ($1, $2, $3, $3, 'Kẹo dừa', 'HTX', 4, '1/QĐ-UBND', $4, ($4::date::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh'),
                 $5, 'issued', 'import', $3, now())`,
        [id, `OLD-${i}`, randomUUID(), decisionDate, expiresAt],
      );
    }
    await h.sql(
      `INSERT INTO certificate_reminders (id, certificate_id, kind, due_at) VALUES
         ($1, $3, 'expiring-30', '2029-11-02T17:00:00Z'), ($2, $3, 'expiring-90', '2029-09-03T17:00:00Z')`,
      [randomUUID(), randomUUID(), ids[0]],
    );
    await h.sql(
      `UPDATE certificate_reminders SET fired_at = now() WHERE kind = 'expiring-90' AND certificate_id = $1`,
      [ids[0]],
    );

    const migration = new CertificateValidityThroughDay1733150000000();
    const runner = h.dataSource.createQueryRunner();
    try {
      await migration.up(runner);
      await migration.up(runner); // a second run changes nothing
    } finally {
      await runner.release();
    }

    const expiries = (await h.sql(`SELECT id, expires_at FROM certificates WHERE id = ANY ($1)`, [ids])) as {
      id: string;
      expires_at: Date;
    }[];
    for (const [i, [, , expected]] of rows.entries()) {
      expect(expiries.find((e) => e.id === ids[i])?.expires_at.toISOString()).toBe(expected);
    }
    const reminders = (await h.sql(
      `SELECT kind, due_at FROM certificate_reminders WHERE certificate_id = $1 ORDER BY kind`,
      [ids[0]],
    )) as { kind: string; due_at: Date }[];
    expect(reminders.map((r) => [r.kind, r.due_at.toISOString()])).toEqual([
      ['expiring-30', '2029-11-03T17:00:00.000Z'], // moved with the expiry
      ['expiring-90', '2029-09-03T17:00:00.000Z'], // already sent: history, unchanged
    ]);
  });
});
