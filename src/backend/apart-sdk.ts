/**
 * The SDK clients every AWS-shaped read goes through (KMS, CloudTrail, CloudHSM v2) as one script of
 * their own (scripts/bundle.mjs's APART builds dist/bundle-cjs/sdk.cjs from this): `kcs sim status`,
 * help and the simulator's own commands never send a request, yet each run read their 0.8 MB. One
 * script for the three, so that a doctor loads one copy of the SDK's core, not three.
 */
export * as cloudhsm from "@aws-sdk/client-cloudhsm-v2";
export * as cloudtrail from "@aws-sdk/client-cloudtrail";
export * as kms from "@aws-sdk/client-kms";
