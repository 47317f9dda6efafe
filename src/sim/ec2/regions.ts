import type { OpContext } from "../context.js";
import { awsError } from "../errors.js";
import type { Input } from "../input.js";
import { refuseDryRun } from "./describe.js";

/** Regions an account need not enable (every other Region is opt-in, as AWS's list says). */
const OPT_IN_NOT_REQUIRED =
  /^(us|eu-west|eu-central-1|eu-north-1|ap-northeast-[123]|ap-southeast-[12]|ap-south-1|ca-central-1|sa-east-1)(-|$)/;

/**
 * DescribeRegions: the Regions the caller's account has enabled. The simulator knows no Region its
 * world lacks, so AllRegions=true lists the same. RegionNames narrows the answer; a name the account
 * does not have is InvalidParameterValue, as EC2 answers it.
 */
export function describeRegions(ctx: OpContext, input: Input) {
  refuseDryRun(input);
  const enabled = ctx.enabledRegions?.() ?? [ctx.world.region];
  const names = Array.isArray(input.RegionNames) ? (input.RegionNames as string[]) : undefined;
  for (const name of names ?? [])
    if (!enabled.includes(name)) throw awsError("InvalidParameterValue", `Invalid region: ${name}`);
  const listed = names ?? enabled;
  return {
    Regions: listed.map((r) => ({
      RegionName: r,
      Endpoint: `ec2.${r}.amazonaws.com`,
      OptInStatus: OPT_IN_NOT_REQUIRED.test(r) ? "opt-in-not-required" : "opted-in",
    })),
  };
}
