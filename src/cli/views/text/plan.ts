import { type Plan, planCounts } from "../../../remediate/plan.js";
import { impactInWords } from "../impact.js";
import { planSummary } from "../plan-summary.js";
import type { Style } from "../style.js";

function inputLine(input: Record<string, unknown>): string {
  return Object.entries(input)
    .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join(",") : String(v)}`)
    .join(" ");
}

/** terraform-plan-like: every step with its exact call, inputs (secrets masked), expectation and undo. */
export function renderPlanText(plan: Plan, style: Style, dryRun: boolean): string {
  const out: string[] = [];
  out.push(style.dim(`kcs plan · backend ${plan.backend} · ${plan.region} · ${plan.createdAt}`));
  // What the plan does to the keys' users comes first: it is what a reviewer must weigh.
  if (plan.actions.length) out.push(style.bold(impactInWords(plan)));
  out.push(
    style.dim(
      "Legend: ~ mutating call · = read-only call · … wait · ✋ manual step (HSM or XKS proxy) · ✓ verify",
    ),
    "",
  );
  for (const a of plan.actions) {
    out.push(
      `${style.bold(a.runbook)} on ${style.bold(a.customKeyStoreName)} ${style.dim(a.customKeyStoreId)}  fixes ${a.findings.join(", ")}`,
    );
    for (const p of a.parameters)
      out.push(style.dim(`  parameter ${p.name} = ${p.value}   (from ${p.source})`));
    a.steps.forEach((s, i) => {
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
      if (input && s.kind !== "manual") out.push(style.dim(`        input:  ${input}`));
      if (s.when) out.push(style.dim(`        when:   ${s.when}`));
      if (s.expect)
        out.push(style.dim(`        expect: ${s.expect}${s.timeout ? ` (timeout ${s.timeout})` : ""}`));
      if (s.undo) out.push(style.dim(`        undo:   ${s.undo}`));
      if (s.commands?.length) {
        // An external store's manual checks are openssl, curl and aws commands, not the CloudHSM CLI.
        out.push(style.dim(s.action.startsWith("xks.") ? "        commands:" : "        CloudHSM CLI:"));
        for (const c of s.commands) out.push(`          ${c}`);
        if (s.legacyCommands?.length)
          out.push(style.dim(`        legacy (Client SDK 3): ${s.legacyCommands.join(" ; ")}`));
      }
    });
    out.push("");
  }
  for (const n of plan.notes ?? []) out.push(style.yellow(`Not in this plan: ${n}.`));
  if (plan.notes?.length) out.push("");
  out.push(style.bold(planSummary(plan)));
  if (dryRun && planCounts(plan).steps > 0)
    out.push(
      style.dim(
        "Dry run: nothing was changed. Apply with kcs fix --yes, or save with --out plan.json and apply with kcs fix --plan plan.json.",
      ),
    );
  return `${out.join("\n")}\n`;
}
