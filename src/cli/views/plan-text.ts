import { formatDuration, parseDuration } from "../../core/duration.js";
import { type Plan, planCounts } from "../../remediate/plan.js";
import type { Style } from "./style.js";

function inputLine(input: Record<string, unknown>): string {
  return Object.entries(input)
    .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join(",") : String(v)}`)
    .join(" ");
}

export function planSummary(plan: Plan): string {
  const c = planCounts(plan);
  if (c.steps === 0) return "Plan: nothing to do.";
  const waits = plan.actions.flatMap((a) => a.steps).filter((s) => s.kind === "wait");
  // Compared as durations: as text, "5m" sorts after "30m".
  const longest = waits.length
    ? formatDuration(Math.max(...waits.map((w) => parseDuration(w.timeout ?? "20m", "timeout"))))
    : undefined;
  return (
    `Plan: ${plan.actions.length} action${plan.actions.length === 1 ? "" : "s"}, ${c.mutating} mutating call${c.mutating === 1 ? "" : "s"}, ` +
    `${c.waits} wait${c.waits === 1 ? "" : "s"}${longest ? ` (longest ${longest})` : ""}, ${c.manual} manual step${c.manual === 1 ? "" : "s"}.`
  );
}

/** terraform-plan-like: every step with its exact call, inputs (secrets masked), expectation and undo. */
export function renderPlanText(plan: Plan, style: Style, dryRun: boolean): string {
  const out: string[] = [];
  out.push(style.dim(`kcs plan · backend ${plan.backend} · ${plan.region} · ${plan.createdAt}`));
  out.push(
    style.dim("Legend: ~ mutating call · = read-only call · … wait · ✋ manual step on the HSM · ✓ verify"),
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
        out.push(style.dim("        CloudHSM CLI:"));
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

export function renderPlanMarkdown(plan: Plan): string {
  const out: string[] = [];
  out.push(
    `## kcs fix plan`,
    "",
    `${planSummary(plan)}`,
    "",
    `Backend \`${plan.backend}\`, region \`${plan.region}\`, created ${plan.createdAt}.`,
  );
  if (plan.notes?.length) out.push("", ...plan.notes.map((n) => `> **Not in this plan:** ${n}.`));
  for (const a of plan.actions) {
    out.push(
      "",
      `### \`${a.runbook}\` on ${a.customKeyStoreName} (\`${a.customKeyStoreId}\`)`,
      "",
      `Fixes: ${a.findings.map((f) => `\`${f}\``).join(", ")}`,
    );
    if (a.parameters.length) {
      out.push(
        "",
        "| parameter | value | from |",
        "| --- | --- | --- |",
        ...a.parameters.map((p) => `| ${p.name} | \`${p.value}\` | ${p.source} |`),
      );
    }
    out.push("", "| # | step | kind | call | mutating | expect |", "| --- | --- | --- | --- | --- | --- |");
    a.steps.forEach((s, i) => {
      out.push(
        `| ${i + 1} | ${s.title} | ${s.kind} | ${s.operation ? `\`${s.service}:${s.operation}\`` : "—"} | ${s.mutating ? "**yes**" : "no"} | ${(s.expect ?? "").replace(/\|/g, "\\|")} |`,
      );
    });
    for (const s of a.steps.filter((x) => x.commands?.length)) {
      out.push(
        "",
        `<details><summary>Manual step: ${s.title}</summary>`,
        "",
        "```sh",
        ...(s.commands ?? []),
        "```",
        "",
        "Legacy (Client SDK 3):",
        "",
        "```sh",
        ...(s.legacyCommands ?? []),
        "```",
        "",
        "</details>",
      );
    }
  }
  return `${out.join("\n")}\n`;
}
