import type { Plan } from "../../remediate/plan.js";

/** The plan's impact in words, for people: what it does to the keys' users, and to the bill. */
export function impactInWords(plan: Plan): string {
  const impact = plan.impact;
  if (!impact) return "Impact: not stated (a plan from an older kcs).";
  const name = (id: string) => plan.actions.find((a) => a.customKeyStoreId === id)?.customKeyStoreName ?? id;
  const parts: string[] = [];
  if (impact.storesTakenOffline.length === 0) parts.push("no store is taken offline");
  else {
    const stores = impact.storesTakenOffline.map(name).join(", ");
    parts.push(
      impact.keysMadeUnavailable > 0
        ? `takes ${stores} offline: ${impact.keysMadeUnavailable} key(s) usable now are Unavailable while it runs`
        : `disconnects ${stores}, whose keys are already unusable`,
    );
  }
  if (impact.creates?.length) parts.push(`creates ${impact.creates.join(" and ")} (billed)`);
  if (impact.leavesBehind?.length) parts.push(`leaves behind ${impact.leavesBehind.join("; ")}`);
  return `Impact: ${parts.join("; ")}.`;
}
