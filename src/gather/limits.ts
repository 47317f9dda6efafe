import { monotonicMs } from "../core/clock.js";

/**
 * Paces calls to at most `rps` per second, so kcs stays under AWS's quotas instead of being throttled.
 * It aims 5% under the quota: timers fire a little early or late, and a call that lands a millisecond
 * too soon costs a throttle and an SDK back-off of half a second or more.
 */
export class RateLimiter {
  // No call yet: the whole burst is there, however soon after the clock's zero the first call comes.
  private nextAt = Number.NEGATIVE_INFINITY;
  private readonly interval: number;

  constructor(
    rps: number,
    private readonly burst = rps,
    private readonly now: () => number = monotonicMs,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {
    this.interval = (1000 / rps) * 1.05;
  }

  /** No call goes before `ms` from now. */
  pause(ms: number): void {
    this.nextAt = Math.max(this.nextAt, this.now() + ms);
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

/**
 * One call paced by `limiter`, retried here rather than by the SDK when AWS throttles it or answers a
 * transient error: an SDK retry would bypass the pacing and collide with the next paced call.
 */
export async function paced<T>(
  limiter: RateLimiter,
  fn: () => Promise<T>,
  classify: { throttled(err: unknown): boolean; transient(err: unknown): boolean },
  attempts = 6,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    await limiter.take();
    try {
      return await fn();
    } catch (err) {
      if (attempt >= attempts || !(classify.throttled(err) || classify.transient(err))) throw err;
      // Back off the whole schedule, not just this call: the quota is shared by every later call.
      limiter.pause(classify.throttled(err) ? 1000 * attempt : 200 * attempt);
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
