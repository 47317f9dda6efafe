import { byCodeUnit } from "../core/order.js";
import type { ClusterFacts, NetworkFacts, SubnetFacts } from "../gather/snapshot.js";
import { t } from "../i18n/index.js";

/**
 * Free addresses a subnet of a restored cluster needs: one for the HSM's network interface and one
 * for the interface KMS puts in each cluster subnet when the store connects.
 */
export const ADDRESSES_NEEDED = 2;

export interface ChosenSubnet {
  subnetId: string;
  availabilityZone: string;
  availableIpAddresses: number;
  /** The cluster's own subnet in that AZ (kept), or another with room (taken instead). */
  own: boolean;
}

export type SubnetChoice = { subnets: ChosenSubnet[] } | { refused: string };

const MIN_AZS = 2;

/**
 * Subnets for a cluster restored because its own are gone or full: one per Availability Zone the
 * cluster had HSMs in (then its other AZs, then any other AZ of its VPC, until there are two), each
 * in the cluster's VPC, existing, with room for an HSM and KMS's interface. In each AZ the cluster's
 * own subnet is kept when it qualifies; otherwise the one with the most free addresses is taken.
 * Pure: it reads what gather learnt from EC2, and says why when it cannot choose.
 */
export function chooseSubnets(
  cluster: ClusterFacts | null | undefined,
  network: NetworkFacts | undefined,
): SubnetChoice {
  if (!cluster) return { refused: t("steps.subnets.noCluster") };
  if (!cluster.vpcId) return { refused: t("steps.subnets.noVpc") };
  if (!network?.subnets || !network.vpcIds.includes(cluster.vpcId))
    return { refused: t("steps.subnets.unread") };
  const inVpc = network.subnets.filter((s) => s.vpcId === cluster.vpcId);
  const own = new Set(Object.values(cluster.subnetMapping));
  const hsmAzs = [...new Set(cluster.hsms.map((h) => h.availabilityZone))].sort();
  const order = [
    ...hsmAzs,
    ...Object.keys(cluster.subnetMapping).sort(),
    ...[...new Set(inVpc.map((s) => s.availabilityZone))].sort(),
  ].filter((az, i, all) => all.indexOf(az) === i);
  const best = (az: string): SubnetFacts | undefined =>
    inVpc
      .filter((s) => s.availabilityZone === az && s.availableIpAddresses >= ADDRESSES_NEEDED)
      .sort(
        (a, b) =>
          Number(own.has(b.subnetId)) - Number(own.has(a.subnetId)) ||
          b.availableIpAddresses - a.availableIpAddresses ||
          byCodeUnit(a.subnetId, b.subnetId),
      )[0];
  const chosen: ChosenSubnet[] = [];
  for (const az of order) {
    // Every AZ the HSMs were in; beyond those, only as many as make two.
    if (!hsmAzs.includes(az) && chosen.length >= MIN_AZS) break;
    const s = best(az);
    if (s)
      chosen.push({
        subnetId: s.subnetId,
        availabilityZone: az,
        availableIpAddresses: s.availableIpAddresses,
        own: own.has(s.subnetId),
      });
  }
  if (chosen.length < MIN_AZS)
    return {
      refused: t("steps.subnets.tooFew", {
        vpc: cluster.vpcId,
        needed: ADDRESSES_NEEDED,
        where:
          chosen.length === 0
            ? t("steps.subnets.noAz")
            : t("steps.subnets.oneAz", { az: chosen[0]!.availabilityZone }),
      }),
    };
  return { subnets: chosen };
}
