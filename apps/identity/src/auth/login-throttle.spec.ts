import {
  AttemptState,
  decideAttempt,
  delayAfterFailures,
  recordFailure,
  ThrottlePolicy,
} from './login-throttle';

const policy: ThrottlePolicy = { throttleAfter: 3, baseDelaySeconds: 1, lockAfter: 10, lockSeconds: 900 };
const t0 = new Date('2024-11-28T02:00:00Z');
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);

function failTimes(n: number, start = t0): AttemptState {
  let state: AttemptState | undefined;
  let now = start;
  for (let i = 0; i < n; i += 1) {
    state = recordFailure(state, now, policy);
    now = new Date(now.getTime() + delayAfterFailures(state.failures, policy) * 1000);
  }
  if (!state) throw new Error('n must be positive');
  return state;
}

describe('login throttling', () => {
  it('lets the first three failures through without delay', () => {
    const state = failTimes(3);
    expect(decideAttempt(state, state.lastFailureAt, policy)).toEqual({ kind: 'allowed' });
  });

  it('makes each failure beyond the third wait longer: 1 s, 2 s, 4 s, …', () => {
    expect([4, 5, 6, 7, 8, 9].map((n) => delayAfterFailures(n, policy))).toEqual([1, 2, 4, 8, 16, 32]);
    const state = failTimes(5);
    expect(decideAttempt(state, state.lastFailureAt, policy)).toEqual({
      kind: 'throttled',
      retryAfterSeconds: 2,
    });
    expect(decideAttempt(state, new Date(state.lastFailureAt.getTime() + 1500), policy)).toEqual({
      kind: 'throttled',
      retryAfterSeconds: 1,
    });
    expect(decideAttempt(state, new Date(state.lastFailureAt.getTime() + 2000), policy)).toEqual({
      kind: 'allowed',
    });
  });

  it('locks for 15 minutes at the tenth failure in a row', () => {
    const state = failTimes(10);
    expect(state.lockedUntil).toEqual(new Date(state.lastFailureAt.getTime() + 900_000));
    expect(decideAttempt(state, state.lastFailureAt, policy)).toEqual({
      kind: 'locked',
      retryAfterSeconds: 900,
    });
  });

  it('starts afresh once the lock has run out', () => {
    const state = failTimes(10);
    const later = new Date((state.lockedUntil as Date).getTime());
    expect(decideAttempt(state, later, policy)).toEqual({ kind: 'allowed' });
    expect(recordFailure(state, later, policy)).toEqual({
      failures: 1,
      lastFailureAt: later,
      lockedUntil: null,
    });
  });

  it('never rounds a wait down to zero', () => {
    const state = recordFailure(failTimes(3), at(0), policy);
    expect(decideAttempt(state, at(0.999), policy)).toEqual({ kind: 'throttled', retryAfterSeconds: 1 });
  });
});
