import { formatDuration, parseDuration } from "../../core/duration.js";
import { t } from "../../i18n/index.js";
import type { Plan } from "../../remediate/plan.js";
import { planCounts } from "../../remediate/plan-counts.js";

/** `Plan: 2 actions, 5 mutating calls, 4 waits (longest 30m), 1 manual step.` */
export function planSummary(plan: Plan): string {
  const c = planCounts(plan);
  if (c.steps === 0) return t("plan.summary.nothing");
  const waits = plan.actions.flatMap((a) => a.steps).filter((s) => s.kind === "wait");
  // Compared as durations: as text, "5m" sorts after "30m".
  const longest = waits.length
    ? formatDuration(Math.max(...waits.map((w) => parseDuration(w.timeout ?? "20m", "timeout"))))
    : undefined;
  return t("plan.summary.line", {
    actions: t("plan.summary.actions", { count: plan.actions.length }),
    mutating: t("plan.summary.mutating", { count: c.mutating }),
    waits: t("plan.summary.waits", { count: c.waits }),
    longest: longest ? t("plan.summary.longest", { duration: longest }) : "",
    manual: t("plan.summary.manual", { count: c.manual }),
  });
}
