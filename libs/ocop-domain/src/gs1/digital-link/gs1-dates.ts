/**
 * GS1 dates (AIs 11, 13, 15, 17, 7007): YYMMDD, where DD = 00 means "some day of that month" (the last one for
 * a best-before or expiry date), and the century of YY follows GS1's sliding window around the current year
 * (General Specifications 7.12): up to 49 years back, 50 ahead.
 */

export type Gs1DateProblem = 'format' | 'month' | 'day' | 'outside-window';

const YYMMDD = /^(\d{2})(\d{2})(\d{2})$/;

const daysInMonth = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** The full year GS1 means by a two-digit year, seen from `currentYear`. */
export function gs1Year(yy: number, currentYear: number): number {
  const century = Math.floor(currentYear / 100) * 100;
  const diff = yy - (currentYear % 100);
  if (diff >= 51) return century - 100 + yy;
  if (diff <= -50) return century + 100 + yy;
  return century + yy;
}

/** Checks a YYMMDD value; undefined when it is a valid GS1 date. */
export function gs1DateProblem(value: string, currentYear: number): Gs1DateProblem | undefined {
  const match = YYMMDD.exec(value);
  if (!match) return 'format';
  const [, yy, mm, dd] = match.map(Number);
  if (mm < 1 || mm > 12) return 'month';
  if (dd > daysInMonth(gs1Year(yy, currentYear), mm)) return 'day';
  return undefined;
}

/** YYMMDD → YYYY-MM-DD; DD = 00 becomes the last day of the month. Assumes a valid value. */
export function gs1DateToIso(value: string, currentYear: number): string {
  const [, yy, mm, dd] = (YYMMDD.exec(value) ?? []).map(Number);
  const year = gs1Year(yy, currentYear);
  const day = dd === 0 ? daysInMonth(year, mm) : dd;
  return `${year}-${String(mm).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * YYYY-MM-DD → YYMMDD, or the problem when the date is not a calendar date or lies outside the window that two
 * digits can express (a GS1 reader would read it as another century).
 */
export function isoDateToGs1(
  iso: string,
  currentYear: number,
): { ok: true; value: string } | { ok: false; problem: Gs1DateProblem } {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return { ok: false, problem: 'format' };
  const [, year, month, day] = match.map(Number);
  if (month < 1 || month > 12) return { ok: false, problem: 'month' };
  if (day < 1 || day > daysInMonth(year, month)) return { ok: false, problem: 'day' };
  if (gs1Year(year % 100, currentYear) !== year) return { ok: false, problem: 'outside-window' };
  return { ok: true, value: `${String(year % 100).padStart(2, '0')}${match[2]}${match[3]}` };
}
