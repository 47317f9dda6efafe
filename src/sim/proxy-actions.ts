// What the people who run an external key store proxy do to it (`kcs sim act`, proxy side): none of
// it is an AWS call, so nothing reaches CloudTrail; the world changes as the proxy's own console or
// the VPC console would change it. Demos break a proxy with these, and fix's simulated operator uses
// them for the manual steps of a runbook (set the credential KMS was told, re-enable a key...).
import { UsageError } from "../core/errors.js";
import { t } from "../i18n/index.js";
import type { WorldStore } from "./engine.js";
import { kmsPrincipal } from "./kms/xks-calls.js";
import type { SimXksProxy, VpcEndpointService, World } from "./world.js";
import type { EkmHealth } from "./xks/state.js";
import { isValidAccessKeyId } from "./xks/state.js";
import { proxyHost } from "./xks/world-server.js";

/** Faults a proxy operator can switch on (and `proxy-clear` off), by short name. */
export const PROXY_FAULTS = [
  "unreachable",
  "tls",
  "latency",
  "reject-credentials",
  "access-denied",
  "invalid-response",
] as const;
export type ProxyFault = (typeof PROXY_FAULTS)[number];

export type ProxyActRequest =
  | { action: "proxy-fault"; proxy: string; fault: ProxyFault; latencyMs?: number }
  | { action: "proxy-clear"; proxy: string }
  | { action: "set-proxy-credential"; proxy: string; accessKeyId: string; secretAccessKey: string }
  | { action: "set-ekm-health"; proxy: string; ekm: string; health: EkmHealth }
  | { action: "enable-xks-key"; proxy: string; key: string }
  | { action: "disable-xks-key"; proxy: string; key: string }
  /** The service by its name, id or private DNS name. */
  | { action: "fix-vpce"; service: string };

export interface ProxyActResult {
  action: ProxyActRequest["action"];
  /** Who acted: the proxy's operators, not an AWS principal. */
  principal: "proxy-operator";
  target: { kind: "proxy"; host: string } | { kind: "vpc-endpoint-service"; serviceName: string };
  /** The proxy's or service's condition afterwards, in a few words. */
  state: string;
}

/**
 * A proxy by its host (xks.example.com), its endpoint (https://xks.example.com), or the name or id of
 * the external key store whose XksProxyUriEndpoint it answers at.
 */
export function resolveProxy(world: World, name: string): SimXksProxy {
  const store = world.stores.find(
    (s) => s.XksProxyConfiguration && (s.CustomKeyStoreName === name || s.CustomKeyStoreId === name),
  );
  const host = (store ? store.XksProxyConfiguration!.UriEndpoint : name)
    .replace(/^https:\/\//, "")
    .toLowerCase();
  const proxy = (world.xksProxies ?? []).find((p) => proxyHost(p).toLowerCase() === host);
  if (proxy) return proxy;
  const known = (world.xksProxies ?? []).map(proxyHost).join(", ");
  throw new UsageError(t("sim.act.noProxy", { name, known: known || t("sim.act.none") }));
}

function resolveService(world: World, name: string): VpcEndpointService {
  const s = (world.vpcEndpointServices ?? []).find(
    (x) => x.ServiceName === name || x.ServiceId === name || x.PrivateDnsName === name,
  );
  if (s) return s;
  const known = (world.vpcEndpointServices ?? []).map((x) => x.ServiceName).join(", ");
  throw new UsageError(t("sim.act.noEndpointService", { name, known: known || t("sim.act.none") }));
}

/** A proxy's condition in a few words (never its credential). */
export function proxyCondition(p: SimXksProxy): string {
  const f = p.faults;
  const faults = [
    f.unreachable ? "unreachable" : "",
    f.tls?.failed ? `TLS failing (${f.tls.reason})` : "",
    f.latencyMs ? `answering in ${f.latencyMs} ms` : "",
    f.rejectCredentials ? "rejecting credentials" : "",
    f.accessDenied ? "denying KMS" : "",
    f.invalidResponse ? `answering ${f.invalidResponse}` : "",
  ].filter(Boolean);
  const ekms = p.keyManagers.map((m) => `${m.id} ${m.healthStatus}`).join(", ");
  const disabled = p.keys.filter((k) => k.keyStatus !== "ENABLED").map((k) => k.keyId);
  return [
    faults.length > 0 ? faults.join(", ") : "no faults",
    `key managers: ${ekms}`,
    ...(disabled.length > 0 ? [`disabled keys: ${disabled.join(", ")}`] : []),
  ].join("; ");
}

function setFault(p: SimXksProxy, fault: ProxyFault, latencyMs?: number): void {
  switch (fault) {
    case "unreachable":
      p.faults.unreachable = true;
      return;
    case "tls":
      p.faults.tls = { failed: true, reason: "certificate expired" };
      return;
    case "latency":
      if (latencyMs === undefined || !Number.isInteger(latencyMs) || latencyMs < 0 || latencyMs > 600_000)
        throw new UsageError(t("sim.act.latency"));
      p.faults.latencyMs = latencyMs;
      return;
    case "reject-credentials":
      p.faults.rejectCredentials = true;
      return;
    case "access-denied":
      p.faults.accessDenied = true;
      return;
    case "invalid-response":
      p.faults.invalidResponse = "missing-fields";
      return;
  }
}

function apply(world: World, req: ProxyActRequest): ProxyActResult {
  const base = { action: req.action, principal: "proxy-operator" as const };
  if (req.action === "fix-vpce") {
    const s = resolveService(world, req.service);
    // What KMS requires of the service (xks-troubleshooting): no acceptance, two AZs, KMS allowed,
    // a verified private DNS name.
    s.AcceptanceRequired = false;
    s.PrivateDnsNameVerificationState = "verified";
    const principal = kmsPrincipal(world.region);
    if (!s.AllowedPrincipals.includes(principal)) s.AllowedPrincipals.push(principal);
    if (new Set(s.AvailabilityZones).size < 2)
      s.AvailabilityZones = [...new Set([...s.AvailabilityZones, `${world.region}a`, `${world.region}b`])];
    return {
      ...base,
      target: { kind: "vpc-endpoint-service", serviceName: s.ServiceName },
      state: `conformant for ${s.PrivateDnsName}`,
    };
  }
  const p = resolveProxy(world, req.proxy);
  switch (req.action) {
    case "proxy-fault":
      setFault(p, req.fault, req.latencyMs);
      break;
    case "proxy-clear":
      p.faults = {};
      break;
    case "set-proxy-credential":
      if (!isValidAccessKeyId(req.accessKeyId)) throw new UsageError(t("sim.act.accessKeyId"));
      if (!/^[a-zA-Z0-9/+=]{43,64}$/.test(req.secretAccessKey)) throw new UsageError(t("sim.act.secret"));
      p.credential = { accessKeyId: req.accessKeyId, secretAccessKey: req.secretAccessKey };
      break;
    case "set-ekm-health": {
      const m = p.keyManagers.find((x) => x.id === req.ekm);
      if (!m)
        throw new UsageError(
          t("sim.act.noKeyManager", {
            proxy: proxyHost(p),
            ekm: req.ekm,
            known: p.keyManagers.map((x) => x.id).join(", "),
          }),
        );
      m.healthStatus = req.health;
      break;
    }
    case "enable-xks-key":
    case "disable-xks-key": {
      const k = p.keys.find((x) => x.keyId === req.key);
      if (!k) throw new UsageError(`Proxy ${proxyHost(p)} has no external key '${req.key}'.`);
      k.keyStatus = req.action === "enable-xks-key" ? "ENABLED" : "DISABLED";
      break;
    }
  }
  return { ...base, target: { kind: "proxy", host: proxyHost(p) }, state: proxyCondition(p) };
}

/** Makes one proxy-side change in the world and says where the proxy (or service) stands now. */
export function actOnProxy(store: WorldStore, req: ProxyActRequest): ProxyActResult {
  return store.update((w) => apply(w, req));
}
