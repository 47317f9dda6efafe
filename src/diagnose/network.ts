import {
  describeMissingRule,
  missingClusterRules,
  missingRuleInRunLanguage,
} from "../core/cluster-security-group.js";
import { byCodeUnit } from "../core/order.js";
import type { ClusterFacts, NetworkFacts, Snapshot, StoreFacts, SubnetFacts } from "../gather/snapshot.js";
import { t } from "../i18n/index.js";
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
    return [finding("SUBNET_NOT_FOUND", at, t("findings.detail.subnetsAllExist"), { missingSubnets: [] })];
  }
  return [
    finding(
      "SUBNET_NOT_FOUND",
      at,
      t("findings.detail.subnetsMissing", {
        count: missing.length,
        subnets: names(missing.map((s) => `${s.subnetId} (${s.availabilityZone})`)),
        clusterId: at.cloudHsmClusterId,
      }),
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
      ? t("findings.detail.subnetsHaveRoom")
      : t("findings.detail.subnetsFull", {
          subnets: full
            .map((s) =>
              t("findings.detail.subnetFull", {
                subnetId: s.subnetId,
                where: `${s.availabilityZone}${s.seen?.cidrBlock ? `, ${s.seen.cidrBlock}` : ""}`,
                free: s.seen?.availableIpAddresses ?? 0,
              }),
            )
            .join("; "),
        });
  return [finding("INSUFFICIENT_FREE_ADDRESSES_IN_SUBNET", at, detail, { fullSubnets: full.map(shown) })];
}

/** NETWORK_ERRORS: whether the cluster's security group still allows TCP 2223-2225 to itself. */
function securityGroupRules(at: At, cluster: ClusterFacts, network: NetworkFacts): Finding[] {
  const groupId = cluster.securityGroup;
  if (!groupId || !(groupId in network.securityGroups)) return [];
  const group = network.securityGroups[groupId];
  if (!group) {
    return [
      finding("NETWORK_ERRORS", at, t("findings.detail.securityGroupAbsent", { groupId }), {
        securityGroup: groupId,
        securityGroupState: "absent",
      }),
    ];
  }
  const missing = missingClusterRules(groupId, group.inbound, group.outbound);
  const named = `${groupId}${group.groupName ? ` (${group.groupName})` : ""}`;
  if (missing.length === 0) {
    return [
      finding("NETWORK_ERRORS", at, t("findings.detail.securityGroupFine", { group: named }), {
        securityGroup: groupId,
        missingRules: [],
      }),
    ];
  }
  const rules = missing.map(describeMissingRule);
  return [
    finding(
      "NETWORK_ERRORS",
      at,
      t("findings.detail.securityGroupLacks", {
        group: named,
        rules: missing.map(missingRuleInRunLanguage).join(t("findings.detail.and")),
        count: missing.length,
      }),
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
