import type { OpContext } from "../context.js";
import { awsError } from "../errors.js";
import type { Input } from "../input.js";
import type { Subnet, World } from "../world.js";
import { describeResources, quoteIds } from "./describe.js";

/**
 * An Availability Zone's id (euw1-az1 for eu-west-1a). Real ids are mapped per account; a fixed
 * mapping is enough for a simulated one.
 */
export function availabilityZoneId(region: string, az: string): string {
  const [area = "", direction = "", number = ""] = region.split("-");
  const letter = az.slice(region.length) || "a";
  return `${area}${direction.charAt(0)}${number}-az${letter.charCodeAt(0) - 96}`;
}

function subnetView(world: World, s: Subnet) {
  return {
    AvailabilityZone: s.AvailabilityZone,
    AvailabilityZoneId: availabilityZoneId(world.region, s.AvailabilityZone),
    AvailableIpAddressCount: s.freeAddresses,
    CidrBlock: s.CidrBlock,
    DefaultForAz: false,
    MapPublicIpOnLaunch: false,
    State: "available",
    SubnetId: s.SubnetId,
    VpcId: s.VpcId,
    OwnerId: world.accountId,
    AssignIpv6AddressOnCreation: false,
    Ipv6CidrBlockAssociationSet: [],
    SubnetArn: `arn:aws:ec2:${world.region}:${world.accountId}:subnet/${s.SubnetId}`,
    Ipv6Native: false,
  };
}

/** DescribeSubnets: the subnets that exist (a deleted one is gone, as in EC2), with their free addresses. */
export function describeSubnets(ctx: OpContext, input: Input) {
  const { world } = ctx;
  const az = (s: Subnet) => s.AvailabilityZone;
  const azId = (s: Subnet) => availabilityZoneId(world.region, s.AvailabilityZone);
  const cidr = (s: Subnet) => s.CidrBlock;
  return describeResources(
    ctx,
    input,
    world.subnets.filter((s) => !s.deleted),
    {
      idsMember: "SubnetIds",
      idOf: (s) => s.SubnetId,
      malformed: {
        pattern: /^subnet-[0-9a-f]{8,17}$/,
        code: "InvalidSubnetID.Malformed",
        expecting: "subnet-...",
      },
      notFound: (missing) =>
        awsError(
          "InvalidSubnetID.NotFound",
          missing.length === 1
            ? `The subnet ID ${quoteIds(missing)} does not exist`
            : `The subnet IDs ${quoteIds(missing)} do not exist`,
        ),
      filters: {
        "availability-zone": az,
        availabilityZone: az,
        "availability-zone-id": azId,
        availabilityZoneId: azId,
        "available-ip-address-count": (s) => s.freeAddresses,
        availableIpAddressCount: (s) => s.freeAddresses,
        "cidr-block": cidr,
        cidr,
        cidrBlock: cidr,
        "default-for-az": () => false,
        defaultForAz: () => false,
        "owner-id": () => world.accountId,
        state: () => "available",
        "subnet-arn": (s) => `arn:aws:ec2:${world.region}:${world.accountId}:subnet/${s.SubnetId}`,
        "subnet-id": (s) => s.SubnetId,
        "vpc-id": (s) => s.VpcId,
      },
      resultMember: "Subnets",
      view: (s) => subnetView(world, s),
    },
  );
}
