import {
  CLOUDHSM_PORTS,
  missingClusterRules,
  type RuleDirection,
} from "../../core/cluster-security-group.js";
import type { OpContext } from "../context.js";
import { awsError } from "../errors.js";
import type { Input } from "../input.js";
import type { Cluster, SecurityGroup, SecurityGroupRule, World } from "../world.js";
import { describeResources, quoteIds, refuseDryRun } from "./describe.js";

/** The rule CloudHSM writes in both directions of a new cluster's group: TCP 2223-2225 to itself. */
function selfRule(world: World, groupId: string): SecurityGroupRule {
  return {
    IpProtocol: "tcp",
    FromPort: CLOUDHSM_PORTS.from,
    ToPort: CLOUDHSM_PORTS.to,
    UserIdGroupPairs: [{ GroupId: groupId, UserId: world.accountId }],
  };
}

/** The security group CloudHSM creates with a cluster (`cloudhsm-cluster-<id>-sg`), rules and all. */
export function clusterSecurityGroup(
  world: World,
  cluster: Pick<Cluster, "ClusterId" | "VpcId" | "SecurityGroup">,
) {
  const group: SecurityGroup = {
    GroupId: cluster.SecurityGroup,
    GroupName: `cloudhsm-cluster-${cluster.ClusterId}-sg`,
    Description: `Security group for CloudHSM cluster ${cluster.ClusterId}`,
    VpcId: cluster.VpcId,
    IpPermissions: [selfRule(world, cluster.SecurityGroup)],
    IpPermissionsEgress: [selfRule(world, cluster.SecurityGroup)],
  };
  world.securityGroups ??= [];
  world.securityGroups.push(group);
  return group;
}

/**
 * Worlds written before security groups were data kept a `securityGroupValid` flag per cluster:
 * give each cluster the group CloudHSM would have made, without its rules where the flag said invalid.
 */
export function deriveSecurityGroups(world: World): void {
  if (world.securityGroups) return;
  world.securityGroups = [];
  for (const cluster of world.clusters) {
    const group = clusterSecurityGroup(world, cluster);
    if ((cluster as { securityGroupValid?: boolean }).securityGroupValid === false) {
      group.IpPermissions = [];
      group.IpPermissionsEgress = [];
    }
    delete (cluster as { securityGroupValid?: boolean }).securityGroupValid;
  }
}

export function findSecurityGroup(world: World, groupId: string): SecurityGroup | undefined {
  return world.securityGroups?.find((g) => g.GroupId === groupId);
}

const ruleFacts = (r: SecurityGroupRule) => ({
  ipProtocol: r.IpProtocol,
  ...(r.FromPort !== undefined ? { fromPort: r.FromPort } : {}),
  ...(r.ToPort !== undefined ? { toPort: r.ToPort } : {}),
  groupIds: (r.UserIdGroupPairs ?? []).map((p) => p.GroupId),
});

/**
 * What keeps KMS from the cluster's HSMs in its security group: the directions lacking TCP 2223-2225
 * to itself (both when the group is gone).
 */
export function clusterRulesMissing(world: World, cluster: Cluster): RuleDirection[] {
  const group = findSecurityGroup(world, cluster.SecurityGroup);
  if (!group) return ["inbound", "outbound"];
  return missingClusterRules(
    group.GroupId,
    group.IpPermissions.map(ruleFacts),
    group.IpPermissionsEgress.map(ruleFacts),
  );
}

function ruleView(r: SecurityGroupRule) {
  return {
    IpProtocol: r.IpProtocol,
    ...(r.FromPort !== undefined ? { FromPort: r.FromPort } : {}),
    ...(r.ToPort !== undefined ? { ToPort: r.ToPort } : {}),
    UserIdGroupPairs: r.UserIdGroupPairs ?? [],
    IpRanges: r.IpRanges ?? [],
    Ipv6Ranges: [],
    PrefixListIds: [],
  };
}

function groupView(world: World, g: SecurityGroup) {
  return {
    GroupId: g.GroupId,
    GroupName: g.GroupName,
    Description: g.Description,
    VpcId: g.VpcId,
    OwnerId: world.accountId,
    SecurityGroupArn: `arn:aws:ec2:${world.region}:${world.accountId}:security-group/${g.GroupId}`,
    IpPermissions: g.IpPermissions.map(ruleView),
    IpPermissionsEgress: g.IpPermissionsEgress.map(ruleView),
  };
}

const ruleValues = (
  rules: SecurityGroupRule[],
  read: (r: SecurityGroupRule) => (string | number | undefined)[],
) => rules.flatMap(read);

export function describeSecurityGroups(ctx: OpContext, input: Input) {
  const { world } = ctx;
  refuseDryRun(input);
  // Names are looked up in the default VPC only, and simulated accounts have none.
  const names = Array.isArray(input.GroupNames) ? (input.GroupNames as unknown[]) : [];
  if (names.length > 0)
    throw awsError(
      "InvalidGroup.NotFound",
      `The security group ${quoteIds(names.map(String))} does not exist in default VPC 'none'`,
    );
  return describeResources(ctx, input, world.securityGroups ?? [], {
    idsMember: "GroupIds",
    idOf: (g) => g.GroupId,
    malformed: { pattern: /^sg-[0-9a-f]{8,17}$/, code: "InvalidGroupId.Malformed", expecting: "sg-..." },
    notFound: (missing) =>
      awsError("InvalidGroup.NotFound", `The security group ${quoteIds(missing)} does not exist`),
    filters: {
      "group-id": (g) => g.GroupId,
      "group-name": (g) => g.GroupName,
      description: (g) => g.Description,
      "vpc-id": (g) => g.VpcId,
      "owner-id": () => world.accountId,
      "ip-permission.group-id": (g) =>
        ruleValues(g.IpPermissions, (r) => (r.UserIdGroupPairs ?? []).map((p) => p.GroupId)),
      "ip-permission.protocol": (g) => ruleValues(g.IpPermissions, (r) => [r.IpProtocol]),
      "ip-permission.from-port": (g) => ruleValues(g.IpPermissions, (r) => [r.FromPort]),
      "ip-permission.to-port": (g) => ruleValues(g.IpPermissions, (r) => [r.ToPort]),
      "ip-permission.cidr": (g) =>
        ruleValues(g.IpPermissions, (r) => (r.IpRanges ?? []).map((x) => x.CidrIp)),
      "egress.ip-permission.group-id": (g) =>
        ruleValues(g.IpPermissionsEgress, (r) => (r.UserIdGroupPairs ?? []).map((p) => p.GroupId)),
      "egress.ip-permission.protocol": (g) => ruleValues(g.IpPermissionsEgress, (r) => [r.IpProtocol]),
      "egress.ip-permission.from-port": (g) => ruleValues(g.IpPermissionsEgress, (r) => [r.FromPort]),
      "egress.ip-permission.to-port": (g) => ruleValues(g.IpPermissionsEgress, (r) => [r.ToPort]),
      "egress.ip-permission.cidr": (g) =>
        ruleValues(g.IpPermissionsEgress, (r) => (r.IpRanges ?? []).map((x) => x.CidrIp)),
    },
    resultMember: "SecurityGroups",
    view: (g) => groupView(world, g),
  });
}

/**
 * Whether KMS's traffic to the cluster's HSMs is cut off: by the cluster's security group rules, or
 * by what EC2 does not show (a network ACL or a firewall: the cluster's `networkBlocked`).
 */
export function kmsCannotReach(world: World, cluster: Cluster): boolean {
  return cluster.networkBlocked === true || clusterRulesMissing(world, cluster).length > 0;
}
