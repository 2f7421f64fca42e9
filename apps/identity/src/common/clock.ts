/**
 * Time as identity sees it: token lifetimes, login throttling, key retirement. Injected (rather than calling
 * Date.now()) so that tests can move it instead of waiting.
 */
export abstract class Clock {
  abstract now(): Date;
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

export const secondsFrom = (from: Date, seconds: number): Date => new Date(from.getTime() + seconds * 1000);
