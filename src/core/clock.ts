/**
 * Time as kcs runs in it: what time it is, and how to wait. The CLI uses the wall clock; tests give
 * a simulated one whose sleep moves simulated time, so no test waits for a connect to finish.
 */
export interface RunClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const WALL_CLOCK: RunClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/**
 * Milliseconds on a clock that never jumps (for intervals, not dates). process.hrtime, not
 * performance.now(): the `performance` global loads Node's perf_hooks (about 1 ms of every run) on
 * first use.
 */
export const monotonicMs = (): number => Number(process.hrtime.bigint()) / 1e6;
