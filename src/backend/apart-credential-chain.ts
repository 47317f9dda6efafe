/**
 * The SDK's default credential chain (environment, ini files, SSO, web identity, process, instance
 * metadata, with their STS and SSO clients) as a script of its own (scripts/bundle.mjs's APART): only
 * a run on AWS asks for a credential (src/backend/lazy-credential-provider.ts).
 */
export * from "@aws-sdk/credential-provider-node";
