import { t } from "../../i18n/index.js";
import type { Plan } from "../../remediate/plan.js";

/**
 * A plan's JSON states what it creates and leaves behind in the planner's English (a saved plan must
 * re-plan to itself in any language); shown to a person, each is read back into the run's language.
 * Anything else (a plan from another kcs) is shown as written.
 */
const ITEMS: [RegExp, (m: RegExpMatchArray) => string][] = [
  [/^a CloudHSM cluster from (\S+)$/, (m) => t("doctor.impact.item.clusterFromBackup", { backup: m[1]! })],
  [/^(\d+) HSMs? in (\S+)$/, (m) => t("doctor.impact.item.hsms", { count: Number(m[1]), cluster: m[2]! })],
  [
    /^(\S+) and its (\d+) HSM\(s\): the store no longer uses it, and it is billed until you delete it$/,
    (m) => t("doctor.impact.item.oldCluster", { count: Number(m[2]), cluster: m[1]! }),
  ],
];

const inWords = (item: string) => {
  for (const [pattern, say] of ITEMS) {
    const m = item.match(pattern);
    if (m) return say(m);
  }
  return item;
};

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
    parts.push(
      t("doctor.impact.creates", { items: impact.creates.map(inWords).join(t("doctor.impact.and")) }),
    );
  if (impact.leavesBehind?.length)
    parts.push(t("doctor.impact.leavesBehind", { items: impact.leavesBehind.map(inWords).join("; ") }));
  return t("doctor.impact.line", { parts: parts.join(t("doctor.impact.partsJoin")) });
}
