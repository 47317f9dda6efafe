import type { decorateDefaultCredentialProvider as realDecorate } from "@aws-sdk/client-sts";

/**
 * What the bundle gives the CloudHSM v2 client's runtime config in place of its own
 * @aws-sdk/client-sts (scripts/bundle.mjs): the registry has only CloudHSM v2 3.332.0, which wraps
 * its default credential chain with an STS role assumer from a nested STS client of its own
 * generation, loaded at start (8 ms of every simulated run, which never asks for a credential).
 * Here the same decorator is loaded the first time a credential is asked for; the bundle points
 * this import at the nested STS the client would have used, so nothing else changes.
 */
type Decorate = typeof realDecorate;
type Provider = ReturnType<ReturnType<Decorate>>;

export const decorateDefaultCredentialProvider: Decorate = (provider) => (input) => {
  let real: Promise<Provider> | undefined;
  // Whatever the SDK passes a provider (newer ones pass identity options) reaches the real one.
  return (...args: unknown[]) => {
    real ??= import("@aws-sdk/client-sts").then((m) => m.decorateDefaultCredentialProvider(provider)(input));
    return real.then((provide) => (provide as (...a: unknown[]) => ReturnType<Provider>)(...args));
  };
};
