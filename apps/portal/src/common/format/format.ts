import { currentLanguage } from '../i18n/i18n';

// Every date and time a person reads is Viet Nam's, whatever the device's zone (architecture: store UTC, show
// Asia/Ho_Chi_Minh).
export const VIETNAM_TIME_ZONE = 'Asia/Ho_Chi_Minh';

const locale = () => (currentLanguage() === 'en' ? 'en-GB' : 'vi-VN');

/** An instant as Viet Nam's clock shows it, in the reader's language; a dash for nothing or an unreadable value. */
function inVietnam(value: string | Date | null | undefined, parts: Intl.DateTimeFormatOptions): string {
  if (!value) return '—';
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return '—';
  return new Intl.DateTimeFormat(locale(), { timeZone: VIETNAM_TIME_ZONE, ...parts }).format(date);
}

/** 03/12/2026 in both languages: day first, as people in Viet Nam write it. */
export function formatDate(value: string | Date | null | undefined): string {
  return inVietnam(value, { day: '2-digit', month: '2-digit', year: 'numeric' });
}

/** 03/12/2026 14:05 (Viet Nam time). */
export function formatDateTime(value: string | Date | null | undefined): string {
  return inVietnam(value, {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  });
}

/**
 * The last day a certificate is valid, from the first instant it no longer is (the services' `expiresAt`): the
 * day before that instant, in Viet Nam, as the certificate's PDF, the shopper's page and every notice print it.
 */
export function formatValidThrough(expiresAt: string | null | undefined): string {
  const ms = expiresAt ? Date.parse(expiresAt) : Number.NaN;
  return Number.isNaN(ms) ? '—' : formatDate(new Date(ms - 1));
}

/** A calendar date the services send as YYYY-MM-DD (expiry, harvest day): shown as DD/MM/YYYY, no zone shift. */
export function formatCalendarDate(value: string | null | undefined): string {
  const match = value ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null;
  return match ? `${match[3]}/${match[2]}/${match[1]}` : (value ?? '—');
}

/** Whole days from today (Viet Nam) to a calendar date; negative when it has passed. */
export function daysUntil(calendarDate: string, now: Date = new Date()): number {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: VIETNAM_TIME_ZONE }).format(now);
  return Math.round((Date.parse(calendarDate) - Date.parse(today)) / 86_400_000);
}

export function formatNumber(value: number): string {
  return new Intl.NumberFormat(locale()).format(value);
}

const megabytes = (bytes: number) => formatNumber(Math.round((bytes / 1024 / 1024) * 10) / 10);

/** A file's size as people read it: "12 KB", "3,4 MB" (at least 1 KB: a tiny file is not "0 KB"). */
export function formatBytes(bytes: number): string {
  return bytes < 1024 * 1024
    ? `${formatNumber(Math.max(1, Math.round(bytes / 1024)))} KB`
    : `${megabytes(bytes)} MB`;
}

/** Megabytes with one decimal, for limits ("tối đa 10 MB"). */
export function formatMegabytes(bytes: number): string {
  return megabytes(bytes);
}

/** Today's calendar date in Viet Nam, as YYYY-MM-DD (the services' "as of" days). */
export function vietnamToday(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: VIETNAM_TIME_ZONE }).format(now);
}
