import type { FixResult } from "../../../app/fix-result-schema.js";
import { markdownTable } from "../table.js";
import { mdCode, mdText } from "./escape.js";

/** For a change record: what the run did, step by step, and what a fresh diagnosis still finds. */
export function renderFixResultMarkdown(result: FixResult): string {
  const { plan } = result;
  const out = [
    `## kcs fix: ${result.ok ? (plan.actions.length ? "fixed" : "nothing to fix") : "not fixed"}`,
    "",
    `Backend ${mdCode(plan.backend)}, region ${mdCode(plan.region)}.`,
  ];
  if (result.outcomes.length) {
    out.push(
      "",
      markdownTable(
        ["store", "runbook", "step", "status", "detail"],
        result.outcomes.map((o) => [
          mdCode(o.customKeyStoreId),
          mdCode(o.runbook),
          mdText(o.stepId),
          o.status,
          mdText(o.detail),
        ]),
      ),
    );
  }
  if (result.newFindings?.length)
    out.push("", `New since the run began: ${result.newFindings.map((f) => mdCode(f.code)).join(", ")}.`);
  if (result.keysNoLongerEnabled?.length)
    out.push(
      "",
      `Keys that were Enabled and are not now: ${result.keysNoLongerEnabled.map(mdCode).join(", ")}.`,
    );
  if (result.remaining.length)
    out.push("", `Still found: ${result.remaining.map((f) => mdCode(f.code)).join(", ")}.`);
  for (const n of plan.notes ?? []) out.push("", `> **Not in this plan:** ${mdText(n)}.`);
  if (result.needsPerson?.length)
    out.push("", `Needs a person: ${result.needsPerson.map(mdCode).join(", ")}.`);
  return `${out.join("\n")}\n`;
}
