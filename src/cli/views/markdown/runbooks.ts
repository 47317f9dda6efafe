import { t } from "../../../i18n/index.js";
import type { Runbook } from "../../../remediate/runbook-schema.js";
import { inRunLanguage } from "../../../remediate/runbook-words.js";
import { markdownTable } from "../table.js";
import { callOf } from "../text/runbooks.js";

export function renderRunbookListMarkdown(runbooks: Runbook[]): string {
  return `${markdownTable(
    [t("runbooks.list.md.runbook"), t("runbooks.list.md.fixes"), t("runbooks.list.md.what")],
    runbooks.map(inRunLanguage).map((r) => [`\`${r.id}\``, r.findings.join(", "), r.title]),
  )}\n`;
}

export function renderRunbookMarkdown(runbook: Runbook): string {
  const rb = inRunLanguage(runbook);
  const md = (k: "parameter" | "meaning" | "step" | "kind" | "call" | "mutating" | "when" | "yes" | "no") =>
    t(`runbooks.show.md.${k}`);
  const out = [
    t("runbooks.show.md.heading", { id: `\`${rb.id}\`` }),
    "",
    t("runbooks.show.md.lead", { title: rb.title, codes: rb.findings.map((f) => `\`${f}\``).join(", ") }),
    "",
    rb.summary.trim(),
    "",
    t("runbooks.show.md.reference", { url: rb.reference }),
    "",
  ];
  if (rb.parameters.length)
    out.push(
      markdownTable(
        [md("parameter"), md("meaning")],
        rb.parameters.map((p) => [`${p.name}${p.secret ? t("runbooks.show.secret") : ""}`, p.description]),
      ),
      "",
    );
  out.push(
    markdownTable(
      ["#", md("step"), md("kind"), md("call"), md("mutating"), md("when")],
      rb.steps.map((s, i) => [
        String(i + 1),
        s.title,
        s.kind,
        callOf(s),
        s.mutating ? md("yes") : md("no"),
        s.when ?? "",
      ]),
    ),
  );
  return `${out.join("\n")}\n`;
}
