/**
 * Paces calls to at most `rps` per second, so kcs stays under AWS's quotas instead of being throttled.
 * It aims 5% under the quota: timers fire a little early or late, and a call that lands a millisecond
 * too soon costs a throttle and an SDK back-off of half a second or more.
 */
export class RateLimiter {
  private nextAt = 0;
  private readonly interval: number;

  constructor(
    rps: number,
    private readonly burst = rps,
    private readonly now: () => number = () => performance.now(),
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {
    this.interval = (1000 / rps) * 1.05;
  }

  async take(): Promise<void> {
    const now = this.now();
    // A full bucket lets `burst` calls through at once; after that calls are spaced by 1/rps.
    const earliest = Math.max(this.nextAt, now - (this.burst - 1) * this.interval);
    this.nextAt = earliest + this.interval;
    if (earliest > now) {
      await this.sleep(earliest - now);
      // A timer that fires late (a busy event loop) must not let the next call come too soon after.
      const late = this.now() - earliest;
      if (late > 0) this.nextAt += late;
    }
  }
}

/** Runs `fn` over `items` with at most `limit` in flight, keeping the input order in the result. */
export async function mapPool<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
