import { readFileSync } from 'node:fs';

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

/**
 * System time moved by the number of milliseconds written in a file, re-read at most once a second. The
 * end-to-end tests run rating as a separate process and need its reminders to fire "35 months later" without
 * waiting; they write the offset here. Configured by CLOCK_OFFSET_FILE, which production refuses.
 */
export class FileOffsetClock extends Clock {
  private offsetMs = 0;
  private readAt = 0;

  constructor(private readonly file: string) {
    super();
  }

  now(): Date {
    const real = Date.now();
    if (real - this.readAt >= 1000) {
      this.readAt = real;
      try {
        const value = Number(readFileSync(this.file, 'utf8').trim());
        this.offsetMs = Number.isFinite(value) ? value : 0;
      } catch {
        this.offsetMs = 0; // no file: no offset
      }
    }
    return new Date(real + this.offsetMs);
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
