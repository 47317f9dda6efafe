import { callSummary } from "../diagnose/xks.js";
import type { XksProbe } from "../gather/snapshot.js";

/**
 * One line of what doctor --probe did with an external store's proxy, for the store's entry: the
 * health call, the key managers and how many external keys were described, or why nothing was called.
 */
export function probeReport(p: XksProbe): { status: "probed" | "skipped"; detail: string } {
  if (p.skipped) return { status: "skipped", detail: p.skipped };
  const parts: string[] = [];
  if (p.health) parts.push(`GetHealthStatus ${callSummary(p.health)}`);
  const managers = p.health?.keyManagers ?? [];
  if (managers.length)
    parts.push(`key managers: ${managers.map((m) => `${m.id} ${m.healthStatus}`).join(", ")}`);
  const keys = p.keys ?? [];
  const slowest = keys.reduce((n, k) => Math.max(n, k.latencyMs), 0);
  parts.push(
    keys.length === 0
      ? "no external key to describe"
      : `GetKeyMetadata of ${keys.length} external key${keys.length === 1 ? "" : "s"}: ${keys.filter((k) => k.outcome === "ok").length} answered (slowest ${Math.round(slowest)} ms)`,
  );
  return { status: "probed", detail: parts.join("; ") };
}
