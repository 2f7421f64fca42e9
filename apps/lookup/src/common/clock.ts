import { Injectable } from '@nestjs/common';

/** The time verification compares expiry dates with; tests move it (by overriding nowMs). */
@Injectable()
export class Clock {
  /** Milliseconds since the epoch: what the hot path reads, without allocating a Date per scan. */
  nowMs(): number {
    return Date.now();
  }

  now(): Date {
    return new Date(this.nowMs());
  }
}

const VIETNAM_OFFSET_MS = 7 * 3600 * 1000;

/** The calendar date (YYYY-MM-DD) in Viet Nam at an instant: dates on labels are Vietnamese dates. */
export function vietnamDate(at: Date): string {
  return new Date(at.getTime() + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
}
