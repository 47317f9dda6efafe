import type { Plan } from "./plan.js";

/**
 * How many steps of each kind a plan has. Apart from ./plan.ts so that the views, which every command
 * loads (kcs sim status among them), do not build the plan's zod schemas to count (6 ms of a cold start).
 */
export function planCounts(plan: Plan) {
  const steps = plan.actions.flatMap((a) => a.steps);
  return {
    steps: steps.length,
    mutating: steps.filter((s) => s.mutating && s.kind === "api").length,
    waits: steps.filter((s) => s.kind === "wait").length,
    manual: steps.filter((s) => s.kind === "manual").length,
  };
}
