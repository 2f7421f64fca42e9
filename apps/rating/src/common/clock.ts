/**
 * Time as the rating service sees it: reminders, expiries, deadlines. Injected (rather than calling Date.now())
 * so that tests can move it forward by months instead of waiting.
 */
export abstract class Clock {
  abstract now(): Date;
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

const VIETNAM_UTC_OFFSET_MS = 7 * 3600 * 1000;

/** The calendar day (YYYY-MM-DD) of an instant in Viet Nam, where deadlines and decisions are dated. */
export function vietnamDate(at: Date): string {
  return new Date(at.getTime() + VIETNAM_UTC_OFFSET_MS).toISOString().slice(0, 10);
}

/** Midnight at the start of a Vietnamese calendar day, as an instant. */
export function startOfVietnamDay(date: string): Date {
  return new Date(Date.parse(`${date}T00:00:00+07:00`));
}
