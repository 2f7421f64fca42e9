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

const DAY_MS = 86_400_000;

/** The first instant of the next calendar day in Viet Nam after `at` (ms). */
export function nextVietnamMidnight(at: number): number {
  return (Math.floor((at + VIETNAM_OFFSET_MS) / DAY_MS) + 1) * DAY_MS - VIETNAM_OFFSET_MS;
}
