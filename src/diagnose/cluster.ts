import type { Snapshot, StoreFacts } from "../gather/snapshot.js";
import { type Finding, finding } from "./finding.js";

const GONE = new Set(["DELETED", "DELETE_IN_PROGRESS"]);

/** What DescribeClusters says about the store's cluster and its HSMs (and what a probe saw). */
export function diagnoseCluster(store: StoreFacts, s: Snapshot): Finding[] {
  const clusterId = store.cloudHsmClusterId;
  if (!clusterId || !(clusterId in s.clusters)) return [];
  const at = { customKeyStoreId: store.customKeyStoreId, cloudHsmClusterId: clusterId };
  const cluster = s.clusters[clusterId];
  if (!cluster || GONE.has(cluster.state)) {
    const seen = cluster ? `is ${cluster.state}` : "is not returned by DescribeClusters";
    return [
      finding(
        "CLUSTER_NOT_FOUND",
        at,
        `Cluster ${clusterId} ${seen}. The store cannot connect until it is associated with a cluster restored from a backup of this one.`,
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
        `Cluster ${clusterId} has ${cluster.hsms.length === 0 ? "no HSMs" : "no ACTIVE HSM"}: KMS needs at least one to connect and to use any key.`,
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
        `Cluster ${clusterId} has ${active.length} active HSM${active.length === 1 ? "" : "s"}, all in ${azs[0]}: KMS needs two in different Availability Zones to create keys, and one AZ outage makes every key unusable.`,
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
      `The store says CONNECTED, but ${probe.operation} against it failed (${probe.code}: ${probe.message}). Check the cluster's security group (TCP 2223-2225 to itself) and network ACLs.`,
      {
        probe: { operation: probe.operation, code: probe.code, message: probe.message },
        connectionState: store.connectionState,
      },
    ),
  ];
}
