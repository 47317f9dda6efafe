import { createHash } from "node:crypto";
import type { OpContext } from "../context.js";
import { awsError } from "../errors.js";
import type { Input } from "../input.js";
import type { Cluster, Hsm, World } from "../world.js";
import { describeResources, quoteIds } from "./describe.js";
import { findSecurityGroup } from "./security-groups.js";
import { availabilityZoneId } from "./subnets.js";

/** The account CloudHSM runs its HSM instances in: their ENIs are attached across accounts. */
const CLOUDHSM_INSTANCE_OWNER = "amazon-cloudhsm";

interface HsmInterface {
  cluster: Cluster;
  hsm: Hsm;
}

/** The network interface of every HSM that exists: CloudHSM puts one in the HSM's subnet. */
function hsmInterfaces(world: World): HsmInterface[] {
  return world.clusters.flatMap((cluster) =>
    cluster.Hsms.filter((h) => h.State !== "DELETED").map((hsm) => ({ cluster, hsm })),
  );
}

const hexOf = (text: string, length: number) =>
  createHash("sha256").update(text).digest("hex").slice(0, length);

function interfaceView(world: World, { cluster, hsm }: HsmInterface) {
  const group = findSecurityGroup(world, cluster.SecurityGroup);
  const mac = hexOf(hsm.EniId, 10).replace(/(..)(?=.)/g, "$1:");
  return {
    Attachment: {
      // Epoch seconds, as every handler answers a timestamp; the XML protocol writes ISO 8601.
      AttachTime: cluster.CreateTimestamp / 1000,
      AttachmentId: `eni-attach-${hexOf(hsm.HsmId, 17)}`,
      DeleteOnTermination: false,
      DeviceIndex: 1,
      InstanceOwnerId: CLOUDHSM_INSTANCE_OWNER,
      Status: "attached",
    },
    AvailabilityZone: hsm.AvailabilityZone,
    AvailabilityZoneId: availabilityZoneId(world.region, hsm.AvailabilityZone),
    Description: `CloudHSM ENI for HSM ${hsm.HsmId} of cluster ${cluster.ClusterId}`,
    Groups: [{ GroupId: cluster.SecurityGroup, ...(group ? { GroupName: group.GroupName } : {}) }],
    InterfaceType: "interface",
    Ipv6Addresses: [],
    MacAddress: `02:${mac}`,
    NetworkInterfaceId: hsm.EniId,
    OwnerId: world.accountId,
    PrivateIpAddress: hsm.EniIp,
    PrivateIpAddresses: [{ Primary: true, PrivateIpAddress: hsm.EniIp }],
    RequesterId: CLOUDHSM_INSTANCE_OWNER,
    RequesterManaged: true,
    SourceDestCheck: true,
    Status: "in-use",
    SubnetId: hsm.SubnetId,
    TagSet: [],
    VpcId: cluster.VpcId,
  };
}

export function describeNetworkInterfaces(ctx: OpContext, input: Input) {
  const { world } = ctx;
  if (Array.isArray(input.NetworkInterfaceIds) && input.MaxResults !== undefined)
    throw awsError(
      "InvalidParameterCombination",
      "The parameter NetworkInterfaceIds cannot be used with the parameter MaxResults",
    );
  return describeResources(ctx, input, hsmInterfaces(world), {
    idsMember: "NetworkInterfaceIds",
    idOf: (i) => i.hsm.EniId,
    malformed: {
      pattern: /^eni-[0-9a-f]{8,17}$/,
      code: "InvalidNetworkInterfaceID.Malformed",
      expecting: "eni-...",
    },
    notFound: (missing) =>
      awsError(
        "InvalidNetworkInterfaceID.NotFound",
        `The networkInterface ID ${quoteIds(missing)} does not exist`,
      ),
    filters: {
      "network-interface-id": (i) => i.hsm.EniId,
      "subnet-id": (i) => i.hsm.SubnetId,
      "vpc-id": (i) => i.cluster.VpcId,
      "availability-zone": (i) => i.hsm.AvailabilityZone,
      "group-id": (i) => i.cluster.SecurityGroup,
      "private-ip-address": (i) => i.hsm.EniIp,
      "addresses.private-ip-address": (i) => i.hsm.EniIp,
      description: (i) => `CloudHSM ENI for HSM ${i.hsm.HsmId} of cluster ${i.cluster.ClusterId}`,
      status: () => "in-use",
      "interface-type": () => "interface",
      "owner-id": () => world.accountId,
      "requester-id": () => CLOUDHSM_INSTANCE_OWNER,
      "requester-managed": () => true,
      "attachment.instance-owner-id": () => CLOUDHSM_INSTANCE_OWNER,
      "attachment.status": () => "attached",
    },
    resultMember: "NetworkInterfaces",
    view: (i) => interfaceView(world, i),
  });
}
