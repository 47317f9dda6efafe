import type { OpContext } from "../context.js";
import { awsError } from "../errors.js";
import type { Input } from "../input.js";
import type { World } from "../world.js";
import { describeResources, quoteIds } from "./describe.js";

/** Every VPC of a simulated account spans 10.0.0.0/16: its subnets are /24s cut from it. */
const VPC_CIDR = "10.0.0.0/16";

/**
 * The world's VPCs, derived from what lives in them (subnets, deleted or not, and clusters): the
 * simulator never deletes a VPC, so nothing else needs recording.
 */
export function vpcIdsOf(world: World): string[] {
  return [...new Set([...world.subnets.map((s) => s.VpcId), ...world.clusters.map((c) => c.VpcId)])];
}

function vpcView(world: World, vpcId: string) {
  return {
    VpcId: vpcId,
    State: "available",
    CidrBlock: VPC_CIDR,
    CidrBlockAssociationSet: [
      {
        AssociationId: `vpc-cidr-assoc-${vpcId.slice(4)}`,
        CidrBlock: VPC_CIDR,
        CidrBlockState: { State: "associated" },
      },
    ],
    DhcpOptionsId: "dopt-0a1b2c3d4e5f60718",
    InstanceTenancy: "default",
    IsDefault: false,
    OwnerId: world.accountId,
  };
}

export function describeVpcs(ctx: OpContext, input: Input) {
  const { world } = ctx;
  return describeResources(ctx, input, vpcIdsOf(world), {
    idsMember: "VpcIds",
    idOf: (id) => id,
    malformed: { pattern: /^vpc-[0-9a-f]{8,17}$/, code: "InvalidVpcID.Malformed", expecting: "vpc-..." },
    notFound: (missing) =>
      awsError(
        "InvalidVpcID.NotFound",
        missing.length === 1
          ? `The vpc ID ${quoteIds(missing)} does not exist`
          : `The vpc IDs ${quoteIds(missing)} do not exist`,
      ),
    filters: {
      "vpc-id": (id) => id,
      state: () => "available",
      cidr: () => VPC_CIDR,
      "cidr-block-association.cidr-block": () => VPC_CIDR,
      "is-default": () => false,
      "owner-id": () => world.accountId,
    },
    resultMember: "Vpcs",
    view: (id) => vpcView(world, id),
  });
}
