import type { defaultProvider as realDefaultProvider } from "@aws-sdk/credential-provider-node";
import type { AwsCredentialIdentity } from "@smithy/types";

/**
 * What the bundle gives the SDK clients' runtime configs in place of @aws-sdk/credential-provider-node
 * (scripts/bundle.mjs), and what src/backend/clients.ts shares between its clients: the same chain,
 * loaded the first time a credential is asked for. Loading the whole chain (SSO, STS, IMDS, ini files)
 * up front cost every simulated run a tenth of its start, and a run given credentials never needs it.
 */
type Init = NonNullable<Parameters<typeof realDefaultProvider>[0]>;
type Provider = ReturnType<typeof realDefaultProvider>;
/** The SDK's AttributedAwsCredentialIdentity: where the credential came from, for its user agent. */
type Credentials = AwsCredentialIdentity & { $source?: Record<string, string> };

/**
 * The chain's first link (credential-provider-env's fromEnv, as credential-provider-node's
 * defaultProvider runs it), here so that a run given keys in its environment does not load the chain
 * (half a megabyte of script) to read five variables: test/backend/credential-provider.test.ts holds it
 * to the SDK's own answer. Undefined when the chain would go past it: a profile named (the chain then
 * skips the environment) or no key pair set.
 */
export function credentialsFromEnv(
  init: Pick<Init, "profile"> = {},
  env: NodeJS.ProcessEnv = process.env,
): Credentials | undefined {
  if (init.profile ?? env.AWS_PROFILE) return undefined;
  const accessKeyId = env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY;
  if (!accessKeyId || !secretAccessKey) return undefined;
  const sessionToken = env.AWS_SESSION_TOKEN;
  const expiry = env.AWS_CREDENTIAL_EXPIRATION;
  const credentialScope = env.AWS_CREDENTIAL_SCOPE;
  const accountId = env.AWS_ACCOUNT_ID;
  return {
    accessKeyId,
    secretAccessKey,
    ...(sessionToken && { sessionToken }),
    ...(expiry && { expiration: new Date(expiry) }),
    ...(credentialScope && { credentialScope }),
    ...(accountId && { accountId }),
    // How the SDK names the source in its user agent's feature list (@aws-sdk/core's setCredentialFeature).
    $source: { CREDENTIALS_ENV_VARS: "g" },
  };
}

/**
 * The chain's logger. Without one of its own it writes a ten-line console.warn when AWS_PROFILE and
 * keys are both set (the profile wins, as it always did in kcs), which broke kcs's one-line stderr.
 */
const QUIET = { debug() {}, info() {}, warn() {}, error() {} };

export const defaultProvider = (init?: Init): Provider => {
  let real: Promise<Provider> | undefined;
  return (options) => {
    // Read on every call, as the chain's link reads them: the variables can change between calls.
    const fromEnv = real ? undefined : credentialsFromEnv(init);
    if (fromEnv) return Promise.resolve(fromEnv);
    real ??= import("@aws-sdk/credential-provider-node").then((m) =>
      m.defaultProvider({ ...init, logger: QUIET }),
    );
    return real.then((provide) => provide(options));
  };
};
