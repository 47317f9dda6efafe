import type { Runbook } from "../../../remediate/runbook-schema.js";
import { markdownTable } from "../table.js";
import { callOf } from "../text/runbooks.js";

export function renderRunbookListMarkdown(runbooks: Runbook[]): string {
  return `${markdownTable(
    ["runbook", "fixes", "what it does"],
    runbooks.map((r) => [`\`${r.id}\``, r.findings.join(", "), r.title]),
  )}\n`;
}

export function renderRunbookMarkdown(rb: Runbook): string {
  const out = [
    `## Runbook \`${rb.id}\``,
    "",
    `**${rb.title}.** Fixes ${rb.findings.map((f) => `\`${f}\``).join(", ")}.`,
    "",
    rb.summary.trim(),
    "",
    `Reference: ${rb.reference}`,
    "",
  ];
  if (rb.parameters.length)
    out.push(
      markdownTable(
        ["parameter", "meaning"],
        rb.parameters.map((p) => [`${p.name}${p.secret ? " (secret)" : ""}`, p.description]),
      ),
      "",
    );
  out.push(
    markdownTable(
      ["#", "step", "kind", "call", "mutating", "when"],
      rb.steps.map((s, i) => [
        String(i + 1),
        s.title,
        s.kind,
        callOf(s),
        s.mutating ? "yes" : "no",
        s.when ?? "",
      ]),
    ),
  );
  return `${out.join("\n")}\n`;
}
