import { describe, expect, it } from "vitest";
import { RateLimiter } from "../../src/gather/limits.js";

/** A clock that only moves when slept on, and the sleeps it was asked for. */
function clockAt(t: number) {
  const slept: number[] = [];
  return {
    slept,
    now: () => t,
    sleep: async (ms: number) => {
      slept.push(ms);
      t += ms;
    },
  };
}

describe("RateLimiter", () => {
  it("lets a full burst through at once, even right after the clock's zero (a process's start)", async () => {
    // performance.now() is 0 when the process starts: kcs's first LookupEvents comes ~200 ms later,
    // and the second (the FAILED store's connect history) used to wait out the rest of the first interval.
    const c = clockAt(200);
    const pace = new RateLimiter(2, 2, c.now, c.sleep);
    await pace.take();
    await pace.take();
    expect(c.slept).toEqual([]);
  });

  it("spaces the calls after the burst by 1/rps, 5% under the quota", async () => {
    const c = clockAt(200);
    const pace = new RateLimiter(2, 2, c.now, c.sleep);
    for (let i = 0; i < 4; i++) await pace.take();
    expect(c.slept.map((ms) => Math.round(ms))).toEqual([525, 525]);
  });

  it("a pause holds back the next call", async () => {
    const c = clockAt(5_000);
    const pace = new RateLimiter(2, 2, c.now, c.sleep);
    pace.pause(1_000);
    await pace.take();
    expect(c.slept).toEqual([1_000]);
  });
});
