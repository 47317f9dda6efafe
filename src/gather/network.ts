import {
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  type IpPermission,
} from "@aws-sdk/client-ec2";
import { errorCode } from "../backend/aws-errors.js";
import type { AwsClients } from "../backend/clients.js";
import type { RuleFacts } from "../core/cluster-security-group.js";
import type { NetworkNeeds } from "./network-needs.js";
import type { NetworkFacts, SecurityGroupFacts, SubnetFacts } from "./snapshot.js";

// This module loads the EC2 client (about half a second): gather imports it only when a store needs it.

/** A read whose failure is reported under the snapshot's errors (gather's Reader). */
export interface SoftReader {
  soft<T>(service: "ec2", operation: string, fn: () => Promise<T>): Promise<T | undefined>;
}

const ruleFacts = (p: IpPermission): RuleFacts => ({
  ipProtocol: p.IpProtocol ?? "",
  ...(p.FromPort !== undefined ? { fromPort: p.FromPort } : {}),
  ...(p.ToPort !== undefined ? { toPort: p.ToPort } : {}),
  groupIds: (p.UserIdGroupPairs ?? []).flatMap((g) => (g.GroupId ? [g.GroupId] : [])),
});

async function readSubnets(r: SoftReader, clients: AwsClients, vpcIds: string[]) {
  const ec2 = await clients.ec2();
  const out: SubnetFacts[] = [];
  let token: string | undefined;
  do {
    const res = await r.soft("ec2", "DescribeSubnets", () =>
      ec2.send(
        new DescribeSubnetsCommand({
          Filters: [{ Name: "vpc-id", Values: vpcIds }],
          MaxResults: 1000,
          ...(token ? { NextToken: token } : {}),
        }),
      ),
    );
    if (!res) return undefined;
    for (const s of res.Subnets ?? []) {
      if (!s.SubnetId || !s.VpcId || !s.AvailabilityZone) continue;
      out.push({
        subnetId: s.SubnetId,
        vpcId: s.VpcId,
        availabilityZone: s.AvailabilityZone,
        ...(s.CidrBlock ? { cidrBlock: s.CidrBlock } : {}),
        availableIpAddresses: s.AvailableIpAddressCount ?? 0,
      });
    }
    token = res.NextToken;
  } while (token);
  return out;
}

/** One group at a time: EC2 answers a list with one unknown id with InvalidGroup.NotFound for all. */
async function readGroup(r: SoftReader, clients: AwsClients, groupId: string) {
  const ec2 = await clients.ec2();
  const res = await r.soft("ec2", "DescribeSecurityGroups", async () => {
    try {
      return await ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [groupId] }));
    } catch (err) {
      if (errorCode(err) === "InvalidGroup.NotFound") return null;
      throw err;
    }
  });
  if (res === undefined) return undefined;
  const g = res?.SecurityGroups?.find((x) => x.GroupId === groupId);
  if (!g) return null;
  const facts: SecurityGroupFacts = {
    groupId,
    ...(g.GroupName ? { groupName: g.GroupName } : {}),
    ...(g.VpcId ? { vpcId: g.VpcId } : {}),
    inbound: (g.IpPermissions ?? []).map(ruleFacts),
    outbound: (g.IpPermissionsEgress ?? []).map(ruleFacts),
  };
  return facts;
}

/** The network facts the stores need, or undefined when none needs any. */
export async function readNetwork(
  r: SoftReader,
  clients: AwsClients,
  needs: NetworkNeeds,
): Promise<NetworkFacts | undefined> {
  if (needs.vpcIds.length === 0 && needs.groupIds.length === 0) return undefined;
  const subnets = needs.vpcIds.length ? await readSubnets(r, clients, needs.vpcIds) : [];
  const securityGroups: NetworkFacts["securityGroups"] = {};
  for (const id of needs.groupIds) {
    const group = await readGroup(r, clients, id);
    if (group !== undefined) securityGroups[id] = group;
  }
  return { vpcIds: needs.vpcIds, ...(subnets ? { subnets } : {}), securityGroups };
}
