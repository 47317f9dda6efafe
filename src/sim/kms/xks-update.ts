// UpdateCustomKeyStore for an external key store. The API reference: the name, the proxy
// authentication credential and the URI path may change while CONNECTED or DISCONNECTED; the
// endpoint, the VPC endpoint service and the connectivity only while DISCONNECTED. A FAILED store is
// neither, so it must be disconnected first, even for a rename. KMS checks new connection settings
// before it accepts them (public endpoints always, VPC stores through their endpoint service, and
// through the proxy while connected): a credential the proxy refuses is refused here.
import type { OpContext } from "../context.js";
import { type AwsError, awsError } from "../errors.js";
import { type Input, kmsInvalid, Params } from "../input.js";
import type { CustomKeyStore, XksProxyConfiguration } from "../world.js";
import {
  checkConnectivity,
  checkXksUniqueness,
  parseCredential,
  verifyXks,
  XKS_RULES,
} from "./xks-stores.js";

/** CloudTrail never shows the credential (both members are sensitive in the model). */
export const HIDDEN = "HIDDEN_DUE_TO_SECURITY_REASONS";

/** The external-store members of a request, as CloudTrail's requestParameters show them. */
export function xksEventParams(input: Input): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const names: [string, string][] = [
    ["XksProxyUriEndpoint", "xksProxyUriEndpoint"],
    ["XksProxyUriPath", "xksProxyUriPath"],
    ["XksProxyConnectivity", "xksProxyConnectivity"],
    ["XksProxyVpcEndpointServiceName", "xksProxyVpcEndpointServiceName"],
    ["XksProxyVpcEndpointServiceOwner", "xksProxyVpcEndpointServiceOwner"],
  ];
  for (const [member, field] of names) if (typeof input[member] === "string") out[field] = input[member];
  if (input.XksProxyAuthenticationCredential !== undefined) out.xksProxyAuthenticationCredential = HIDDEN;
  return out;
}

export interface UpdateDeps {
  invalidState(store: CustomKeyStore, what: string): AwsError;
  storeEvent(ctx: OpContext, name: string, store: CustomKeyStore, extra?: Record<string, unknown>): void;
}

export function updateExternalKeyStore(
  ctx: OpContext,
  store: CustomKeyStore,
  input: Input,
  deps: UpdateDeps,
): void {
  const p = new Params(input, kmsInvalid);
  const newName = p.str("NewCustomKeyStoreName", { min: 1, max: 256 });
  for (const cloudHsmOnly of ["KeyStorePassword", "CloudHsmClusterId"]) {
    if (input[cloudHsmOnly] !== undefined && input[cloudHsmOnly] !== null) {
      throw kmsInvalid(cloudHsmOnly, "...", "This parameter is valid only for an AWS CloudHSM key store");
    }
  }
  const cred = parseCredential(p);
  const endpoint = p.str("XksProxyUriEndpoint", XKS_RULES.endpoint);
  const path = p.str("XksProxyUriPath", XKS_RULES.path);
  const connectivity = p.str("XksProxyConnectivity", XKS_RULES.connectivity) as
    | XksProxyConfiguration["Connectivity"]
    | undefined;
  // The model: switching to PUBLIC_ENDPOINT takes "a null or empty string" for the service name.
  const vpce =
    input.XksProxyVpcEndpointServiceName === ""
      ? ""
      : p.str("XksProxyVpcEndpointServiceName", XKS_RULES.vpceName);
  const owner = p.str("XksProxyVpcEndpointServiceOwner", XKS_RULES.owner);

  const needsDisconnected =
    endpoint !== undefined || connectivity !== undefined || vpce !== undefined || owner !== undefined;
  if (needsDisconnected && store.ConnectionState !== "DISCONNECTED") {
    throw deps.invalidState(
      store,
      "Disconnect the external key store before you change its proxy URI endpoint, connectivity or VPC endpoint service.",
    );
  }
  if (store.ConnectionState !== "CONNECTED" && store.ConnectionState !== "DISCONNECTED") {
    throw deps.invalidState(
      store,
      "You can update an external key store only while it is CONNECTED or DISCONNECTED. Disconnect it first.",
    );
  }
  const old = store.XksProxyConfiguration!;
  if (connectivity !== undefined && connectivity !== old.Connectivity && endpoint === undefined) {
    throw kmsInvalid(
      "XksProxyUriEndpoint",
      "null",
      "When you change XksProxyConnectivity you must also change XksProxyUriEndpoint",
    );
  }
  const next: XksProxyConfiguration = {
    Connectivity: connectivity ?? old.Connectivity,
    AccessKeyId: cred?.accessKeyId ?? old.AccessKeyId,
    UriEndpoint: endpoint ?? old.UriEndpoint,
    UriPath: path ?? old.UriPath,
  };
  if ((connectivity ?? old.Connectivity) === "VPC_ENDPOINT_SERVICE") {
    const name = vpce === undefined ? old.VpcEndpointServiceName : vpce || undefined;
    if (name) next.VpcEndpointServiceName = name;
    const o = owner ?? old.VpcEndpointServiceOwner;
    if (name) next.VpcEndpointServiceOwner = o ?? ctx.world.accountId;
  } else if (vpce) {
    next.VpcEndpointServiceName = vpce;
  }
  checkConnectivity(next);
  if (
    newName !== undefined &&
    ctx.world.stores.some((s) => s !== store && s.CustomKeyStoreName === newName)
  ) {
    throw awsError(
      "CustomKeyStoreNameInUseException",
      `Custom key store name '${newName}' is already in use.`,
    );
  }
  if (endpoint !== undefined || path !== undefined || vpce !== undefined) {
    checkXksUniqueness(ctx.world, next, store);
  }
  const connectionChanged = cred !== undefined || path !== undefined || needsDisconnected;
  if (connectionChanged) {
    const health = next.Connectivity === "PUBLIC_ENDPOINT" || store.ConnectionState === "CONNECTED";
    verifyXks(
      ctx,
      { ...next, secretAccessKey: cred?.secretAccessKey ?? store.xksSecretAccessKey ?? "" },
      "UpdateCustomKeyStore",
      health,
    );
  }
  if (newName !== undefined) store.CustomKeyStoreName = newName;
  store.XksProxyConfiguration = next;
  if (cred) store.xksSecretAccessKey = cred.secretAccessKey;
  deps.storeEvent(ctx, "UpdateCustomKeyStore", store, {
    ...(newName !== undefined ? { newCustomKeyStoreName: newName } : {}),
    ...xksEventParams(input),
  });
}
