import type * as Imds from "@aws-sdk/credential-provider-imds";

/**
 * What the bundle gives CloudHSM v2's defaults-mode resolver (util-defaults-mode-node 3.329, of the
 * client's old generation) in place of @aws-sdk/credential-provider-imds, which loads Node's http at
 * start (10-30 ms of a simulated cold start). It asks the instance metadata service for a Region only
 * in defaultsMode "auto", and awaits both calls, so they load it on first use instead.
 */
export const getInstanceMetadataEndpoint: typeof Imds.getInstanceMetadataEndpoint = async () =>
  (await import("@aws-sdk/credential-provider-imds")).getInstanceMetadataEndpoint();

export const httpRequest: typeof Imds.httpRequest = async (options) =>
  (await import("@aws-sdk/credential-provider-imds")).httpRequest(options);
