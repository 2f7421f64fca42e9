import { MigrationInterface, QueryRunner } from 'typeorm';

/** The first instant after a certificate's last valid day (decision 0035), from its decision date, in SQL. */
const EXPIRES_AT = `(((decision_date + interval '36 months')::date + 1)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh')`;

/**
 * One definition of "valid 36 months" (decision 0035): a certificate is valid through the corresponding day 36
 * months after its decision (the last day of that month when it has none), to the end of that day in Viet Nam.
 * Certificates stored before stopped at the START of that day, a day earlier than their PDF and e-mails said; their
 * expiry, and the reminders still to come, move to the end of it. Postgres adds months as the Civil Code counts
 * them: 2024-02-29 + 36 months is 2027-02-28.
 */
export class CertificateValidityThroughDay1733150000000 implements MigrationInterface {
  name = 'CertificateValidityThroughDay1733150000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      UPDATE certificate_reminders r SET due_at = r.due_at + (${EXPIRES_AT} - c.expires_at)
        FROM certificates c
       WHERE r.certificate_id = c.id AND r.fired_at IS NULL AND r.cancelled_at IS NULL
         AND c.expires_at <> ${EXPIRES_AT}`);
    await q.query(`UPDATE certificates SET expires_at = ${EXPIRES_AT} WHERE expires_at <> ${EXPIRES_AT}`);
  }

  async down(q: QueryRunner): Promise<void> {
    const startOfDay = `((decision_date + interval '36 months')::date::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh')`;
    await q.query(`
      UPDATE certificate_reminders r SET due_at = r.due_at + (${startOfDay} - c.expires_at)
        FROM certificates c
       WHERE r.certificate_id = c.id AND r.fired_at IS NULL AND r.cancelled_at IS NULL`);
    await q.query(`UPDATE certificates SET expires_at = ${startOfDay}`);
  }
}
