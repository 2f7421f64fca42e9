export interface ThrottlePolicy {
  /** Failures in a row that cost nothing. */
  throttleAfter: number;
  /** Wait after the first failure beyond throttleAfter; it doubles with each further failure. */
  baseDelaySeconds: number;
  lockAfter: number;
  lockSeconds: number;
}

export interface AttemptState {
  failures: number;
  lastFailureAt: Date;
  lockedUntil: Date | null;
}

export type AttemptDecision =
  | { kind: 'allowed' }
  | { kind: 'throttled'; retryAfterSeconds: number }
  | { kind: 'locked'; retryAfterSeconds: number };

const secondsUntil = (until: number, now: Date) => Math.max(1, Math.ceil((until - now.getTime()) / 1000));

/** A lock that has run out is forgotten along with the failures that caused it: a fresh start. */
function live(state: AttemptState | undefined, now: Date): AttemptState | undefined {
  if (!state || (state.lockedUntil && state.lockedUntil <= now)) return undefined;
  return state;
}

export function delayAfterFailures(failures: number, policy: ThrottlePolicy): number {
  if (failures <= policy.throttleAfter) return 0;
  const delay = policy.baseDelaySeconds * 2 ** (failures - policy.throttleAfter - 1);
  return Math.min(delay, policy.lockSeconds);
}

/** May this attempt check a password at all? */
export function decideAttempt(
  state: AttemptState | undefined,
  now: Date,
  policy: ThrottlePolicy,
): AttemptDecision {
  const current = live(state, now);
  if (!current) return { kind: 'allowed' };
  if (current.lockedUntil)
    return { kind: 'locked', retryAfterSeconds: secondsUntil(current.lockedUntil.getTime(), now) };
  const nextAllowedAt = current.lastFailureAt.getTime() + delayAfterFailures(current.failures, policy) * 1000;
  if (now.getTime() < nextAllowedAt)
    return { kind: 'throttled', retryAfterSeconds: secondsUntil(nextAllowedAt, now) };
  return { kind: 'allowed' };
}

/** The state once this attempt has failed; reaching lockAfter locks. */
export function recordFailure(
  state: AttemptState | undefined,
  now: Date,
  policy: ThrottlePolicy,
): AttemptState {
  const failures = (live(state, now)?.failures ?? 0) + 1;
  return {
    failures,
    lastFailureAt: now,
    lockedUntil: failures >= policy.lockAfter ? new Date(now.getTime() + policy.lockSeconds * 1000) : null,
  };
}
