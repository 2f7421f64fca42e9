import { setTimeout as sleep } from 'node:timers/promises';

export interface WaitForOptions {
  /**
   * Give up after this long (default 60 s). A deadline only turns "never happens" into a failure with a reason;
   * it is not a performance bound (those live in tools/bench). It is generous because CI runs on a busy machine,
   * where a condition met in 50 ms when idle can take seconds; a passing test never waits for it.
   */
  timeoutMs?: number;
  /** Pause between attempts (default 50 ms). */
  intervalMs?: number;
}

/**
 * Polls `fn` until it neither throws nor returns `false`, and returns its value. On timeout it rethrows the last
 * failure (so a jest assertion inside `fn` reports what was expected and what was seen). Use it instead of a
 * sleep: a test then waits exactly as long as the system needs, and fails with a reason when it never gets there.
 */
export async function waitFor<T>(
  fn: () => T | Promise<T>,
  options: WaitForOptions = {},
): Promise<Exclude<T, false>> {
  const { timeoutMs = 60_000, intervalMs = 50 } = options;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    let failure: unknown;
    try {
      const value = await fn();
      if (value !== false) return value as Exclude<T, false>;
      failure = new Error('the condition was still false');
    } catch (err) {
      failure = err;
    }
    if (Date.now() >= deadline) {
      if (failure instanceof Error) {
        failure.message = `waitFor: not met within ${timeoutMs} ms: ${failure.message}`;
        throw failure;
      }
      throw new Error(`waitFor: not met within ${timeoutMs} ms: ${String(failure)}`);
    }
    await sleep(intervalMs);
  }
}
