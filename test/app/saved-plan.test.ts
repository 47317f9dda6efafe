import { describe, expect, it } from "vitest";
import { approveSavedPlan } from "../../src/app/plan.js";
import { UsageError } from "../../src/core/errors.js";
import { type Plan, PlanSchema } from "../../src/remediate/plan.js";
import { type App, app } from "../helpers/app.js";
import { scenarioWorld } from "../helpers/sim.js";

/** A plan as it comes back from a file: JSON, read through the plan file's schema. */
const saved = (plan: Plan): Plan => PlanSchema.parse(JSON.parse(JSON.stringify(plan)));

async function withWorld(
  scenario: string,
  test: (kcs: App, plan: Plan) => Promise<void>,
  params: Record<string, string> = {},
) {
  const kcs = await app(scenarioWorld(scenario));
  try {
    await test(kcs, await kcs.plan({ params }));
  } finally {
    await kcs.close();
  }
}

const approve = async (kcs: App, plan: Plan) =>
  approveSavedPlan(
    plan,
    await kcs.observe(),
    { backend: "sim", region: "eu-west-1", passwordSource: "stdin" },
    "plan.json",
  );

describe("a saved plan is an approval, not a program (contract: kcs fix rule 9)", () => {
  it("an unedited saved plan is approved, and what runs is kcs's own fresh plan", () =>
    withWorld("cluster-not-found", async (kcs, plan) => {
      const fresh = await approve(kcs, saved(plan));
      expect(fresh.actions).toEqual(plan.actions);
    }));

  it("a step input edited to point at another store is refused before any change", () =>
    withWorld("fleet", async (kcs, plan) => {
      const edited = saved(plan);
      const other = plan.actions.find((a) => a.customKeyStoreId !== edited.actions[0]!.customKeyStoreId)!;
      edited.actions[0]!.steps[0]!.input = {
        ...edited.actions[0]!.steps[0]!.input,
        CustomKeyStoreId: other.customKeyStoreId,
      };
      await expect(approve(kcs, edited)).rejects.toThrow(UsageError);
      await expect(approve(kcs, edited)).rejects.toThrow(
        /differ at actions\[0\]\.steps\[0\]\.input\.CustomKeyStoreId/,
      );
      expect(kcs.h.sim.calls.filter((c) => c.mutating)).toEqual([]);
    }));

  it("an added step is refused, however harmless the file says it is", () =>
    withWorld("invalid-credentials", async (kcs, plan) => {
      const edited = saved(plan);
      const first = edited.actions[0]!;
      first.steps.push({ ...first.steps[0]!, id: "sneaky", kind: "verify", mutating: false });
      await expect(approve(kcs, edited)).rejects.toThrow(/differ at actions\[0\]\.steps\[\d+\]/);
    }));

  it("a step marked read-only in the file is refused: kinds and mutation come from kcs's actions", () =>
    withWorld("invalid-credentials", async (kcs, plan) => {
      const edited = saved(plan);
      const step = edited.actions.flatMap((a) => a.steps).find((s) => s.mutating)!;
      step.mutating = false;
      await expect(approve(kcs, edited)).rejects.toThrow(/mutating/);
    }));

  it("a --param changed in the file is refused", () =>
    withWorld(
      "cluster-not-found",
      async (kcs, plan) => {
        const edited = saved(plan);
        const action = edited.actions[0]!;
        expect(action.parameters.find((p) => p.name === "HsmType")).toMatchObject({ source: "--param" });
        action.parameters = action.parameters.map((p) =>
          p.name === "HsmType" ? { ...p, value: "hsm2m.medium" } : p,
        );
        await expect(approve(kcs, edited)).rejects.toThrow(/not the plan kcs makes now/);
      },
      { HsmType: "hsm1.medium" },
    ));
});
