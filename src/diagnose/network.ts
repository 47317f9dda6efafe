import { describeMissingRule, missingClusterRules } from "../core/cluster-security-group.js";
import { byCodeUnit } from "../core/order.js";
import type { ClusterFacts, NetworkFacts, Snapshot, StoreFacts, SubnetFacts } from "../gather/snapshot.js";
import { diagnoseProbe } from "./cluster.js";
import { type Finding, finding } from "./finding.js";

type At = { customKeyStoreId: string; cloudHsmClusterId: string };

const names = (ids: string[]) => ids.join(", ");

/** The cluster's subnets, one per AZ, with what DescribeSubnets says of each (undefined: it does not exist). */
function clusterSubnets(cluster: ClusterFacts, subnets: SubnetFacts[]) {
  return Object.entries(cluster.subnetMapping)
    .sort(([a], [b]) => byCodeUnit(a, b))
    .map(([availabilityZone, subnetId]) => ({
      availabilityZone,
      subnetId,
      seen: subnets.find((s) => s.subnetId === subnetId),
    }));
}

/** SUBNET_NOT_FOUND: which of the cluster's subnets EC2 no longer has. */
function missingSubnets(at: At, cluster: ClusterFacts, subnets: SubnetFacts[]): Finding[] {
  const missing = clusterSubnets(cluster, subnets).filter((s) => !s.seen);
  if (missing.length === 0) {
    return [
      finding(
        "SUBNET_NOT_FOUND",
        at,
        "Every subnet of the cluster exists now (DescribeSubnets): one was probably deleted and re-created, or the failure is stale.",
        { missingSubnets: [] },
      ),
    ];
  }
  return [
    finding(
      "SUBNET_NOT_FOUND",
      at,
      `EC2 no longer has ${missing.length === 1 ? "subnet" : "subnets"} ${names(missing.map((s) => `${s.subnetId} (${s.availabilityZone})`))} of cluster ${at.cloudHsmClusterId}. A cluster's subnets cannot change: the store needs a cluster restored from a backup into subnets that exist.`,
      {
        missingSubnets: missing.map((s) => ({ subnetId: s.subnetId, availabilityZone: s.availabilityZone })),
      },
    ),
  ];
}

/** INSUFFICIENT_FREE_ADDRESSES_IN_SUBNET: which subnets are full, with their free addresses. */
function fullSubnets(at: At, cluster: ClusterFacts, subnets: SubnetFacts[]): Finding[] {
  const all = clusterSubnets(cluster, subnets);
  const full = all.filter((s) => s.seen && s.seen.availableIpAddresses < 1);
  const shown = (s: (typeof all)[number]) => ({
    subnetId: s.subnetId,
    availabilityZone: s.availabilityZone,
    ...(s.seen?.cidrBlock ? { cidrBlock: s.seen.cidrBlock } : {}),
    availableIpAddresses: s.seen?.availableIpAddresses ?? 0,
  });
  const detail =
    full.length === 0
      ? "Every subnet of the cluster has a free IP address now (DescribeSubnets): a reconnect may succeed, as long as nothing takes them first."
      : `${full
          .map(
            (s) =>
              `Subnet ${s.subnetId} (${s.availabilityZone}${s.seen?.cidrBlock ? `, ${s.seen.cidrBlock}` : ""}) has ${s.seen?.availableIpAddresses ?? 0} free IP addresses`,
          )
          .join(
            "; ",
          )}: KMS puts a network interface in each of the cluster's subnets and needs one free address in each. Free addresses there, or restore the cluster into subnets with room.`;
  return [finding("INSUFFICIENT_FREE_ADDRESSES_IN_SUBNET", at, detail, { fullSubnets: full.map(shown) })];
}

/** NETWORK_ERRORS: whether the cluster's security group still allows TCP 2223-2225 to itself. */
function securityGroupRules(at: At, cluster: ClusterFacts, network: NetworkFacts): Finding[] {
  const groupId = cluster.securityGroup;
  if (!groupId || !(groupId in network.securityGroups)) return [];
  const group = network.securityGroups[groupId];
  if (!group) {
    return [
      finding(
        "NETWORK_ERRORS",
        at,
        `The cluster's security group ${groupId} no longer exists (DescribeSecurityGroups): KMS cannot reach the HSMs without it.`,
        { securityGroup: groupId, securityGroupState: "absent" },
      ),
    ];
  }
  const missing = missingClusterRules(groupId, group.inbound, group.outbound);
  const named = `${groupId}${group.groupName ? ` (${group.groupName})` : ""}`;
  if (missing.length === 0) {
    return [
      finding(
        "NETWORK_ERRORS",
        at,
        `Security group ${named} allows TCP 2223-2225 to itself in and out, as KMS needs: the failure was transient, or is outside the group (network ACLs, a firewall).`,
        { securityGroup: groupId, missingRules: [] },
      ),
    ];
  }
  const rules = missing.map(describeMissingRule);
  return [
    finding(
      "NETWORK_ERRORS",
      at,
      `Security group ${named} lacks ${rules.join(" and ")}: KMS cannot reach the HSMs until ${missing.length === 1 ? "that rule is" : "those rules are"} back. A reconnect fails until then.`,
      { securityGroup: groupId, missingRules: rules },
    ),
  ];
}

/**
 * What EC2 says about a store whose failure is about its network: the missing subnet, the full one
 * and its free addresses, or the security group's rules. Gather reads EC2 only for such stores, and
 * these findings add to the ConnectionErrorCode's (diagnose merges findings of one code and store).
 */
export function diagnoseNetwork(store: StoreFacts, s: Snapshot): Finding[] {
  const network = s.network;
  const clusterId = store.cloudHsmClusterId;
  const cluster = clusterId ? s.clusters[clusterId] : undefined;
  if (!network || !clusterId || !cluster) return [];
  const at = { customKeyStoreId: store.customKeyStoreId, cloudHsmClusterId: clusterId };
  const code = store.connectionState === "FAILED" ? store.connectionErrorCode : undefined;
  const subnetsRead = network.subnets && cluster.vpcId && network.vpcIds.includes(cluster.vpcId);
  if (code === "SUBNET_NOT_FOUND" && subnetsRead) return missingSubnets(at, cluster, network.subnets!);
  if (code === "INSUFFICIENT_FREE_ADDRESSES_IN_SUBNET" && subnetsRead)
    return fullSubnets(at, cluster, network.subnets!);
  // A failed probe means NETWORK_ERRORS only where nothing graver explains it (the probe diagnoser decides).
  if (code === "NETWORK_ERRORS" || diagnoseProbe(store, s).length > 0)
    return securityGroupRules(at, cluster, network);
  return [];
}
