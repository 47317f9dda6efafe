import type { RunClock } from "../../src/core/clock.js";

/** Simulated time for kcs's pacers, back-offs and waits: sleep advances it, so no test waits. */
export function virtualTimer(start = 0): RunClock {
  let t = start;
  return {
    now: () => t,
    sleep: async (ms: number) => {
      t += ms;
    },
  };
}
