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

// Calendar days are the domain library's (one calendar for every service); re-exported under the names this
// service has always used.
export { vietnamDateOf as vietnamDate, startOfVietnamDay } from '@ocop/ocop-domain';
