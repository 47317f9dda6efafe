import type { Finding } from "../diagnose/finding.js";
import type { PlanAction } from "./plan.js";

/**
 * The findings an action set out to remove that are still there. A finding about one backing key
 * (an orphan) is targeted only when a step of the action acts on that backing key: orphans it could
 * not reach (another cluster) are not its to verify.
 */
export function remainingFor(action: PlanAction, findings: Finding[]): Finding[] {
  const backingKeys = new Set(
    action.steps.map((s) => s.input.BackingKeyId).filter((k) => typeof k === "string"),
  );
  return findings.filter(
    (f) =>
      f.customKeyStoreId === action.customKeyStoreId &&
      action.findings.includes(f.code) &&
      (typeof f.evidence.backingKeyId !== "string" || backingKeys.has(f.evidence.backingKeyId)),
  );
}
