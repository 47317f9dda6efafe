import { XKS_CONNECTION_ERROR_CODES } from "../core/aws-states.js";
import type { Snapshot, StoreFacts, XksCall, XksProbe } from "../gather/snapshot.js";
import { CONNECTION_ERROR_FINDINGS, type FindingCode } from "./catalog.js";
import { type Finding, finding } from "./finding.js";

/**
 * External key stores (XKS): what KMS's ConnectionState and ConnectionErrorCode say, and what
 * doctor --probe saw when it called the proxy itself. Pure over the snapshot; the CloudHSM
 * diagnosers (cluster, HSMs, network, key material, orphans) never run on these stores.
 */

/** KMS's limit for an answer from the proxy (xks-troubleshooting): slower is XKS_PROXY_TIMED_OUT. */
export const XKS_LATENCY_LIMIT_MS = 250;

/** The ConnectionErrorCodes an external store can have; a CloudHSM-only code on one is CONNECTION_FAILED. */
const XKS_CODES = new Set<string>([
  "INVALID_CREDENTIALS",
  "NETWORK_ERRORS",
  "INTERNAL_ERROR",
  ...XKS_CONNECTION_ERROR_CODES,
]);

/** The documented cause of each FAILED code and what to check (AWS's xks-troubleshooting page). */
const CAUSE: Record<string, string> = {
  INVALID_CREDENTIALS:
    "The proxy rejected the proxy authentication credential KMS signs with (access key id and secret access key). Make the store's XksProxyAuthenticationCredential match what the proxy expects (UpdateCustomKeyStore while disconnected); a reverse proxy that rewrites headers also breaks the SigV4 signature.",
  XKS_PROXY_ACCESS_DENIED:
    "The proxy's own authorization rules refuse KMS. Allow KMS (and this store) in the proxy's authorization configuration.",
  XKS_PROXY_INVALID_CONFIGURATION:
    "The proxy configuration is wrong, most often the XksProxyUriPath: it must be the prefix the proxy serves /kms/xks/v1 under. Check the path against the proxy's documentation.",
  XKS_PROXY_INVALID_RESPONSE:
    "The proxy answered something KMS cannot use. If it repeats, it is a proxy problem: report it to the proxy's vendor.",
  XKS_PROXY_INVALID_TLS_CONFIGURATION:
    "KMS could not establish TLS with the proxy. Check that it speaks TLS 1.2 or 1.3, that its certificate has not expired, that the certificate's name matches the XksProxyUriEndpoint (or the endpoint service's private DNS name with VPC connectivity), and that a CA on KMS's trusted list issued it.",
  XKS_PROXY_NOT_REACHABLE:
    "KMS cannot reach the proxy, or the proxy reports every external key manager UNAVAILABLE. Check the URI endpoint and path, that the proxy listens on port 443 and is running, its round-trip time, and the health of its external key managers.",
  XKS_PROXY_TIMED_OUT:
    "The proxy is reachable but answered slower than KMS's 250 ms limit. If it repeats, check the proxy's and key managers' load and network path, and tell the proxy's vendor.",
  XKS_VPC_ENDPOINT_SERVICE_INVALID_CONFIGURATION:
    "The VPC endpoint service does not meet KMS's requirements: it must be an interface endpoint service in this account with a network load balancer in subnets of at least two Availability Zones, allow the principal cks.kms.<region>.amazonaws.com, not require acceptance, and have a unique, verified private DNS name matching the proxy's TLS certificate.",
  XKS_VPC_ENDPOINT_SERVICE_NOT_FOUND:
    "KMS cannot find the VPC endpoint service: check the XksProxyVpcEndpointServiceName and Region, and that the service allows the principal cks.kms.<region>.amazonaws.com.",
  NETWORK_ERRORS:
    "Usually a transient network problem between KMS and the proxy: disconnect, wait a few minutes and connect again.",
  INTERNAL_ERROR: "A KMS internal error: disconnect the store, then connect it again.",
};

const keysOf = (s: Snapshot, store: StoreFacts) =>
  s.keys.filter((k) => k.customKeyStoreId === store.customKeyStoreId);

const probeOf = (s: Snapshot, store: StoreFacts): XksProbe | undefined =>
  s.xksProbes?.find((p) => p.customKeyStoreId === store.customKeyStoreId);

/** Where KMS reaches the proxy: the evidence every external-store finding carries. Never the secret. */
export function proxyEvidence(store: StoreFacts): Record<string, unknown> {
  const p = store.xksProxy ?? {};
  return {
    xksProxyConnectivity: p.connectivity ?? null,
    xksProxyUriEndpoint: p.uriEndpoint ?? null,
    xksProxyUriPath: p.uriPath ?? null,
    ...(p.vpcEndpointServiceName ? { xksProxyVpcEndpointServiceName: p.vpcEndpointServiceName } : {}),
  };
}

/** One call, as a line of evidence: "ok 42 ms", "http-error 401 AuthenticationFailedException 12 ms". */
export function callSummary(c: XksCall): string {
  return [
    c.outcome,
    ...(c.httpStatus ? [String(c.httpStatus)] : []),
    ...(c.errorName ? [c.errorName] : []),
    `${Math.round(c.latencyMs)} ms`,
    ...(c.message && c.outcome !== "ok" ? [`(${c.message})`] : []),
  ].join(" ");
}

/** What the probe saw of the proxy, for any finding of the store; empty when it did not run. */
function probeEvidence(p: XksProbe | undefined): Record<string, unknown> {
  if (!p) return {};
  if (p.skipped) return { probe: `skipped: ${p.skipped}` };
  const out: Record<string, unknown> = {};
  if (p.health) out.probeHealth = callSummary(p.health);
  if (p.health?.keyManagers?.length)
    out.keyManagers = p.health.keyManagers.map((m) => `${m.id} ${m.healthStatus}`);
  return out;
}

const unavailableLine = (s: Snapshot, store: StoreFacts) => {
  const keys = keysOf(s, store);
  const n = keys.filter((k) => k.keyState === "Unavailable").length;
  return `${n} of its ${keys.length} KMS keys are Unavailable`;
};

/** ConnectionState and ConnectionErrorCode of an external store, with the proxy's coordinates as evidence. */
export function diagnoseXksConnection(store: StoreFacts, s: Snapshot): Finding[] {
  if (store.customKeyStoreType !== "EXTERNAL_KEY_STORE") return [];
  const at = { customKeyStoreId: store.customKeyStoreId };
  const state = store.connectionState;
  const evidence = {
    connectionState: store.reportedConnectionState ?? state,
    ...(store.connectionErrorCode ? { connectionErrorCode: store.connectionErrorCode } : {}),
    ...proxyEvidence(store),
    ...probeEvidence(probeOf(s, store)),
  };
  const name = store.customKeyStoreName;
  const unavailable = keysOf(s, store)
    .filter((k) => k.keyState === "Unavailable")
    .map((k) => k.keyId);
  switch (state) {
    case "CONNECTED":
      return [];
    case "DISCONNECTED":
      return [
        finding(
          "STORE_DISCONNECTED",
          at,
          `${name} is DISCONNECTED: ${unavailableLine(s, store)} until it is connected again; KMS does not call its XKS proxy while it is.`,
          evidence,
          unavailable,
        ),
      ];
    case "CONNECTING":
    case "DISCONNECTING":
      return [
        finding(
          "CONNECTION_IN_PROGRESS",
          at,
          `${name} is ${state}; KMS is checking its XKS proxy. Check again before acting.`,
          evidence,
        ),
      ];
    case "FAILED": {
      const code = store.connectionErrorCode;
      const mapped: FindingCode | undefined =
        code && XKS_CODES.has(code) ? CONNECTION_ERROR_FINDINGS.get(code) : undefined;
      const why = code ? `with ConnectionErrorCode ${code}` : "without a ConnectionErrorCode";
      const cause = mapped ? CAUSE[code ?? ""] : undefined;
      const f = finding(
        mapped ?? "CONNECTION_FAILED",
        at,
        `The last connect of ${name} FAILED ${why}; ${unavailableLine(s, store)}. ${cause ?? "Disconnect it, check the proxy's endpoint, path, credential and health, then connect again."} A FAILED store must be disconnected before it can connect again.`,
        evidence,
        unavailable,
      );
      // The catalog's title speaks of kmsuser; on an external store the credential is the proxy's.
      if (f.code === "INVALID_CREDENTIALS") {
        f.title = "The XKS proxy rejected KMS's proxy authentication credential";
        // The catalog's runbook resets kmsuser on a cluster, which an external store does not have;
        // until a runbook for the proxy credential exists, a person updates it.
        f.runbook = null;
      }
      return [f];
    }
    default:
      return [
        finding(
          "CONNECTION_FAILED",
          at,
          `${name} reports a ConnectionState kcs does not know: ${store.reportedConnectionState ?? state}.`,
          evidence,
        ),
      ];
  }
}

const slow = (c: XksCall) =>
  c.outcome === "timeout" || (c.outcome === "ok" && c.latencyMs > XKS_LATENCY_LIMIT_MS);

/**
 * What doctor --probe's own calls to the proxy show: reachability, latency, the key managers'
 * health, and whether the external key behind each KMS key is usable. A call the proxy refused for
 * another reason (the operator's credential, say) is a failed read, not a finding: gather lists it.
 */
export function diagnoseXksProbe(store: StoreFacts, s: Snapshot): Finding[] {
  if (store.customKeyStoreType !== "EXTERNAL_KEY_STORE") return [];
  const p = probeOf(s, store);
  if (!p || p.skipped) return [];
  const at = { customKeyStoreId: store.customKeyStoreId };
  const base = { ...proxyEvidence(store), ...probeEvidence(p) };
  const where = `${store.xksProxy?.uriEndpoint ?? "(no endpoint)"}${store.xksProxy?.uriPath ?? ""}`;
  const out: Finding[] = [];
  const calls: { op: string; call: XksCall }[] = [
    ...(p.health ? [{ op: "GetHealthStatus", call: p.health }] : []),
    ...(p.keys ?? []).map((k) => ({ op: `GetKeyMetadata ${k.xksKeyId}`, call: k as XksCall })),
  ];
  const unreachable = calls.filter((c) => c.call.outcome === "unreachable");
  if (unreachable.length > 0) {
    const first = unreachable[0]!;
    out.push(
      finding(
        "XKS_PROXY_NOT_REACHABLE",
        at,
        `kcs could not reach the XKS proxy at ${where} (${first.op}: ${first.call.message ?? "no answer"}). ${CAUSE.XKS_PROXY_NOT_REACHABLE}${store.xksProxy?.connectivity === "VPC_ENDPOINT_SERVICE" ? " The store uses VPC endpoint service connectivity: its endpoint answers only inside the VPC, so a probe from outside cannot reach it either way." : ""}`,
        { ...base, foundBy: "probe" },
      ),
    );
  }
  const slowCalls = calls.filter((c) => slow(c.call));
  if (slowCalls.length > 0) {
    const worst = slowCalls.reduce((a, b) => (b.call.latencyMs > a.call.latencyMs ? b : a));
    const how =
      worst.call.outcome === "timeout"
        ? `gave no answer within ${Math.round(worst.call.latencyMs)} ms`
        : `took ${Math.round(worst.call.latencyMs)} ms`;
    out.push(
      finding(
        "XKS_PROXY_TIMED_OUT",
        at,
        `The XKS proxy at ${where} ${how} to ${worst.op}; KMS gives up after ${XKS_LATENCY_LIMIT_MS} ms. ${CAUSE.XKS_PROXY_TIMED_OUT}`,
        { ...base, slowest: `${worst.op}: ${callSummary(worst.call)}`, foundBy: "probe" },
      ),
    );
  }
  const managers = p.health?.outcome === "ok" ? (p.health.keyManagers ?? []) : [];
  const notActive = managers.filter((m) => m.healthStatus !== "ACTIVE");
  if (managers.length > 0 && notActive.length === managers.length && notActive.every(isUnavailable)) {
    out.push(
      finding(
        "XKS_PROXY_NOT_REACHABLE",
        at,
        `The XKS proxy at ${where} answers, but reports every external key manager UNAVAILABLE (${managers.length} of ${managers.length}): KMS treats that as a proxy it cannot reach. Check the external key managers behind the proxy.`,
        { ...base, foundBy: "probe" },
      ),
    );
  } else if (notActive.length > 0) {
    out.push(
      finding(
        "XKS_PROXY_DEGRADED",
        at,
        `${notActive.length} of the ${managers.length} external key managers behind the XKS proxy at ${where} report ${[...new Set(notActive.map((m) => m.healthStatus))].join(" or ")}: ${notActive.map((m) => m.id).join(", ")}. KMS still works through the others, with less capacity and redundancy; check those key managers.`,
        { ...base, foundBy: "probe" },
      ),
    );
  }
  const unusable = (p.keys ?? []).flatMap((k) => {
    const why = keyProblem(k);
    return why ? [{ k, why }] : [];
  });
  if (unusable.length > 0) {
    const n = unusable.length;
    out.push(
      finding(
        "XKS_KEY_UNUSABLE",
        at,
        `${n} KMS key${n === 1 ? "'s" : "s'"} external key${n === 1 ? " is" : "s are"} unusable: ${unusable.map((u) => `${u.k.xksKeyId} ${u.why}`).join("; ")}. KMS cannot encrypt or decrypt with ${n === 1 ? "that key" : "those keys"}: enable the external key in the external key manager, or check that it is an AES-256 key allowed to ENCRYPT and DECRYPT.`,
        {
          ...base,
          keys: unusable.map((u) => ({ keyId: u.k.keyId, xksKeyId: u.k.xksKeyId, problem: u.why })),
          foundBy: "probe",
        },
        unusable.map((u) => u.k.keyId),
      ),
    );
  }
  return out;
}

const isUnavailable = (m: { healthStatus: string }) => m.healthStatus === "UNAVAILABLE";

/** Why GetKeyMetadata's answer makes the external key unusable to KMS, or undefined when it is fine. */
export function keyProblem(k: {
  outcome: XksCall["outcome"];
  errorName?: string;
  keySpec?: string;
  keyUsage?: string[];
  keyStatus?: string;
}): string | undefined {
  if (k.outcome === "http-error" && k.errorName === "KeyNotFoundException") return "not found on the proxy";
  if (k.outcome !== "ok") return undefined;
  const problems: string[] = [];
  if (k.keyStatus !== "ENABLED") problems.push(`is ${k.keyStatus ?? "of unknown status"}, not ENABLED`);
  if (k.keySpec !== "AES_256") problems.push(`is ${k.keySpec ?? "of unknown spec"}, not AES_256`);
  const usage = k.keyUsage ?? [];
  const missing = ["ENCRYPT", "DECRYPT"].filter((u) => !usage.includes(u));
  if (missing.length) problems.push(`cannot ${missing.join(" or ")}`);
  return problems.length ? problems.join(", ") : undefined;
}
