/**
 * The SDK's EC2 client as a script of its own (scripts/bundle.mjs builds dist/bundle-cjs/ec2.cjs from
 * this): its models are 2 MB, two fifths of kcs's script, and only a network read or --all-regions
 * uses them, yet every run read and decoded them. The bundle points @aws-sdk/client-ec2 here.
 */
export * from "@aws-sdk/client-ec2";
