import type { FixResult } from "../../../app/fix-result-schema.js";
import { t } from "../../../i18n/index.js";
import { noteInRunLanguage } from "../../../remediate/plan-words.js";
import { markdownTable } from "../table.js";
import { mdCode, mdText } from "./escape.js";

/** For a change record: what the run did, step by step, and what a fresh diagnosis still finds. */
export function renderFixResultMarkdown(result: FixResult): string {
  const { plan } = result;
  const out = [
    result.ok
      ? plan.actions.length
        ? t("fix.result.md.fixed")
        : t("fix.result.md.nothing")
      : t("fix.result.md.notFixed"),
    "",
    t("fix.result.md.where", { backend: mdCode(plan.backend), region: mdCode(plan.region) }),
  ];
  if (result.outcomes.length) {
    out.push(
      "",
      markdownTable(
        [
          t("fix.result.md.store"),
          t("fix.result.md.runbook"),
          t("fix.result.md.step"),
          t("fix.result.md.status"),
          t("fix.result.md.detail"),
        ],
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
    out.push(
      "",
      t("fix.result.md.newFindings", { codes: result.newFindings.map((f) => mdCode(f.code)).join(", ") }),
    );
  if (result.keysNoLongerEnabled?.length)
    out.push(
      "",
      t("fix.result.md.keysNoLongerEnabled", { keys: result.keysNoLongerEnabled.map(mdCode).join(", ") }),
    );
  if (result.remaining.length)
    out.push(
      "",
      t("fix.result.md.stillFound", { codes: result.remaining.map((f) => mdCode(f.code)).join(", ") }),
    );
  for (const n of plan.notes ?? [])
    out.push("", t("fix.result.md.notInPlan", { note: mdText(noteInRunLanguage(n)) }));
  if (result.needsPerson?.length)
    out.push("", t("fix.result.md.needsPerson", { codes: result.needsPerson.map(mdCode).join(", ") }));
  return `${out.join("\n")}\n`;
}
