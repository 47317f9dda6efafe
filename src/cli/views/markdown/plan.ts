import type { Plan } from "../../../remediate/plan.js";
import { impactInWords } from "../impact.js";
import { planSummary } from "../plan-summary.js";

export function renderPlanMarkdown(plan: Plan): string {
  const out: string[] = [];
  out.push(
    `## kcs fix plan`,
    "",
    `${planSummary(plan)}`,
    "",
    ...(plan.actions.length ? [`**${impactInWords(plan)}**`, ""] : []),
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
