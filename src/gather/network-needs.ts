import type { ClusterFacts, ProbeResult, StoreFacts } from "./snapshot.js";

export interface NetworkNeeds {
  vpcIds: string[];
  groupIds: string[];
}

/** ConnectionErrorCodes whose diagnosis and repair depend on the subnets EC2 shows. */
const SUBNET_CODES = new Set(["SUBNET_NOT_FOUND", "INSUFFICIENT_FREE_ADDRESSES_IN_SUBNET"]);

/**
 * What EC2 must be asked about: the VPCs of clusters whose store failed for want of a subnet or an
 * address, and the security groups of clusters KMS could not reach (a NETWORK_ERRORS connect or a
 * failed probe). Nothing for every other store: EC2 is read only when it can explain something.
 */
export function networkNeeds(
  stores: StoreFacts[],
  clusters: Record<string, ClusterFacts | null>,
  probes: ProbeResult[],
): NetworkNeeds {
  const vpcIds = new Set<string>();
  const groupIds = new Set<string>();
  for (const s of stores) {
    const cluster = s.cloudHsmClusterId ? clusters[s.cloudHsmClusterId] : undefined;
    if (s.customKeyStoreType !== "AWS_CLOUDHSM" || !cluster) continue;
    const code = s.connectionState === "FAILED" ? s.connectionErrorCode : undefined;
    if (code && SUBNET_CODES.has(code) && cluster.vpcId) vpcIds.add(cluster.vpcId);
    const probeFailed = probes.some((p) => p.customKeyStoreId === s.customKeyStoreId && !p.ok);
    if ((code === "NETWORK_ERRORS" || probeFailed) && cluster.securityGroup)
      groupIds.add(cluster.securityGroup);
  }
  return { vpcIds: [...vpcIds].sort(), groupIds: [...groupIds].sort() };
}

export const needsNothing = (n: NetworkNeeds) => n.vpcIds.length === 0 && n.groupIds.length === 0;
