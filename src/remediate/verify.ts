import type { Finding } from "../diagnose/finding.js";
import type { PlanAction } from "./plan.js";

/**
 * The findings an action set out to remove that are still there. An orphan action targets only the
 * backing keys it deletes: orphans it could not reach (another cluster) are not its to verify.
 */
export function remainingFor(action: PlanAction, findings: Finding[]): Finding[] {
  const orphanKeys = new Set(
    action.steps
      .filter((s) => s.action === "hsm.delete-key-material")
      .map((s) => String(s.input.BackingKeyId)),
  );
  return findings.filter(
    (f) =>
      f.customKeyStoreId === action.customKeyStoreId &&
      action.findings.includes(f.code) &&
      (f.code !== "ORPHANED_KEY_MATERIAL" || orphanKeys.has(String(f.evidence.backingKeyId))),
  );
}
