/**
 * Delay before retry n (n ≥ 1): exponential from `baseMs`, capped at `maxMs`, of which the upper half is random
 * ("equal jitter") so that a receiver coming back up is not hit by every replica's retries at the same instant.
 */
export function retryDelayMs(
  attempt: number,
  baseMs: number,
  maxMs: number,
  random: () => number = Math.random,
): number {
  const exponential = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exponential / 2 + random() * (exponential / 2));
}
