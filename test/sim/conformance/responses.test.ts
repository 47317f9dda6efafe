import { describe, expect, it } from "vitest";
import { responseProblems } from "../../../src/sim/model/validate.js";
import { SCENARIOS } from "../../../src/sim/scenarios/catalog.js";
import { app } from "../../helpers/app.js";
import { scenarioWorld } from "../../helpers/sim.js";

// External stores' repairs need what only their operator holds (the proxy's credential, its URI):
// test/app/xks-fix-scenarios.test.ts and xks-probe-verify.test.ts run them with it.
const CLOUDHSM_SCENARIOS = SCENARIOS.filter((s) => !s.name.startsWith("xks-") && s.name !== "mixed-fleet");

/**
 * Every answer the simulator gives while kcs diagnoses and repairs every scenario, checked against
 * the operation's output shape in AWS's model: no member the model lacks, no value it forbids.
 */
describe("the simulator's answers are shaped as AWS's models say", () => {
  it.each(SCENARIOS.map((s) => [s.name] as const))("%s: doctor, plan and fix", async (name) => {
    const problems = new Set<string>();
    const world = scenarioWorld(name);
    const kcs = await app(world, "in-process", {
      onAnswer: (service, operation, output) => {
        for (const p of responseProblems(service, operation, output))
          problems.add(`${service}:${operation} ${p}`);
      },
    });
    try {
      await kcs.observe(undefined, { probe: true });
      if (name !== "healthy" && CLOUDHSM_SCENARIOS.some((s) => s.name === name)) {
        await kcs.fix(await kcs.plan({ includeWarnings: true }));
      }
    } finally {
      await kcs.close();
    }
    expect([...problems]).toEqual([]);
  });
});
