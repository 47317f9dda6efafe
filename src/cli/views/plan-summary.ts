import { formatDuration, parseDuration } from "../../core/duration.js";
import { type Plan, planCounts } from "../../remediate/plan.js";

/** `Plan: 2 actions, 5 mutating calls, 4 waits (longest 30m), 1 manual step.` */
export function planSummary(plan: Plan): string {
  const c = planCounts(plan);
  if (c.steps === 0) return "Plan: nothing to do.";
  const waits = plan.actions.flatMap((a) => a.steps).filter((s) => s.kind === "wait");
  // Compared as durations: as text, "5m" sorts after "30m".
  const longest = waits.length
    ? formatDuration(Math.max(...waits.map((w) => parseDuration(w.timeout ?? "20m", "timeout"))))
    : undefined;
  const n = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;
  return (
    `Plan: ${n(plan.actions.length, "action")}, ${n(c.mutating, "mutating call")}, ` +
    `${n(c.waits, "wait")}${longest ? ` (longest ${longest})` : ""}, ${n(c.manual, "manual step")}.`
  );
}
