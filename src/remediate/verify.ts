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

/** Findings only a call to the XKS proxy shows: their absence from a diagnosis that did not probe proves nothing. */
export const PROBE_ONLY: readonly string[] = ["XKS_PROXY_DEGRADED", "XKS_KEY_UNUSABLE"];

/**
 * Why a diagnosis cannot confirm this action's probe-only findings are gone (the proxy was not
 * called), or undefined when it can, or the action has none.
 */
export function unprobed(
  action: PlanAction,
  snapshot: { xksProbes?: { customKeyStoreId: string; skipped?: string; health?: unknown }[] },
): string | undefined {
  if (!action.findings.some((c) => PROBE_ONLY.includes(c))) return undefined;
  const probe = snapshot.xksProbes?.find((p) => p.customKeyStoreId === action.customKeyStoreId);
  if (probe && !probe.skipped && probe.health) return undefined;
  return `${action.customKeyStoreName}'s XKS proxy was not probed (${probe?.skipped ?? "no probe ran"}), so kcs cannot confirm ${action.findings.filter((c) => PROBE_ONLY.includes(c)).join(" and ")} is gone; give kcs fix the proxy's credential in KCS_XKS_ACCESS_KEY_ID and KCS_XKS_SECRET_ACCESS_KEY, or run kcs doctor --probe`;
}
