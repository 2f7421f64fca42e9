import { VIETNAM_UTC_OFFSET_MS } from '@ocop/ocop-domain';

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

// A digest's day is a Vietnamese calendar day, computed by the domain library for every service.
export { vietnamDateOf as vietnamDate } from '@ocop/ocop-domain';

export function vietnamHour(at: Date): number {
  return new Date(at.getTime() + VIETNAM_UTC_OFFSET_MS).getUTCHours();
}
