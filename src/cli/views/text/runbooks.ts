import type { LoadedStep, Runbook } from "../../../remediate/runbook-schema.js";
import type { Style } from "../style.js";
import { table } from "../table.js";

/** The call a step makes, as a reviewer reads it. */
export const callOf = (s: LoadedStep) =>
  s.operation ? `${s.service}:${s.operation}` : s.kind === "manual" ? "on the HSM" : "";

export function renderRunbookList(runbooks: Runbook[], style: Style): string {
  const rows = runbooks.map((r) => [style.bold(r.id), r.findings.join(", "), String(r.steps.length)]);
  return `${table([["RUNBOOK", "FIXES", "STEPS"].map(style.dim), ...rows])}\n\n${style.dim("kcs runbooks show ID prints every step.")}\n`;
}

export function renderRunbook(rb: Runbook, style: Style): string {
  const out = [
    `${style.bold(rb.id)}: ${rb.title}`,
    `fixes ${rb.findings.join(", ")}`,
    "",
    rb.summary.trim(),
    "",
    style.dim(rb.reference),
    "",
  ];
  for (const p of rb.parameters)
    out.push(`  parameter ${style.bold(p.name)}${p.secret ? " (secret)" : ""}: ${p.description}`);
  if (rb.parameters.length) out.push("");
  rb.steps.forEach((s, i) => {
    out.push(
      `  ${String(i + 1).padStart(2)}. [${s.kind}] ${s.title}  ${style.cyan(callOf(s))}${s.mutating ? style.yellow(" (mutating)") : ""}`,
    );
    if (s.when) out.push(style.dim(`        when: ${s.when}`));
    if (s.timeout) out.push(style.dim(`        timeout: ${s.timeout}`));
    if (s.undo) out.push(style.dim(`        undo: ${s.undo}`));
    if (s.onFailure) out.push(style.dim(`        if it fails: ${s.onFailure}`));
  });
  return `${out.join("\n")}\n`;
}
