/**
 * The SDK's credential providers, for a fleet's assumed roles (src/backend/fleet.ts), as a script of
 * its own (scripts/bundle.mjs's APART): only `--role-arn` runs them.
 */
export * from "@aws-sdk/credential-providers";
