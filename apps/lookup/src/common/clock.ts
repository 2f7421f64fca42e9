import { Injectable } from '@nestjs/common';
import { VIETNAM_UTC_OFFSET_MS as VIETNAM_OFFSET_MS, vietnamDateOf } from '@ocop/ocop-domain';

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

  private day = { date: '', from: 0, until: 0 };

  /** Today's calendar date in Viet Nam, worked out once a day: every scan compares expiry dates with it. */
  vietnamToday(): string {
    const ms = this.nowMs();
    if (ms < this.day.from || ms >= this.day.until) {
      const until = nextVietnamMidnight(ms);
      this.day = { date: vietnamDateOf(ms), from: until - DAY_MS, until };
    }
    return this.day.date;
  }
}

// Dates on labels and pages are Vietnamese calendar dates, computed by the domain library for every service.
export { vietnamDateOf as vietnamDate };

const DAY_MS = 86_400_000;

/** The first instant of the next calendar day in Viet Nam after `at` (ms). */
export function nextVietnamMidnight(at: number): number {
  return (Math.floor((at + VIETNAM_OFFSET_MS) / DAY_MS) + 1) * DAY_MS - VIETNAM_OFFSET_MS;
}
