/**
 * The SDK's EC2 client as a script of its own (scripts/bundle.mjs's APART builds dist/bundle-cjs/ec2.cjs
 * from this): its models are 2 MB, and only a network read or --all-regions uses them.
 */
export * from "@aws-sdk/client-ec2";
