/**
 * Time as the notifications service sees it: retries, leases, digest days. Injected (rather than calling
 * Date.now()) so that tests can move to tomorrow's digest instead of waiting for it.
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

/** The calendar day (YYYY-MM-DD) of an instant in Viet Nam, where a digest's day begins and ends. */
export function vietnamDate(at: Date): string {
  return new Date(at.getTime() + VIETNAM_UTC_OFFSET_MS).toISOString().slice(0, 10);
}

export function vietnamHour(at: Date): number {
  return new Date(at.getTime() + VIETNAM_UTC_OFFSET_MS).getUTCHours();
}
