import { monotonicMs } from "../core/clock.js";

/** Token buckets per quota, refilled at the published rate, holding at most one second's worth. */
export class QuotaBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(private readonly clock: () => number = monotonicMs) {}

  /** Takes one token; false means the caller is over its quota. */
  take(name: string, rps: number): boolean {
    const now = this.clock();
    const b = this.buckets.get(name) ?? { tokens: rps, at: now };
    b.tokens = Math.min(rps, b.tokens + ((now - b.at) / 1000) * rps);
    b.at = now;
    this.buckets.set(name, b);
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  }
}
