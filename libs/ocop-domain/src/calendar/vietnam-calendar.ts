/**
 * The one calendar of the platform. Every date a person reads (pages, PDFs, e-mails, CSV and XLSX reports) is a
 * calendar date in Viet Nam (Asia/Ho_Chi_Minh, UTC+7 all year: Viet Nam has no daylight saving time), whatever the
 * server's time zone; instants are stored in UTC. Dates are ISO strings (YYYY-MM-DD) between functions and
 * dd/MM/yyyy when printed.
 */

/** Viet Nam has kept UTC+7 without daylight saving since 1975, so a fixed offset is exact for every date we hold. */
export const VIETNAM_UTC_OFFSET_MS = 7 * 3600 * 1000;
const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The calendar date (YYYY-MM-DD) of an instant in Viet Nam: 31/12 at 23:30 there (16:30 UTC) is still 31/12. */
export function vietnamDateOf(at: Date | number): string {
  const ms = typeof at === 'number' ? at : at.getTime();
  return new Date(ms + VIETNAM_UTC_OFFSET_MS).toISOString().slice(0, 10);
}

/** Today's date in Viet Nam at `now` (the caller's clock, so that tests can move it). */
export function vietnamToday(now: Date): string {
  return vietnamDateOf(now);
}

/** Whether `value` is a real calendar date written YYYY-MM-DD (2023-02-29 is not). */
export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

function parts(date: string): [number, number, number] {
  if (!isIsoDate(date)) throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${date}`);
  return date.split('-').map(Number) as [number, number, number];
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const iso = (y: number, m: number, d: number) => `${pad(y, 4)}-${pad(m)}-${pad(d)}`;

/** Days in a month (1–12) of a year, leap years included. */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The first instant of a Vietnamese calendar day (its midnight in Viet Nam, 17:00 UTC the day before). */
export function startOfVietnamDay(date: string): Date {
  const [y, m, d] = parts(date);
  return new Date(Date.UTC(y, m - 1, d) - VIETNAM_UTC_OFFSET_MS);
}

/** The first instant after a Vietnamese calendar day: where "until the end of that day" stops. */
export function endOfVietnamDay(date: string): Date {
  return new Date(startOfVietnamDay(date).getTime() + DAY_MS);
}

/** A calendar date `days` later (or earlier, when negative). */
export function addCalendarDays(date: string, days: number): string {
  const [y, m, d] = parts(date);
  return new Date(Date.UTC(y, m - 1, d) + days * DAY_MS).toISOString().slice(0, 10);
}

/**
 * The corresponding day `months` later; when that month has no such day (31/01 → February, 29/02 → a common
 * year) it is the last day of that month, as the Civil Code counts a period in months (Điều 148 BLDS 2015).
 */
export function addCalendarMonths(date: string, months: number): string {
  const [y, m, d] = parts(date);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return iso(year, month, Math.min(d, daysInMonth(year, month)));
}

/** dd/MM/yyyy, as Vietnamese documents are dated: of a calendar date, or of an instant's date in Viet Nam. */
export function formatVietnameseDate(at: string | Date): string {
  const date =
    typeof at === 'string' ? (ISO_DATE.test(at) ? at : vietnamDateOf(new Date(at))) : vietnamDateOf(at);
  const [y, m, d] = parts(date);
  return `${pad(d)}/${pad(m)}/${pad(y, 4)}`;
}

/** HH:mm dd/MM/yyyy (UTC+7): an instant as a person in Viet Nam reads a clock, e.g. when a link expires. */
export function formatVietnameseDateTime(at: Date): string {
  const local = new Date(at.getTime() + VIETNAM_UTC_OFFSET_MS);
  const time = `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}`;
  return `${time} ${formatVietnameseDate(at)} (UTC+7)`;
}

/**
 * A date as an office writes it, 15/03/2023 or 2023-03-15 (what spreadsheets export), as YYYY-MM-DD; undefined
 * when it is not a real date.
 */
export function parseVietnameseDate(value: string): string | undefined {
  const vn = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value.trim());
  const date = vn ? `${vn[3]}-${vn[2].padStart(2, '0')}-${vn[1].padStart(2, '0')}` : value.trim();
  return isIsoDate(date) ? date : undefined;
}
