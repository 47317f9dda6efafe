import type { FixResult } from "../../../app/fix-result-schema.js";
import type { Style } from "../style.js";

/** The last line of a run. A run that is not a fix says why on stderr, as an error: nothing here then. */
export function renderFixResult(result: FixResult, style: Style): string {
  if (!result.ok) return "";
  const { plan } = result;
  if (plan.actions.length === 0) {
    const person = result.needsPerson?.length
      ? `; these need a person: ${result.needsPerson.join(", ")}`
      : "";
    return `Nothing to fix${person}.\n${(plan.notes ?? []).map((n) => `Not in this plan: ${n}.\n`).join("")}`;
  }
  const fixed = plan.actions.map((a) => `${a.findings.join(", ")} on ${a.customKeyStoreName}`).join("; ");
  // What the run made is billed: name it where the operator will look.
  const created = result.outcomes.flatMap((o) => (o.created ?? []).map((r) => `${r.type} ${r.id}`));
  return `${style.green("✔")} Fixed: ${fixed}. kcs doctor agrees.\n${created.length ? `Created: ${created.join(", ")}.\n` : ""}`;
}
