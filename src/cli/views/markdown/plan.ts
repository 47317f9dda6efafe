import { t } from "../../../i18n/index.js";
import type { Plan } from "../../../remediate/plan.js";
import { commandInRunLanguage, noteInRunLanguage } from "../../../remediate/plan-words.js";
import { stepInRunLanguage } from "../../../remediate/runbook-words.js";
import { impactInWords } from "../impact.js";
import { planSummary } from "../plan-summary.js";
import { sourceInWords } from "../text/plan.js";
import { mdCode, mdFence, mdHtml, mdText } from "./escape.js";

export function renderPlanMarkdown(plan: Plan): string {
  const out: string[] = [];
  out.push(
    t("plan.md.heading"),
    "",
    `${planSummary(plan)}`,
    "",
    ...(plan.actions.length ? [`**${mdText(impactInWords(plan))}**`, ""] : []),
    t("plan.md.created", {
      backend: mdCode(plan.backend),
      region: mdCode(plan.region),
      createdAt: mdText(plan.createdAt),
    }),
  );
  if (plan.notes?.length)
    out.push("", ...plan.notes.map((n) => t("plan.md.notInPlan", { note: mdText(noteInRunLanguage(n)) })));
  for (const a of plan.actions) {
    out.push(
      "",
      t("plan.md.action", {
        runbook: mdCode(a.runbook),
        name: mdText(a.customKeyStoreName),
        id: mdCode(a.customKeyStoreId),
      }),
      "",
      t("plan.md.fixes", { codes: a.findings.map(mdCode).join(", ") }),
    );
    if (a.parameters.length) {
      out.push(
        "",
        t("plan.md.parameterHeader"),
        "| --- | --- | --- |",
        ...a.parameters.map(
          (p) =>
            `| ${mdText(p.name)} | ${mdCode(p.value).replace(/\|/g, "\\|")} | ${mdText(sourceInWords(p.source))} |`,
        ),
      );
    }
    const steps = a.steps.map((s) => stepInRunLanguage(a.runbook, s));
    out.push("", t("plan.md.stepHeader"), "| --- | --- | --- | --- | --- | --- |");
    steps.forEach((s, i) => {
      out.push(
        `| ${i + 1} | ${mdText(s.title)} | ${s.kind} | ${s.operation ? mdCode(`${s.service}:${s.operation}`) : "—"} | ${s.mutating ? t("plan.md.yes") : t("plan.md.no")} | ${mdText(s.expect ?? "")} |`,
      );
    });
    for (const s of steps.filter((x) => x.commands?.length)) {
      out.push(
        "",
        t("plan.md.manual", { title: mdHtml(s.title) }),
        "",
        ...mdFence((s.commands ?? []).map(commandInRunLanguage), "sh"),
        // An XKS proxy's checks have no Client SDK 3 form.
        ...(s.legacyCommands?.length
          ? ["", t("plan.md.legacy"), "", ...mdFence(s.legacyCommands.map(commandInRunLanguage), "sh")]
          : []),
        "",
        "</details>",
      );
    }
  }
  return `${out.join("\n")}\n`;
}
