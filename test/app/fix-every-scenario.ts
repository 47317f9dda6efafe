import { describe, expect, it } from "vitest";
import { SCENARIOS } from "../../src/sim/scenarios/catalog.js";
import { app, codesOf } from "../helpers/app.js";
import { expectDocument } from "../helpers/kcs-json.js";
import type { Transport } from "../helpers/sim.js";
import { scenarioWorld } from "../helpers/sim.js";

// External stores' repairs need what only their operator holds (the proxy's credential, its URI):
// test/app/xks-fix-scenarios.test.ts and xks-probe-verify.test.ts run them with it.
const CLOUDHSM_SCENARIOS = SCENARIOS.filter((s) => !s.name.startsWith("xks-") && s.name !== "mixed-fleet");

/**
 * Every CloudHSM scenario with something to fix: all but `healthy` and those whose finding only
 * --cloudtrail-dir shows (old-orphaned-key-material: test/e2e/trail-files.test.ts repairs it).
 */
const FIXABLE = CLOUDHSM_SCENARIOS.filter((s) => s.findings.length > 0);

/**
 * Every scenario's repair through the application layer, on simulated time. One test file per
 * transport, so the two run side by side.
 */
export function fixEveryScenario(transport: Transport) {
  describe(`kcs fix repairs every fixable scenario (${transport} transport)`, () => {
    it.each(FIXABLE.map((s) => [s.name, s] as const))("%s", async (name, scenario) => {
      const world = scenarioWorld(name);
      const kcs = await app(world, transport);
      try {
        expect(codesOf(await kcs.observe())).toEqual([...scenario.findings].sort());
        // No --param: kcs chooses the subnets of a moved cluster itself, as doctor's next command expects.
        const plan = await kcs.plan({ includeWarnings: true });
        expect(plan.actions.length).toBeGreaterThan(0);
        expectDocument("kcs-plan", JSON.parse(JSON.stringify(plan)));
        // What kcs fix --dry-run does, observing and planning, changes nothing.
        expect(kcs.h.sim.calls.filter((c) => c.mutating)).toEqual([]);
        const { result, problem } = await kcs.fix(plan);
        expectDocument("kcs-fix-result", JSON.parse(JSON.stringify(result)));
        expect(problem).toBeUndefined();
        expect(result.ok).toBe(true);
        expect(result.outcomes.every((o) => o.status === "done" || o.status === "skipped")).toBe(true);
        // What `kcs doctor` would say now: nothing at all, and every read succeeded.
        const after = await kcs.observe();
        expect(after.snapshot.errors).toEqual([]);
        expect(codesOf(after)).toEqual([]);
      } finally {
        await kcs.close();
      }
    });
  });
}
