/**
 * The SDK's EC2 client as a script of its own (scripts/bundle.mjs's APART builds dist/bundle-cjs/ec2.cjs
 * from this), for a network read or --all-regions. Only the client and the commands kcs sends: the
 * package's models are 2 MB, and V8 kept compiled code for all of them (4.9 MB) for a network doctor.
 * test/architecture/bundle-weight.test.ts holds every value kcs imports from the package to this list.
 */
export {
  DescribeRegionsCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  EC2Client,
} from "@aws-sdk/client-ec2";
