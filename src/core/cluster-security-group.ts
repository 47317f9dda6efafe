/**
 * What KMS requires of a CloudHSM cluster's security group (AWS's "fix a custom key store" and
 * CloudHsmClusterInvalidConfigurationException pages): TCP 2223-2225 allowed inbound with the group
 * itself as source, and outbound with the group itself as destination. CloudHSM sets both when it
 * creates the cluster; removing either cuts KMS off from the HSMs. One rule for the simulator (which
 * decides connects by it) and for doctor (which reads the rules from EC2), so the two cannot drift.
 */

import { t } from "../i18n/index.js";

/** The ports the CloudHSM client (and KMS) use to reach the HSMs. */
export const CLOUDHSM_PORTS = { from: 2223, to: 2225 } as const;

/** A security group rule as EC2's IpPermission carries it, reduced to what the check needs. */
export interface RuleFacts {
  /** "tcp", "6", "-1" (all traffic), "udp", ... */
  ipProtocol: string;
  fromPort?: number;
  toPort?: number;
  /** The security groups the rule names as source (inbound) or destination (outbound). */
  groupIds: string[];
}

export type RuleDirection = "inbound" | "outbound";

/** Whether the rules together allow every CloudHSM port to or from the group itself. */
function coversSelf(groupId: string, rules: readonly RuleFacts[]): boolean {
  const own = rules.filter((r) => r.groupIds.includes(groupId));
  for (let port = CLOUDHSM_PORTS.from; port <= CLOUDHSM_PORTS.to; port++) {
    const allowed = own.some(
      (r) =>
        r.ipProtocol === "-1" ||
        ((r.ipProtocol === "tcp" || r.ipProtocol === "6") &&
          (r.fromPort ?? 0) <= port &&
          port <= (r.toPort ?? 65535)),
    );
    if (!allowed) return false;
  }
  return true;
}

/** The directions in which the group does not allow TCP 2223-2225 to itself (empty: it meets KMS's rule). */
export function missingClusterRules(
  groupId: string,
  inbound: readonly RuleFacts[],
  outbound: readonly RuleFacts[],
): RuleDirection[] {
  return [
    ...(coversSelf(groupId, inbound) ? [] : (["inbound"] as const)),
    ...(coversSelf(groupId, outbound) ? [] : (["outbound"] as const)),
  ];
}

const PORTS = `TCP ${CLOUDHSM_PORTS.from}-${CLOUDHSM_PORTS.to}`;

/** How a missing rule reads in evidence (a finding's JSON: English whatever the language). */
export function describeMissingRule(direction: RuleDirection): string {
  return direction === "inbound" ? `inbound ${PORTS} from itself` : `outbound ${PORTS} to itself`;
}

/** How a missing rule reads in a sentence, in the run's language (the same words in English). */
export const missingRuleInRunLanguage = (direction: RuleDirection): string =>
  t(direction === "inbound" ? "doctor.securityGroup.inbound" : "doctor.securityGroup.outbound", {
    ports: PORTS,
  });
