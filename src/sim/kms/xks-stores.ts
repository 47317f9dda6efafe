// External key stores: the members CreateCustomKeyStore and UpdateCustomKeyStore take (validated as
// KMS's API model says), their uniqueness rules, and what KMS verifies with the proxy before it agrees.
import type { OpContext } from "../context.js";
import { awsError } from "../errors.js";
import { type Input, kmsInvalid, Params } from "../input.js";
import type { ConnectionErrorCode, CustomKeyStore, World, XksProxyConfiguration } from "../world.js";
import { callXks, vpceProblem, type XksTarget } from "./xks-calls.js";
import { CONNECTION_CODE, managementError } from "./xks-outcome.js";

/** The model's patterns (XksProxy*Type shapes in KMS's service-2.json). */
export const XKS_RULES = {
  endpoint: { min: 10, max: 128, pattern: /^https:\/\/[a-zA-Z0-9.-]+$/ },
  path: { min: 10, max: 128, pattern: /^(\/[a-zA-Z0-9/_-]+\/kms\/xks\/v\d{1,2})$|^(\/kms\/xks\/v\d{1,2})$/ },
  vpceName: {
    min: 20,
    max: 64,
    pattern: /^(com|eu)\.amazonaws\.vpce\.([a-z]+-){2,3}\d+\.vpce-svc-[0-9a-z]+$/,
  },
  owner: { min: 12, max: 12, pattern: /^[0-9]{12}$/ },
  accessKeyId: { min: 20, max: 30, pattern: /^[A-Z2-7]+$/, sensitive: true },
  secret: { min: 43, max: 64, pattern: /^[a-zA-Z0-9/+=]+$/, sensitive: true },
  connectivity: { oneOf: ["PUBLIC_ENDPOINT", "VPC_ENDPOINT_SERVICE"] },
} as const;

export interface XksCredentialInput {
  accessKeyId: string;
  secretAccessKey: string;
}

/** XksProxyAuthenticationCredential, both members required; their values are sensitive in the model. */
export function parseCredential(p: Params): XksCredentialInput | undefined {
  const cred = p.map("XksProxyAuthenticationCredential");
  if (!cred) return undefined;
  const inner = new Params(cred, (field, value, constraint) =>
    kmsInvalid(
      `XksProxyAuthenticationCredential.${field.charAt(0).toLowerCase()}${field.slice(1)}`,
      value,
      constraint,
    ),
  );
  return {
    accessKeyId: inner.str("AccessKeyId", { required: true, ...XKS_RULES.accessKeyId }),
    secretAccessKey: inner.str("RawSecretAccessKey", { required: true, ...XKS_RULES.secret }),
  };
}

/** Connectivity and the VPC endpoint service name must agree (the model's CreateCustomKeyStore docs). */
export function checkConnectivity(config: XksProxyConfiguration): void {
  if (config.Connectivity === "VPC_ENDPOINT_SERVICE" && !config.VpcEndpointServiceName) {
    throw kmsInvalid(
      "XksProxyVpcEndpointServiceName",
      "null",
      "XksProxyVpcEndpointServiceName is required when XksProxyConnectivity is VPC_ENDPOINT_SERVICE",
    );
  }
  if (config.Connectivity === "PUBLIC_ENDPOINT" && config.VpcEndpointServiceName) {
    throw kmsInvalid(
      "XksProxyVpcEndpointServiceName",
      config.VpcEndpointServiceName,
      "XksProxyVpcEndpointServiceName is valid only when XksProxyConnectivity is VPC_ENDPOINT_SERVICE",
    );
  }
}

/**
 * The uniqueness rules of XksProxyUriEndpoint, XksProxyUriPath and XksProxyVpcEndpointServiceName
 * among the Region's external key stores (`self` is the store being updated).
 */
export function checkXksUniqueness(world: World, config: XksProxyConfiguration, self?: CustomKeyStore): void {
  const others = world.stores.filter(
    (s) => s !== self && s.CustomKeyStoreType === "EXTERNAL_KEY_STORE" && s.XksProxyConfiguration,
  );
  for (const o of others) {
    const oc = o.XksProxyConfiguration!;
    if (oc.UriEndpoint === config.UriEndpoint && oc.UriPath === config.UriPath) {
      throw awsError(
        "XksProxyUriInUseException",
        `The combination of XksProxyUriEndpoint ${config.UriEndpoint} and XksProxyUriPath ${config.UriPath} is already used by external key store ${o.CustomKeyStoreId}.`,
      );
    }
  }
  for (const o of others) {
    const oc = o.XksProxyConfiguration!;
    // A VPC store's endpoint is its own private DNS name; a public store may share one only with
    // other public stores (at different paths).
    const vpcInvolved =
      oc.Connectivity === "VPC_ENDPOINT_SERVICE" || config.Connectivity === "VPC_ENDPOINT_SERVICE";
    if (oc.UriEndpoint === config.UriEndpoint && vpcInvolved) {
      throw awsError(
        "XksProxyUriEndpointInUseException",
        `XksProxyUriEndpoint ${config.UriEndpoint} is already associated with external key store ${o.CustomKeyStoreId}.`,
      );
    }
  }
  if (config.VpcEndpointServiceName) {
    const o = others.find(
      (s) => s.XksProxyConfiguration!.VpcEndpointServiceName === config.VpcEndpointServiceName,
    );
    if (o) {
      throw awsError(
        "XksProxyVpcEndpointServiceInUseException",
        `VPC endpoint service ${config.VpcEndpointServiceName} is already associated with external key store ${o.CustomKeyStoreId}.`,
      );
    }
  }
}

/**
 * What KMS verifies of new settings before it accepts them: the VPC endpoint service (VPC
 * connectivity), and a GetHealthStatus through the proxy when `health` (public endpoints at create
 * and update; VPC stores only while connected, when the interface endpoint exists).
 */
export function verifyXks(ctx: OpContext, target: XksTarget, kmsOperation: string, health: boolean): void {
  if (!health) {
    const problem = vpceProblem(ctx.world, target);
    if (problem) throw managementError(problem);
    return;
  }
  const result = callXks(ctx.world, target, {
    kind: "health",
    kmsOperation,
    kmsRequestId: ctx.requestId,
    now: ctx.now,
  });
  if (!result.ok) throw managementError(result.problem);
}

/** How a connect of an external store settles: the health check's connection error code, if any. */
export function xksConnectOutcome(
  world: World,
  store: CustomKeyStore,
  now: number,
): ConnectionErrorCode | undefined {
  const target = targetOf(store);
  if (!target) return "XKS_PROXY_INVALID_CONFIGURATION";
  const result = callXks(world, target, { kind: "health", kmsOperation: "ConnectCustomKeyStore", now });
  return result.ok ? undefined : CONNECTION_CODE[result.problem];
}

export function targetOf(store: CustomKeyStore): XksTarget | undefined {
  if (!store.XksProxyConfiguration || store.xksSecretAccessKey === undefined) return undefined;
  return { ...store.XksProxyConfiguration, secretAccessKey: store.xksSecretAccessKey };
}

/** Reads the external-store members of a CreateCustomKeyStore request. */
export function parseCreate(world: World, input: Input): { config: XksProxyConfiguration; secret: string } {
  const p = new Params(input, kmsInvalid);
  const cred = parseCredential(p);
  // KMS signs every request to the proxy with this credential: an external key store needs one.
  if (!cred)
    throw kmsInvalid(
      "XksProxyAuthenticationCredential",
      "null",
      "An external key store requires XksProxyAuthenticationCredential",
    );
  const endpoint = p.str("XksProxyUriEndpoint", { required: true, ...XKS_RULES.endpoint });
  const path = p.str("XksProxyUriPath", { required: true, ...XKS_RULES.path });
  const connectivity = p.str("XksProxyConnectivity", {
    required: true,
    ...XKS_RULES.connectivity,
  }) as XksProxyConfiguration["Connectivity"];
  const vpce = p.str("XksProxyVpcEndpointServiceName", XKS_RULES.vpceName);
  const owner = p.str("XksProxyVpcEndpointServiceOwner", XKS_RULES.owner);
  const config: XksProxyConfiguration = {
    Connectivity: connectivity,
    AccessKeyId: cred.accessKeyId,
    UriEndpoint: endpoint,
    UriPath: path,
    ...(vpce ? { VpcEndpointServiceName: vpce, VpcEndpointServiceOwner: owner ?? world.accountId } : {}),
  };
  checkConnectivity(config);
  return { config, secret: cred.secretAccessKey };
}
