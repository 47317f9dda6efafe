import { type Finding, needsAttention } from "../diagnose/finding.js";
import type { Snapshot, StoreFacts } from "../gather/snapshot.js";
import type { DoctorReport } from "./doctor-report-schema.js";
import { docsFor, findingSince, storeStatus, unavailableKeys, worstFirst } from "./triage.js";
import { probeReport } from "./xks-probe-report.js";

export type { DoctorReport, StoreReport } from "./doctor-report-schema.js";

const SEVERITY_RANK = { error: 0, warning: 1, info: 2 } as const;

/** Where a report's stores are: the Region is the snapshot's; the account when the backend knows it. */
export interface Place {
  account?: string | undefined;
}

export function buildReport(snapshot: Snapshot, findings: Finding[], place: Place = {}): DoctorReport {
  const readsFailed = snapshot.errors.length > 0;
  const where = { ...(place.account ? { account: place.account } : {}), region: snapshot.region };
  const stores = worstFirst(
    snapshot.stores.map((s) => ({
      ...where,
      customKeyStoreId: s.customKeyStoreId,
      customKeyStoreName: s.customKeyStoreName,
      customKeyStoreType: s.customKeyStoreType,
      connectionState: s.reportedConnectionState ?? s.connectionState,
      connectionErrorCode: s.connectionErrorCode ?? null,
      ...(s.customKeyStoreType === "EXTERNAL_KEY_STORE"
        ? proxyFields(s, snapshot)
        : { cloudHsmClusterId: s.cloudHsmClusterId ?? null }),
      keyCount: snapshot.keys.filter((k) => k.customKeyStoreId === s.customKeyStoreId).length,
      unavailableKeyCount: unavailableKeys(snapshot, s.customKeyStoreId),
      healthy: !findings.some((f) => f.customKeyStoreId === s.customKeyStoreId && needsAttention(f)),
      status: storeStatus(s, findings, readsFailed),
    })),
    (store) =>
      Math.min(
        3,
        ...findings
          .filter((f) => f.customKeyStoreId === store.customKeyStoreId)
          .map((f) => SEVERITY_RANK[f.severity]),
      ),
  );
  // Findings in the stores' order, each store's graver first: the report reads top to bottom.
  const storeOrder = new Map(stores.map((s, i) => [s.customKeyStoreId, i]));
  const ordered = findings
    .map((f, i) => ({ f, i }))
    .sort(
      (a, b) =>
        (storeOrder.get(a.f.customKeyStoreId) ?? 0) - (storeOrder.get(b.f.customKeyStoreId) ?? 0) ||
        SEVERITY_RANK[a.f.severity] - SEVERITY_RANK[b.f.severity] ||
        a.i - b.i,
    )
    .map(({ f }) => f);
  const storeOf = new Map(snapshot.stores.map((s) => [s.customKeyStoreId, s]));
  return {
    schemaVersion: 1,
    kind: "kcs-doctor-report",
    backend: snapshot.backend,
    region: snapshot.region,
    ...(place.account ? { account: place.account } : {}),
    generatedAt: snapshot.generatedAt,
    summary: {
      stores: stores.length,
      needAttention: stores.filter((s) => s.status === "needs-attention").length,
      unavailableKeys: stores.reduce((n, s) => n + s.unavailableKeyCount, 0),
    },
    stores,
    findings: ordered.map((f) => ({
      ...f,
      since: findingSince(f, snapshot),
      docs: docsFor(f, storeOf.get(f.customKeyStoreId)),
      ...where,
    })),
    errors: snapshot.errors,
  };
}

/** An external store's proxy as the contract shows it (never its secret), and what --probe did with it. */
function proxyFields(s: StoreFacts, snapshot: Snapshot) {
  const p = s.xksProxy ?? {};
  const probe = snapshot.xksProbes?.find((x) => x.customKeyStoreId === s.customKeyStoreId);
  return {
    xksProxyConnectivity: p.connectivity ?? null,
    xksProxyUriEndpoint: p.uriEndpoint ?? null,
    xksProxyUriPath: p.uriPath ?? null,
    ...(p.vpcEndpointServiceName ? { xksProxyVpcEndpointServiceName: p.vpcEndpointServiceName } : {}),
    ...(probe ? { xksProbe: probeReport(probe) } : {}),
  };
}

/**
 * 0 nothing needs attention; 2 a finding needs attention, or a fleet run read some targets and not
 * others (it worked, and an account or Region needs a look); 1 when reads failed and nothing else
 * explains it.
 */
export function doctorExitCode(report: DoctorReport): 0 | 1 | 2 {
  if (report.findings.some(needsAttention)) return 2;
  const targets = report.targets ?? [];
  if (targets.some((t) => t.status === "read") && targets.some((t) => t.status === "failed")) return 2;
  return report.errors.length > 0 ? 1 : 0;
}
