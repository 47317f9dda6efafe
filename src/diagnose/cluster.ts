import type { Snapshot, StoreFacts } from "../gather/snapshot.js";
import { t } from "../i18n/index.js";
import { type Finding, finding } from "./finding.js";

const GONE = new Set(["DELETED", "DELETE_IN_PROGRESS"]);

/** What DescribeClusters says about the store's cluster and its HSMs (and what a probe saw). */
export function diagnoseCluster(store: StoreFacts, s: Snapshot): Finding[] {
  const clusterId = store.cloudHsmClusterId;
  if (!clusterId || !(clusterId in s.clusters)) return [];
  const at = { customKeyStoreId: store.customKeyStoreId, cloudHsmClusterId: clusterId };
  const cluster = s.clusters[clusterId];
  if (!cluster || GONE.has(cluster.state)) {
    return [
      finding(
        "CLUSTER_NOT_FOUND",
        at,
        cluster
          ? t("findings.detail.clusterGone", { clusterId, state: cluster.state })
          : t("findings.detail.clusterAbsent", { clusterId }),
        { cloudHsmClusterId: clusterId, clusterState: cluster ? cluster.state : "absent" },
      ),
    ];
  }
  const active = cluster.hsms.filter((h) => h.state === "ACTIVE");
  const hsms = cluster.hsms.map((h) => ({
    hsmId: h.hsmId,
    availabilityZone: h.availabilityZone,
    state: h.state,
  }));
  if (active.length === 0) {
    return [
      finding(
        "NO_ACTIVE_HSMS",
        at,
        t(cluster.hsms.length === 0 ? "findings.detail.noHsms" : "findings.detail.noActiveHsm", {
          clusterId,
        }),
        { cloudHsmClusterId: clusterId, clusterState: cluster.state, activeHsms: 0, hsms },
      ),
    ];
  }
  const azs = [...new Set(active.map((h) => h.availabilityZone))].sort();
  if (azs.length < 2) {
    return [
      finding(
        "INSUFFICIENT_HSMS",
        at,
        t("findings.detail.insufficientHsms", { clusterId, count: active.length, az: String(azs[0]) }),
        { cloudHsmClusterId: clusterId, activeHsms: active.length, availabilityZones: azs, hsms },
      ),
    ];
  }
  return [];
}

/** A failed read-only probe that the describe APIs do not explain: KMS cannot reach the cluster. */
export function diagnoseProbe(store: StoreFacts, s: Snapshot): Finding[] {
  const probe = s.probes.find((p) => p.customKeyStoreId === store.customKeyStoreId);
  if (!probe || probe.ok) return [];
  const clusterId = store.cloudHsmClusterId;
  const cluster = clusterId ? s.clusters[clusterId] : undefined;
  // A missing cluster or missing HSMs already explain the failure (their own findings say so).
  if (
    clusterId &&
    (cluster === null ||
      (cluster && (GONE.has(cluster.state) || !cluster.hsms.some((h) => h.state === "ACTIVE"))))
  ) {
    return [];
  }
  return [
    finding(
      "NETWORK_ERRORS",
      { customKeyStoreId: store.customKeyStoreId, cloudHsmClusterId: clusterId },
      t("findings.detail.probeFailed", {
        operation: probe.operation,
        // As the template literal it replaces wrote them: a missing code or message reads "undefined".
        code: String(probe.code),
        message: String(probe.message),
      }),
      {
        probe: { operation: probe.operation, code: probe.code, message: probe.message },
        connectionState: store.connectionState,
      },
    ),
  ];
}
