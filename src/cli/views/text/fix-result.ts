import type { FixResult } from "../../../app/fix-result-schema.js";
import { t } from "../../../i18n/index.js";
import { noteInRunLanguage } from "../../../remediate/plan-words.js";
import type { Style } from "../style.js";

/** The last line of a run. A run that is not a fix says why on stderr, as an error: nothing here then. */
export function renderFixResult(result: FixResult, style: Style): string {
  if (!result.ok) return "";
  const { plan } = result;
  if (plan.actions.length === 0) {
    const person = result.needsPerson?.length
      ? t("fix.result.needsPerson", { codes: result.needsPerson.join(", ") })
      : "";
    return `${t("fix.result.nothing", { person })}\n${(plan.notes ?? []).map((n) => `${t("fix.result.notInPlan", { note: noteInRunLanguage(n) })}\n`).join("")}`;
  }
  // A fleet's stores share names across accounts and Regions: each is named with its place.
  const fixed = plan.actions
    .map((a) =>
      t("fix.result.fixedOn", {
        codes: a.findings.join(", "),
        name: a.account ? `${a.customKeyStoreName} (${a.account} ${a.region})` : a.customKeyStoreName,
      }),
    )
    .join("; ");
  // What the run made is billed: name it where the operator will look.
  const created = result.outcomes.flatMap((o) => (o.created ?? []).map((r) => `${r.type} ${r.id}`));
  return `${style.green("✔")} ${t("fix.result.fixed", { fixed })}\n${created.length ? `${t("fix.result.created", { resources: created.join(", ") })}\n` : ""}`;
}
