import { describe, expect, it } from "vitest";
import { Budget } from "../../src/core/budget.js";
import { poll } from "../../src/remediate/actions/poll.js";
import type { PlanStep } from "../../src/remediate/plan.js";
import { type RunContext, StepFailure } from "../../src/remediate/step-context.js";

/** A run on simulated time: sleep advances it, and every read is recorded with its moment. */
function run(pollIntervalMs: number, states: string[], timeoutMs?: number, maxTimeMs?: number) {
  let t = 0;
  const reads: number[] = [];
  const ctx = {
    pollIntervalMs,
    ...(timeoutMs ? { timeoutMs } : {}),
    ...(maxTimeMs !== undefined ? { budget: new Budget(() => t, maxTimeMs) } : {}),
    now: () => t,
    sleep: async (ms: number) => {
      t += ms;
    },
  } as unknown as RunContext;
  const step = { id: "wait", title: "Wait", timeout: "20m" } as PlanStep;
  const read = async () => {
    reads.push(t);
    return states[Math.min(reads.length - 1, states.length - 1)]!;
  };
  const judge = (state: string) =>
    state === "FAILED"
      ? { done: false, state, terminal: "it FAILED" }
      : { done: state === "CONNECTED", state };
  return { reads, outcome: poll(ctx, step, () => undefined, read, judge) };
}

describe("poll (every wait of kcs fix)", () => {
  it("reads every poll interval until the state is reached, and says how long it took", async () => {
    const { reads, outcome } = run(15_000, ["CONNECTING", "CONNECTING", "CONNECTED"]);
    await expect(outcome).resolves.toBe("CONNECTED after 30s");
    expect(reads).toEqual([0, 15_000, 30_000]);
  });

  it("reads once more at the deadline when the interval is longer than what is left", async () => {
    const { reads, outcome } = run(15_000, ["CONNECTING"], 10_000);
    await expect(outcome).rejects.toThrow("still CONNECTING after 10s (--timeout 10s)");
    expect(reads).toEqual([0, 10_000]);
  });

  it("ends at the run's --max-time when that comes before the wait's own timeout, and says which limit it was", async () => {
    const { reads, outcome } = run(15_000, ["CONNECTING"], undefined, 40_000);
    await expect(outcome).rejects.toThrow("still CONNECTING after 40s (the run's --max-time 40s is spent)");
    expect(reads).toEqual([0, 15_000, 30_000, 40_000]);
  });

  it("succeeds when the state arrives at the last read", async () => {
    const { outcome } = run(7 * 60_000, ["CONNECTING", "CONNECTING", "CONNECTED"], 10 * 60_000);
    await expect(outcome).resolves.toBe("CONNECTED after 10m");
  });

  it("stops at once on a terminal state, with a StepFailure", async () => {
    const { reads, outcome } = run(15_000, ["CONNECTING", "FAILED", "CONNECTED"]);
    await expect(outcome).rejects.toBeInstanceOf(StepFailure);
    expect(reads).toHaveLength(2);
  });
});
