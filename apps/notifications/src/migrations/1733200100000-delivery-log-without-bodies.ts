import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Until decision 0028 a failed webhook's log kept the first 500 characters of the receiver's answer
 * ("HTTP 500: <body>"), and receivers' error pages can hold anything, secrets included. The log now keeps the
 * status only; this removes the bodies already stored, in the three places they were copied to.
 */
export class DeliveryLogWithoutBodies1733200100000 implements MigrationInterface {
  name = 'DeliveryLogWithoutBodies1733200100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `UPDATE deliveries SET last_error = substring(last_error from '^HTTP [0-9]{3}')
        WHERE channel = 'webhook' AND last_error ~ '^HTTP [0-9]{3}: '`,
    );
    await q.query(
      `UPDATE webhook_subscriptions
          SET disabled_reason = regexp_replace(disabled_reason, '(; last: HTTP [0-9]{3}): .*$', '\\1')
        WHERE disabled_reason ~ '; last: HTTP [0-9]{3}: '`,
    );
    // "attempt 3: HTTP 500: <body>; retry at <time>" or "… (giving up)": the body goes, the rest stays.
    await q.query(
      `UPDATE execution_log
          SET detail = regexp_replace(detail,
                '^(attempt [0-9]+: HTTP [0-9]{3}): .*( \\(giving up\\)|; retry at [0-9T:.Z-]+)$', '\\1\\2')
        WHERE step = 'send-webhook' AND detail ~ '^attempt [0-9]+: HTTP [0-9]{3}: '`,
    );
    // A detail cut short at 2,000 characters lost its ending: keep the attempt and the status.
    await q.query(
      `UPDATE execution_log SET detail = substring(detail from '^attempt [0-9]+: HTTP [0-9]{3}')
        WHERE step = 'send-webhook' AND detail ~ '^attempt [0-9]+: HTTP [0-9]{3}: '`,
    );
  }

  async down(): Promise<void> {
    // The bodies are gone for good, which is the point.
  }
}
