import type { Finding } from "../diagnose/finding.js";
import { t } from "../i18n/index.js";
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
  // Two codes at most, joined by i18next's list formatter ("A and B", "A と B"): only a fix of an XKS
  // store that could not be probed gets here, so Intl.ListFormat's first-use cost is off doctor's path.
  return t("steps.verify.unprobed", {
    name: action.customKeyStoreName,
    why: probe?.skipped ?? t("steps.verify.noProbe"),
    codes: action.findings.filter((c) => PROBE_ONLY.includes(c)),
  });
}
