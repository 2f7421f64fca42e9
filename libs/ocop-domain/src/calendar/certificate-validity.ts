import { addCalendarMonths, endOfVietnamDay, startOfVietnamDay, vietnamDateOf } from './vietnam-calendar';

/** An OCOP certificate is valid for 36 months (QĐ 148/QĐ-TTg, as QĐ 1048/QĐ-TTg before it). */
export const CERTIFICATE_VALIDITY_MONTHS = 36;

export interface CertificateValidity {
  /** The decision's date: the certificate is valid from the start of that day in Viet Nam. */
  validFrom: string;
  /** The last day on which it is valid, inclusive: what every page, PDF, e-mail and report prints. */
  validThrough: string;
  /** The instants the dates stand for: valid on [issuedAt, expiresAt). */
  issuedAt: Date;
  expiresAt: Date;
}

/**
 * The one definition of "valid 36 months" (decision 0035). The Civil Code counts a period in months from the
 * day after the decision (Điều 147) to the end of the corresponding day of the last month, or the last day of
 * that month when it has no such day (Điều 148): a certificate decided on 03/12/2026 is valid through
 * 03/12/2029, one decided on 29/02/2024 through 28/02/2027.
 */
export function certificateValidity(decisionDate: string): CertificateValidity {
  const validThrough = addCalendarMonths(decisionDate, CERTIFICATE_VALIDITY_MONTHS);
  return {
    validFrom: decisionDate,
    validThrough,
    issuedAt: startOfVietnamDay(decisionDate),
    expiresAt: endOfVietnamDay(validThrough),
  };
}

/**
 * The last day of validity of a certificate that stops being valid at `expiresAt` (the first instant it is no
 * longer valid): the day before that instant, in Viet Nam. Services that only hold the instant (lookup,
 * notifications, from events) print the same date as rating does from the decision.
 */
export function certificateValidThrough(expiresAt: Date | string): string {
  const ms = typeof expiresAt === 'string' ? Date.parse(expiresAt) : expiresAt.getTime();
  if (!Number.isFinite(ms)) throw new RangeError(`Not an instant: ${String(expiresAt)}`);
  return vietnamDateOf(ms - 1);
}
