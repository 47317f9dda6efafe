import { t } from "../../i18n/index.js";
import type { Plan } from "../../remediate/plan.js";

/** The plan's impact in words, for people: what it does to the keys' users, and to the bill. */
export function impactInWords(plan: Plan): string {
  const impact = plan.impact;
  if (!impact) return t("doctor.impact.notStated");
  const name = (id: string) => plan.actions.find((a) => a.customKeyStoreId === id)?.customKeyStoreName ?? id;
  const parts: string[] = [];
  if (impact.storesTakenOffline.length === 0) parts.push(t("doctor.impact.noneOffline"));
  else {
    const stores = impact.storesTakenOffline.map(name).join(", ");
    parts.push(
      impact.keysMadeUnavailable > 0
        ? t("doctor.impact.takesOffline", { stores, keys: impact.keysMadeUnavailable })
        : t("doctor.impact.disconnects", { stores }),
    );
  }
  if (impact.creates?.length)
    parts.push(t("doctor.impact.creates", { items: impact.creates.join(t("doctor.impact.and")) }));
  if (impact.leavesBehind?.length)
    parts.push(t("doctor.impact.leavesBehind", { items: impact.leavesBehind.join("; ") }));
  return t("doctor.impact.line", { parts: parts.join(t("doctor.impact.partsJoin")) });
}
