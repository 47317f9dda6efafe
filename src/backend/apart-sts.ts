/**
 * The SDK's STS client, which a fleet asks who each account is with (src/backend/fleet.ts), as a
 * script of its own (scripts/bundle.mjs's APART).
 */
export * from "@aws-sdk/client-sts";
