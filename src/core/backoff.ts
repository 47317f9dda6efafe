/**
 * How long to wait before attempt `attempt + 1`: exponential from 200 ms, capped at 5 s, with full
 * jitter, so many clients throttled together do not come back together.
 */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  return random() * Math.min(5_000, 200 * 2 ** attempt);
}
