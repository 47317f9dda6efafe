import { XKS_CONNECTION_ERROR_CODES } from "../core/aws-states.js";
import type { Snapshot, StoreFacts, XksCall, XksProbe } from "../gather/snapshot.js";
import { t } from "../i18n/index.js";
import { CONNECTION_ERROR_FINDINGS, type FindingCode } from "./catalog.js";
import { type Finding, finding } from "./finding.js";
import { probeMessageInRunLanguage } from "./xks-probe-words.js";

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
const CAUSE_CODES = [
  "INVALID_CREDENTIALS",
  "XKS_PROXY_ACCESS_DENIED",
  "XKS_PROXY_INVALID_CONFIGURATION",
  "XKS_PROXY_INVALID_RESPONSE",
  "XKS_PROXY_INVALID_TLS_CONFIGURATION",
  "XKS_PROXY_NOT_REACHABLE",
  "XKS_PROXY_TIMED_OUT",
  "XKS_VPC_ENDPOINT_SERVICE_INVALID_CONFIGURATION",
  "XKS_VPC_ENDPOINT_SERVICE_NOT_FOUND",
  "NETWORK_ERRORS",
  "INTERNAL_ERROR",
] as const;
type CauseCode = (typeof CAUSE_CODES)[number];
const hasCause = (code: string): code is CauseCode => (CAUSE_CODES as readonly string[]).includes(code);
/** The cause in the run's language (src/i18n/<lang>/findings.ts, `xksCause`). */
const cause = (code: CauseCode) => t(`findings.xksCause.${code}`);

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

/** How many of the store's keys are Unavailable, of how many: the numbers a detail sentence fills in. */
const keyCounts = (s: Snapshot, store: StoreFacts) => {
  const keys = keysOf(s, store);
  return { unavailable: keys.filter((k) => k.keyState === "Unavailable").length, total: keys.length };
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
          t("findings.detail.xksDisconnected", { name, ...keyCounts(s, store) }),
          evidence,
          unavailable,
        ),
      ];
    case "CONNECTING":
    case "DISCONNECTING":
      return [
        finding("CONNECTION_IN_PROGRESS", at, t("findings.detail.xksInProgress", { name, state }), evidence),
      ];
    case "FAILED": {
      const code = store.connectionErrorCode;
      const mapped: FindingCode | undefined =
        code && XKS_CODES.has(code) ? CONNECTION_ERROR_FINDINGS.get(code) : undefined;
      const known = mapped && code && hasCause(code) ? cause(code) : undefined;
      const said = { name, ...keyCounts(s, store), cause: known ?? t("findings.detail.xksUnknownCause") };
      const f = finding(
        mapped ?? "CONNECTION_FAILED",
        at,
        code
          ? t("findings.detail.xksFailedWithCode", { ...said, code })
          : t("findings.detail.xksFailedWithoutCode", said),
        evidence,
        unavailable,
      );
      // The catalog's title speaks of kmsuser; on an external store the credential is the proxy's.
      if (f.code === "INVALID_CREDENTIALS") {
        f.title = t("findings.proxyCredentialTitle");
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
          t("findings.detail.unknownState", { name, state: store.reportedConnectionState ?? state }),
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
  const where = `${store.xksProxy?.uriEndpoint ?? t("findings.detail.xksNoEndpoint")}${store.xksProxy?.uriPath ?? ""}`;
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
        t("findings.detail.xksNotReachable", {
          where,
          operation: first.op,
          message: first.call.message
            ? probeMessageInRunLanguage(first.call.message)
            : t("findings.detail.xksNoAnswer"),
          cause: cause("XKS_PROXY_NOT_REACHABLE"),
          vpc: store.xksProxy?.connectivity === "VPC_ENDPOINT_SERVICE" ? t("findings.detail.xksVpcOnly") : "",
        }),
        { ...base, foundBy: "probe" },
      ),
    );
  }
  const slowCalls = calls.filter((c) => slow(c.call));
  if (slowCalls.length > 0) {
    const worst = slowCalls.reduce((a, b) => (b.call.latencyMs > a.call.latencyMs ? b : a));
    const how =
      worst.call.outcome === "timeout"
        ? t("findings.detail.xksNoAnswerWithin", { ms: Math.round(worst.call.latencyMs) })
        : t("findings.detail.xksTook", { ms: Math.round(worst.call.latencyMs) });
    out.push(
      finding(
        "XKS_PROXY_TIMED_OUT",
        at,
        t("findings.detail.xksTimedOut", {
          where,
          how,
          operation: worst.op,
          limit: XKS_LATENCY_LIMIT_MS,
          cause: cause("XKS_PROXY_TIMED_OUT"),
        }),
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
        t("findings.detail.xksAllManagersUnavailable", { where, total: managers.length }),
        { ...base, foundBy: "probe" },
      ),
    );
  } else if (notActive.length > 0) {
    out.push(
      finding(
        "XKS_PROXY_DEGRADED",
        at,
        t("findings.detail.xksDegraded", {
          count: notActive.length,
          total: managers.length,
          where,
          statuses: [...new Set(notActive.map((m) => m.healthStatus))].join(t("findings.detail.or")),
          ids: notActive.map((m) => m.id).join(", "),
        }),
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
        t("findings.detail.xksKeyUnusable", {
          count: n,
          keys: unusable.map((u) => `${u.k.xksKeyId} ${keyProblemWords(u.k)}`).join("; "),
        }),
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

/**
 * keyProblem's answer in the run's language, for the detail sentence: the evidence keeps keyProblem's
 * English, because JSON does not change with the language.
 */
function keyProblemWords(k: Parameters<typeof keyProblem>[0]): string {
  if (k.outcome === "http-error" && k.errorName === "KeyNotFoundException")
    return t("findings.keyProblem.notFound");
  const problems: string[] = [];
  if (k.keyStatus !== "ENABLED")
    problems.push(
      k.keyStatus === undefined
        ? t("findings.keyProblem.unknownStatus")
        : t("findings.keyProblem.status", { status: k.keyStatus }),
    );
  if (k.keySpec !== "AES_256")
    problems.push(
      k.keySpec === undefined
        ? t("findings.keyProblem.unknownSpec")
        : t("findings.keyProblem.spec", { spec: k.keySpec }),
    );
  const usage = k.keyUsage ?? [];
  const missing = ["ENCRYPT", "DECRYPT"].filter((u) => !usage.includes(u));
  if (missing.length)
    problems.push(t("findings.keyProblem.cannot", { uses: missing.join(t("findings.detail.or")) }));
  return problems.join(", ");
}
