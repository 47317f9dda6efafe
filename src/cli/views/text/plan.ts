import { t } from "../../../i18n/index.js";
import type { Plan, PlanParameter } from "../../../remediate/plan.js";
import { planCounts } from "../../../remediate/plan-counts.js";
import { commandInRunLanguage, noteInRunLanguage } from "../../../remediate/plan-words.js";
import { stepInRunLanguage } from "../../../remediate/runbook-words.js";
import { impactInWords } from "../impact.js";
import { planSummary } from "../plan-summary.js";
import type { Style } from "../style.js";

function inputLine(input: Record<string, unknown>): string {
  return Object.entries(input)
    .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join(",") : String(v)}`)
    .join(" ");
}

/** Where a parameter's value came from, in the run's language (the plan's JSON keeps the English). */
export const sourceInWords = (source: PlanParameter["source"]) => t(`plan.source.${source}`);

/** terraform-plan-like: every step with its exact call, inputs (secrets masked), expectation and undo. */
export function renderPlanText(plan: Plan, style: Style, dryRun: boolean): string {
  const out: string[] = [];
  out.push(
    style.dim(t("plan.header", { backend: plan.backend, region: plan.region, createdAt: plan.createdAt })),
  );
  // What the plan does to the keys' users comes first: it is what a reviewer must weigh.
  if (plan.actions.length) out.push(style.bold(impactInWords(plan)));
  out.push(style.dim(t("plan.legend")), "");
  for (const a of plan.actions) {
    out.push(
      t("plan.action", {
        runbook: style.bold(a.runbook),
        name: style.bold(a.customKeyStoreName),
        id: style.dim(a.customKeyStoreId),
        codes: a.findings.join(", "),
      }),
    );
    for (const p of a.parameters)
      out.push(
        style.dim(t("plan.parameter", { name: p.name, value: p.value, source: sourceInWords(p.source) })),
      );
    a.steps.forEach((step, i) => {
      const s = stepInRunLanguage(a.runbook, step);
      const mark =
        s.kind === "wait"
          ? "…"
          : s.kind === "manual"
            ? "✋"
            : s.kind === "verify"
              ? "✓"
              : s.mutating
                ? "~"
                : "=";
      const colour = s.mutating ? style.yellow : (x: string) => x;
      const call = s.operation ? ` ${s.service}:${s.operation}` : "";
      out.push(`  ${String(i + 1).padStart(2)}. ${colour(mark)} ${s.title}${style.cyan(call)}`);
      const input = inputLine(s.input);
      if (input && s.kind !== "manual") out.push(style.dim(t("plan.input", { text: input })));
      if (s.when) out.push(style.dim(t("plan.when", { text: s.when })));
      if (s.expect)
        out.push(
          style.dim(
            s.timeout
              ? t("plan.expectTimeout", { text: s.expect, timeout: s.timeout })
              : t("plan.expect", { text: s.expect }),
          ),
        );
      if (s.undo) out.push(style.dim(t("plan.undo", { text: s.undo })));
      if (s.commands?.length) {
        // An external store's manual checks are openssl, curl and aws commands, not the CloudHSM CLI.
        out.push(style.dim(s.action.startsWith("xks.") ? t("plan.commands") : t("plan.cloudHsmCli")));
        for (const c of s.commands) out.push(`          ${commandInRunLanguage(c)}`);
        if (s.legacyCommands?.length)
          out.push(
            style.dim(t("plan.legacy", { commands: s.legacyCommands.map(commandInRunLanguage).join(" ; ") })),
          );
      }
    });
    out.push("");
  }
  for (const n of plan.notes ?? [])
    out.push(style.yellow(t("plan.notInPlan", { note: noteInRunLanguage(n) })));
  if (plan.notes?.length) out.push("");
  out.push(style.bold(planSummary(plan)));
  if (dryRun && planCounts(plan).steps > 0) out.push(style.dim(t("plan.dryRun")));
  return `${out.join("\n")}\n`;
}
