import type { defaultProvider as realDefaultProvider } from "@aws-sdk/credential-provider-node";

/**
 * What the bundle gives the SDK clients' runtime configs in place of @aws-sdk/credential-provider-node
 * (scripts/bundle.mjs): the same provider, loaded the first time a credential is asked for. Loading
 * the whole chain (SSO, STS, IMDS, ini files) up front cost every simulated run a tenth of its start,
 * and a run given credentials never needs it.
 */
type Init = Parameters<typeof realDefaultProvider>[0];
type Provider = ReturnType<typeof realDefaultProvider>;

export const defaultProvider = (init?: Init): Provider => {
  let real: Promise<Provider> | undefined;
  return (options) => {
    real ??= import("@aws-sdk/credential-provider-node").then((m) => m.defaultProvider(init));
    return real.then((provide) => provide(options));
  };
};
