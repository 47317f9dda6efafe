import type { Plan } from "../../../remediate/plan.js";
import { impactInWords } from "../impact.js";
import { planSummary } from "../plan-summary.js";
import { mdCode, mdFence, mdHtml, mdText } from "./escape.js";

export function renderPlanMarkdown(plan: Plan): string {
  const out: string[] = [];
  out.push(
    `## kcs fix plan`,
    "",
    `${planSummary(plan)}`,
    "",
    ...(plan.actions.length ? [`**${mdText(impactInWords(plan))}**`, ""] : []),
    `Backend ${mdCode(plan.backend)}, region ${mdCode(plan.region)}, created ${mdText(plan.createdAt)}.`,
  );
  if (plan.notes?.length) out.push("", ...plan.notes.map((n) => `> **Not in this plan:** ${mdText(n)}.`));
  for (const a of plan.actions) {
    out.push(
      "",
      `### ${mdCode(a.runbook)} on ${mdText(a.customKeyStoreName)} (${mdCode(a.customKeyStoreId)})`,
      "",
      `Fixes: ${a.findings.map(mdCode).join(", ")}`,
    );
    if (a.parameters.length) {
      out.push(
        "",
        "| parameter | value | from |",
        "| --- | --- | --- |",
        ...a.parameters.map(
          (p) => `| ${mdText(p.name)} | ${mdCode(p.value).replace(/\|/g, "\\|")} | ${mdText(p.source)} |`,
        ),
      );
    }
    out.push("", "| # | step | kind | call | mutating | expect |", "| --- | --- | --- | --- | --- | --- |");
    a.steps.forEach((s, i) => {
      out.push(
        `| ${i + 1} | ${mdText(s.title)} | ${s.kind} | ${s.operation ? mdCode(`${s.service}:${s.operation}`) : "—"} | ${s.mutating ? "**yes**" : "no"} | ${mdText(s.expect ?? "")} |`,
      );
    });
    for (const s of a.steps.filter((x) => x.commands?.length)) {
      out.push(
        "",
        `<details><summary>Manual step: ${mdHtml(s.title)}</summary>`,
        "",
        ...mdFence(s.commands ?? [], "sh"),
        // An XKS proxy's checks have no Client SDK 3 form.
        ...(s.legacyCommands?.length
          ? ["", "Legacy (Client SDK 3):", "", ...mdFence(s.legacyCommands, "sh")]
          : []),
        "",
        "</details>",
      );
    }
  }
  return `${out.join("\n")}\n`;
}
