// `kcs doctor --probe` on external key stores: kcs calls each proxy itself, as KMS would (GetHealthStatus,
// then GetKeyMetadata of the external key behind each KMS key), with a credential the operator gave.
// Only what was seen is recorded here; diagnose/xks.ts decides what it means.
import { randomUUID } from "node:crypto";
import { type XksTransport, XksTransportError } from "../backend/xks-transport.js";
import { monotonicMs } from "../core/clock.js";
import type { Secret } from "../core/secret.js";
import type {
  KeyFacts,
  ReadError,
  StoreFacts,
  XksCall,
  XksKeyManagerHealth,
  XksKeyProbe,
  XksProbe,
} from "./snapshot.js";
import { signXks, type XksProbeCredential } from "./xks-sign.js";

/** Each call gives up after this long (KMS's own limit is 250 ms; 2 s tells slow from dead). */
export const XKS_PROBE_TIMEOUT_MS = 2_000;
/** GetKeyMetadata calls in flight per proxy: a store with many keys is probed in seconds, gently. */
const KEY_CONCURRENCY = 4;

export interface XksProbeOptions {
  transport: XksTransport;
  /** The Region of the backend: KMS signs proxy calls with it. */
  region: string;
  credentials: XksProbeCredential[];
  /** Asked for the secret of an access key id no given credential has (a hidden prompt); undefined skips. */
  ask?: (accessKeyId: string) => Promise<Secret | undefined>;
  timeoutMs?: number;
  /** Failed calls that are not findings (the operator's credential refused, an error answer) go here. */
  errors: ReadError[];
  /** Wall clock for timing calls (tests may pass their own). */
  clock?: () => number;
}

/** The environment variables that give a probe credential (also read by the CLI; named once here). */
export const XKS_ENV = { accessKeyId: "KCS_XKS_ACCESS_KEY_ID", secret: "KCS_XKS_SECRET_ACCESS_KEY" } as const;

/** Probes every external store: in parallel across proxies; a store without a usable credential is skipped, with why. */
export async function probeXksStores(
  stores: StoreFacts[],
  keys: KeyFacts[],
  opts: XksProbeOptions,
): Promise<XksProbe[]> {
  const external = stores.filter((s) => s.customKeyStoreType === "EXTERNAL_KEY_STORE");
  return Promise.all(
    external.map((store) =>
      probeStore(
        store,
        keys.filter((k) => k.customKeyStoreId === store.customKeyStoreId),
        opts,
      ),
    ),
  );
}

async function probeStore(store: StoreFacts, keys: KeyFacts[], opts: XksProbeOptions): Promise<XksProbe> {
  const id = store.customKeyStoreId;
  const proxy = store.xksProxy;
  if (!proxy?.uriEndpoint) return { customKeyStoreId: id, skipped: "KMS describes no proxy URI endpoint" };
  let credential = opts.credentials.find((c) => c.accessKeyId === proxy.accessKeyId);
  if (!credential && proxy.accessKeyId && opts.ask) {
    const secret = await opts.ask(proxy.accessKeyId);
    if (secret) credential = { accessKeyId: proxy.accessKeyId, secretAccessKey: secret };
  }
  if (!credential) {
    return {
      customKeyStoreId: id,
      skipped: `no proxy credential was given for its access key id ${proxy.accessKeyId ?? "(none shown)"} (give it with --xks-credential-stdin, or ${XKS_ENV.accessKeyId} and ${XKS_ENV.secret})`,
    };
  }
  const base = `${proxy.uriEndpoint.replace(/\/+$/, "")}${proxy.uriPath ?? ""}`;
  const call = (path: string, body: object) => callProxy(`${base}${path}`, body, credential, opts);
  const where = `${proxy.uriEndpoint}${proxy.uriPath ?? ""}`;

  const healthCall = await call("/health", {
    requestMetadata: { kmsRequestId: randomUUID(), kmsOperation: "KmsHealthCheck" },
  });
  const health: XksProbe["health"] = { ...healthCall.call };
  if (healthCall.call.outcome === "ok") {
    const managers = parseManagers(healthCall.json);
    if (managers) health.keyManagers = managers;
    else {
      health.outcome = "invalid-response";
      health.message = "GetHealthStatus answered without ekmFleetDetails";
    }
  }
  if (health.outcome !== "ok") {
    reportFailure(opts.errors, "GetHealthStatus", health, where, credential.accessKeyId);
    return { customKeyStoreId: id, health, keys: [] };
  }

  const withExternal = keys.filter((k): k is KeyFacts & { xksKeyId: string } => !!k.xksKeyId);
  const results: XksKeyProbe[] = new Array(withExternal.length);
  let next = 0;
  const worker = async () => {
    while (next < withExternal.length) {
      const i = next++;
      const k = withExternal[i]!;
      const r = await call(`/keys/${encodeURIComponent(k.xksKeyId)}/metadata`, {
        requestMetadata: {
          kmsRequestId: randomUUID(),
          kmsOperation: "DescribeKey",
          kmsKeyArn: k.arn,
          // The spec asks for the caller's principal; kcs knows only the key's account, so it names its root.
          awsPrincipalArn: principalOf(k.arn),
        },
      });
      const probe: XksKeyProbe = { keyId: k.keyId, xksKeyId: k.xksKeyId, ...r.call };
      if (r.call.outcome === "ok") {
        const j = r.json ?? {};
        if (typeof j.keySpec === "string") probe.keySpec = j.keySpec;
        if (Array.isArray(j.keyUsage))
          probe.keyUsage = j.keyUsage.filter((u): u is string => typeof u === "string");
        if (typeof j.keyStatus === "string") probe.keyStatus = j.keyStatus;
      }
      results[i] = probe;
    }
  };
  await Promise.all(Array.from({ length: Math.min(KEY_CONCURRENCY, withExternal.length) }, worker));
  // A missing key is a finding (XKS_KEY_UNUSABLE); any other refusal is a failed read, said once per store.
  const refused = results.find((r) => r.outcome === "http-error" && r.errorName !== "KeyNotFoundException");
  if (refused) reportFailure(opts.errors, "GetKeyMetadata", refused, where, credential.accessKeyId);
  return { customKeyStoreId: id, health, keys: results };
}

const principalOf = (arn: string) => {
  const m = /^arn:(aws[a-z-]*):kms:[^:]*:(\d{12}):/.exec(arn);
  return m ? `arn:${m[1]}:iam::${m[2]}:root` : "";
};

/** A failed call that is not a finding of the contract's table becomes a read error with its reason. */
function reportFailure(
  errors: ReadError[],
  operation: string,
  call: XksCall,
  where: string,
  accessKeyId: string,
): void {
  // Unreachable and slow proxies are findings (XKS_PROXY_NOT_REACHABLE, XKS_PROXY_TIMED_OUT).
  if (call.outcome === "unreachable" || call.outcome === "timeout") return;
  const message =
    call.httpStatus === 401
      ? `the proxy at ${where} rejected the credential given to kcs for access key id ${accessKeyId} (401 ${call.errorName ?? ""}): check the credential you gave; this says nothing about the credential KMS uses`
      : call.httpStatus === 403
        ? `the proxy at ${where} refused access key id ${accessKeyId} (403 ${call.errorName ?? ""}${call.message ? `: ${call.message}` : ""}): its authorization rules deny this credential`
        : `the proxy at ${where} answered ${call.outcome === "invalid-response" ? "something that is not an XKS answer" : `${call.httpStatus ?? ""} ${call.errorName ?? ""}`}${call.message ? `: ${call.message}` : ""}`;
  errors.push({
    service: "xks-proxy",
    operation,
    code:
      call.errorName ??
      (call.outcome === "invalid-response" ? "InvalidResponse" : `HTTP${call.httpStatus ?? ""}`),
    message: message.replace(/\s+/g, " "),
  });
}

type Json = Record<string, unknown>;

/** One signed, timed POST; never throws. */
async function callProxy(
  url: string,
  body: object,
  credential: XksProbeCredential,
  opts: XksProbeOptions,
): Promise<{ call: XksCall; json?: Json }> {
  const clock = opts.clock ?? (() => monotonicMs());
  const timeoutMs = opts.timeoutMs ?? XKS_PROBE_TIMEOUT_MS;
  const text = JSON.stringify(body);
  let parsedUrl: URL;
  try {
    parsedUrl = new URL(url);
  } catch {
    return { call: { outcome: "unreachable", latencyMs: 0, message: "the proxy URI is not a URL" } };
  }
  const headers = await signXks(parsedUrl, text, credential, opts.region);
  const start = clock();
  try {
    const res = await opts.transport.post({ url, headers, body: text, timeoutMs });
    const latencyMs = res.latencyMs ?? clock() - start;
    let json: Json | undefined;
    try {
      const parsed: unknown = JSON.parse(res.body);
      if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) json = parsed as Json;
    } catch {
      json = undefined;
    }
    if (res.status === 200) {
      return json
        ? { call: { outcome: "ok", latencyMs, httpStatus: 200 }, json }
        : {
            call: {
              outcome: "invalid-response",
              latencyMs,
              httpStatus: 200,
              message: "the answer is not a JSON object",
            },
          };
    }
    const errorName = typeof json?.errorName === "string" ? json.errorName : undefined;
    const message = typeof json?.errorMessage === "string" ? json.errorMessage.slice(0, 300) : undefined;
    return {
      call: {
        outcome: "http-error",
        latencyMs,
        httpStatus: res.status,
        ...(errorName ? { errorName } : {}),
        ...(message ? { message } : {}),
      },
    };
  } catch (err) {
    const latencyMs =
      err instanceof XksTransportError && err.latencyMs !== undefined ? err.latencyMs : clock() - start;
    if (err instanceof XksTransportError)
      return {
        call: {
          outcome: err.kind,
          latencyMs: err.kind === "timeout" ? Math.max(latencyMs, timeoutMs) : latencyMs,
          message: err.message,
        },
      };
    return { call: { outcome: "unreachable", latencyMs, message: (err as Error).message } };
  }
}

function parseManagers(json: Json | undefined): XksKeyManagerHealth[] | undefined {
  const details = json?.ekmFleetDetails;
  if (!Array.isArray(details)) return undefined;
  return details.flatMap((d: unknown) => {
    if (!d || typeof d !== "object") return [];
    const m = d as Json;
    if (typeof m.id !== "string" || typeof m.healthStatus !== "string") return [];
    return [
      { id: m.id, healthStatus: m.healthStatus, ...(typeof m.model === "string" ? { model: m.model } : {}) },
    ];
  });
}
