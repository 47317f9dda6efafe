// KMS's side of the XKS proxy API inside the simulator: find the proxy a store names (through its VPC
// endpoint service when it has one), build and sign the request as KMS does, hand it to the simulated
// proxy and say what KMS makes of the answer (xks-outcome.ts).
import { randomUUID } from "node:crypto";
import type { SimXksProxy, World, XksProxyConfiguration } from "../world.js";
import { handleXksRequest, transportFault } from "../xks/proxy.js";
import { signXksRequest } from "../xks/sign.js";
import { exchangeProblem, type ProxyExchange, type XksCallKind, type XksProblem } from "./xks-outcome.js";

/** What KMS knows of a store's proxy: its configuration and the secret it signs with. */
export interface XksTarget extends XksProxyConfiguration {
  secretAccessKey: string;
}

/** KMS's service principal in a Region, which a VPC endpoint service must allow. */
export const kmsPrincipal = (region: string) => `cks.kms.${region}.amazonaws.com`;

/**
 * What is wrong with the VPC endpoint service of a VPC_ENDPOINT_SERVICE store, as KMS checks it
 * (xks-troubleshooting): not found or KMS not allowed; not conformant.
 */
export function vpceProblem(world: World, target: XksProxyConfiguration): XksProblem | undefined {
  if (target.Connectivity !== "VPC_ENDPOINT_SERVICE") return undefined;
  const owner = target.VpcEndpointServiceOwner;
  const service = (world.vpcEndpointServices ?? []).find(
    (s) => s.ServiceName === target.VpcEndpointServiceName,
  );
  if (!service || (owner !== undefined && owner !== world.accountId)) return "VPCE_NOT_FOUND";
  if (!service.AllowedPrincipals.includes(kmsPrincipal(world.region))) return "VPCE_NOT_FOUND";
  const conformant =
    !service.AcceptanceRequired &&
    new Set(service.AvailabilityZones).size >= 2 &&
    service.PrivateDnsNameVerificationState === "verified" &&
    target.UriEndpoint === `https://${service.PrivateDnsName}`;
  return conformant ? undefined : "VPCE_INVALID";
}

export function findProxy(world: World, uriEndpoint: string): SimXksProxy | undefined {
  return (world.xksProxies ?? []).find((p) => p.uriEndpoint === uriEndpoint);
}

export interface XksCall {
  kind: XksCallKind;
  /** The KMS API operation this call serves, as requestMetadata.kmsOperation names it. */
  kmsOperation: string;
  /** The KMS request id (the calling operation's; a fresh one for work KMS does by itself). */
  kmsRequestId?: string;
  keyId?: string;
  kmsKeyArn?: string;
  /** Fields besides requestMetadata (plaintext, ciphertext...). */
  body?: Record<string, unknown>;
  now: number;
}

export type XksCallResult = { ok: true; body: Record<string, unknown> } | { ok: false; problem: XksProblem };

const PATH_SUFFIX: Record<XksCallKind, (keyId: string) => string> = {
  health: () => "/health",
  metadata: (k) => `/keys/${encodeURIComponent(k)}/metadata`,
  encrypt: (k) => `/keys/${encodeURIComponent(k)}/encrypt`,
  decrypt: (k) => `/keys/${encodeURIComponent(k)}/decrypt`,
};

/** Sends one signed request to the store's proxy; what came back, as KMS saw it. */
export function exchange(world: World, target: XksTarget, call: XksCall): ProxyExchange {
  const proxy = findProxy(world, target.UriEndpoint);
  if (!proxy) return { transport: "no-proxy" };
  const fault = transportFault(proxy);
  if (fault) return { transport: proxy.faults.unreachable ? "unreachable" : "tls" };
  const path = `${target.UriPath}${PATH_SUFFIX[call.kind](call.keyId ?? "")}`;
  const body = JSON.stringify({
    requestMetadata: {
      awsPrincipalArn: `arn:aws:iam::${world.accountId}:root`,
      kmsOperation: call.kmsOperation,
      kmsRequestId: call.kmsRequestId ?? randomUUID(),
      ...(call.kmsKeyArn ? { kmsKeyArn: call.kmsKeyArn } : {}),
    },
    ...call.body,
  });
  const host = new URL(target.UriEndpoint).host;
  const headers = signXksRequest(
    { path, host, body, region: world.region, nowMs: call.now },
    { accessKeyId: target.AccessKeyId, secretAccessKey: target.secretAccessKey },
  );
  const answer = handleXksRequest(proxy, { method: "POST", path, headers, body }, { now: () => call.now });
  return { status: answer.status, body: answer.body, latencyMs: proxy.faults.latencyMs ?? 0 };
}

/** One proxy call end to end: the VPC endpoint service first (when there is one), then the proxy. */
export function callXks(world: World, target: XksTarget, call: XksCall): XksCallResult {
  const vpce = vpceProblem(world, target);
  if (vpce) return { ok: false, problem: vpce };
  const x = exchange(world, target, call);
  const problem = exchangeProblem(x, call.kind);
  if (problem) return { ok: false, problem };
  return { ok: true, body: JSON.parse((x as { body: string }).body) as Record<string, unknown> };
}
