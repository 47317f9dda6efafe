import { describe, expect, it } from "vitest";
import type { HsmOperator } from "../../src/backend/hsm-operator.js";
import { Budget } from "../../src/core/budget.js";
import { gather } from "../../src/gather/gather.js";
import { app, codesOf, withApp } from "../helpers/app.js";
import { harness, scenarioWorld, T0 } from "../helpers/sim.js";
import { virtualTimer } from "../helpers/timer.js";

const TRANSPORTS = ["in-process", "http"] as const;

describe("an overall budget bounds every run (--max-time; contract: kcs fix rule 11)", () => {
  it.each(TRANSPORTS)(
    "a restore whose waits outlast --max-time stops between steps or in a wait, says so, and the next run finishes it (%s)",
    async (transport) => {
      const world = scenarioWorld("cluster-not-found");
      const kcs = await app(world, transport);
      try {
        const plan = await kcs.plan();
        const first = await kcs.fix(plan, { maxTimeMs: 5 * 60_000 });
        expect(first.result.ok).toBe(false);
        expect(first.problem).toMatch(/the run's --max-time 5m is spent/);
        expect(first.problem).toMatch(/kcs fix again/);
        // Nothing after the wait that ran out was started.
        const outcomes = first.result.outcomes;
        const failed = outcomes.findIndex((o) => o.status === "failed");
        expect(outcomes[failed]!.detail).toMatch(/--max-time/);
        expect(outcomes.slice(failed + 1).every((o) => o.status === "not run")).toBe(true);
        // The next run continues from the live state, reusing the cluster the first one made.
        const second = await kcs.fix(await kcs.plan());
        expect(second.problem).toBeUndefined();
        expect(kcs.h.sim.calls.filter((c) => c.operation === "CreateCluster")).toHaveLength(1);
        expect(codesOf(await kcs.observe())).toEqual([]);
      } finally {
        await kcs.close();
      }
    },
  );

  it("time a person spends on a manual step is not counted against the run", () =>
    withApp("invalid-credentials", "in-process", async (kcs) => {
      // The person takes an hour over the password change; kcs's own part takes minutes.
      const slow: HsmOperator = {
        kind: "manual",
        person: true,
        async perform(task, password) {
          kcs.h.clock.advance(60 * 60_000);
          return kcs.operator.perform(task, password);
        },
      };
      const { problem } = await kcs.fix(await kcs.plan(), { operator: slow, maxTimeMs: 30 * 60_000 });
      expect(problem).toBeUndefined();
    }));

  it("a spent budget starts no further step", () =>
    withApp("store-disconnected", "in-process", async (kcs) => {
      const plan = await kcs.plan();
      const { result, problem } = await kcs.fix(plan, { maxTimeMs: 0 });
      expect(problem).toMatch(/the run's --max-time 0ms is spent, so this step was not started/);
      expect(kcs.h.sim.calls.filter((c) => c.mutating)).toHaveLength(0);
      expect(result.outcomes[0]!.status).toBe("failed");
    }));

  it("doctor's reads stop once the budget is spent, with one line naming the flag", async () => {
    const h = await harness(scenarioWorld("healthy"));
    try {
      const timer = virtualTimer();
      const read = gather(h.clients, {
        backend: "sim",
        since: new Date(T0 - 86_400_000),
        now: new Date(T0),
        timer,
        budget: new Budget(timer.now, 0),
      });
      await expect(read).rejects.toThrow(
        /ran out of time before kms:DescribeCustomKeyStores \(--max-time 0ms\)/,
      );
      expect(h.sim.calls).toHaveLength(0);
    } finally {
      await h.close();
    }
  });
});
