import { t } from "../../../i18n/index.js";
import type { LoadedStep, Runbook } from "../../../remediate/runbook-schema.js";
import { inRunLanguage } from "../../../remediate/runbook-words.js";
import type { Style } from "../style.js";
import { table } from "../table.js";

/** The call a step makes, as a reviewer reads it. */
export const callOf = (s: LoadedStep) =>
  s.operation ? `${s.service}:${s.operation}` : s.kind === "manual" ? t("runbooks.onTheHsm") : "";

export function renderRunbookList(runbooks: Runbook[], style: Style): string {
  const rows = runbooks.map((r) => [style.bold(r.id), r.findings.join(", "), String(r.steps.length)]);
  const header = [
    t("runbooks.list.header.runbook"),
    t("runbooks.list.header.fixes"),
    t("runbooks.list.header.steps"),
  ];
  return `${table([header.map(style.dim), ...rows])}\n\n${style.dim(t("runbooks.list.hint"))}\n`;
}

export function renderRunbook(runbook: Runbook, style: Style): string {
  const rb = inRunLanguage(runbook);
  const out = [
    `${style.bold(rb.id)}: ${rb.title}`,
    t("runbooks.show.fixes", { codes: rb.findings.join(", ") }),
    "",
    rb.summary.trim(),
    "",
    style.dim(rb.reference),
    "",
  ];
  for (const p of rb.parameters)
    out.push(
      t("runbooks.show.parameter", {
        name: style.bold(p.name),
        secret: p.secret ? t("runbooks.show.secret") : "",
        description: p.description,
      }),
    );
  if (rb.parameters.length) out.push("");
  rb.steps.forEach((s, i) => {
    out.push(
      `  ${String(i + 1).padStart(2)}. [${s.kind}] ${s.title}  ${style.cyan(callOf(s))}${s.mutating ? style.yellow(t("runbooks.show.mutating")) : ""}`,
    );
    if (s.when) out.push(style.dim(t("runbooks.show.when", { text: s.when })));
    if (s.timeout) out.push(style.dim(t("runbooks.show.timeout", { text: s.timeout })));
    if (s.undo) out.push(style.dim(t("runbooks.show.undo", { text: s.undo })));
    if (s.onFailure) out.push(style.dim(t("runbooks.show.onFailure", { text: s.onFailure })));
  });
  return `${out.join("\n")}\n`;
}
