import { t } from "../i18n/index.js";
import { HsmCliError } from "../sim/cloudhsm/operator.js";
import type { SimXksProxy, World } from "../sim/world.js";

type Input = Record<string, unknown>;
const text = (input: Input, name: string) => String(input[name] ?? "");

/** The proxy the step's store calls (by its endpoint), or a refusal: the simulated person cannot conjure one. */
function proxyAt(w: World, input: Input): SimXksProxy {
  const endpoint = text(input, "UriEndpoint");
  const proxy = (w.xksProxies ?? []).find((p) => p.uriEndpoint === endpoint);
  if (!proxy) throw new HsmCliError(t("steps.proxy.noProxy", { endpoint }));
  return proxy;
}

/**
 * What the simulated operator does for each manual XKS step: on the proxy (or its VPC endpoint
 * service, or its external key manager) what the step's commands would have shown wrong, as a person
 * would repair it. KMS's own configuration is never touched here: that is kcs's API steps' work.
 */
export const PROXY_TASKS: Record<string, (w: World, input: Input) => string> = {
  "xks.check-proxy-tls"(w, input) {
    const proxy = proxyAt(w, input);
    const was = proxy.faults.tls?.failed ? proxy.faults.tls.reason : undefined;
    delete proxy.faults.tls;
    return was ? t("steps.proxy.certificateInstalled", { was }) : t("steps.proxy.certificateValid");
  },
  "xks.check-proxy-authorization"(w, input) {
    const proxy = proxyAt(w, input);
    const was = proxy.faults.accessDenied === true;
    delete proxy.faults.accessDenied;
    return was ? t("steps.proxy.kmsAllowed") : t("steps.proxy.alreadyAllowed");
  },
  "xks.check-proxy-health"(w, input) {
    const proxy = proxyAt(w, input);
    const fixed = [
      ...(proxy.faults.unreachable ? [t("steps.proxy.online")] : []),
      ...(proxy.faults.latencyMs && proxy.faults.latencyMs > 0 ? [t("steps.proxy.latency")] : []),
      ...(proxy.faults.invalidResponse ? [t("steps.proxy.responses")] : []),
      ...(proxy.keyManagers.some((k) => k.healthStatus !== "ACTIVE") ? [t("steps.proxy.keyManagers")] : []),
    ];
    delete proxy.faults.unreachable;
    delete proxy.faults.latencyMs;
    delete proxy.faults.invalidResponse;
    for (const k of proxy.keyManagers) k.healthStatus = "ACTIVE";
    return fixed.length ? fixed.join(t("steps.proxy.separator")) : t("steps.proxy.healthy");
  },
  "xks.check-vpc-endpoint-service"(w, input) {
    const name = text(input, "VpcEndpointServiceName");
    const host = text(input, "UriEndpoint").replace(/^https:\/\//, "");
    const principal = `cks.kms.${w.region}.amazonaws.com`;
    w.vpcEndpointServices ??= [];
    const services = w.vpcEndpointServices;
    let service = services.find((s) => s.ServiceName === name);
    if (!service) {
      service = {
        ServiceName: name,
        ServiceId: name.replace(/^.*\.(vpce-svc-[0-9a-z]+)$/, "$1"),
        PrivateDnsName: host,
        PrivateDnsNameVerificationState: "verified",
        AcceptanceRequired: false,
        AvailabilityZones: [`${w.region}a`, `${w.region}b`],
        AllowedPrincipals: [principal],
      };
      services.push(service);
      return t("steps.proxy.serviceCreated", { name, host });
    }
    service.AcceptanceRequired = false;
    if (!service.AllowedPrincipals.includes(principal)) service.AllowedPrincipals.push(principal);
    service.PrivateDnsName = host;
    service.PrivateDnsNameVerificationState = "verified";
    if (new Set(service.AvailabilityZones).size < 2)
      service.AvailabilityZones = [
        ...new Set([...service.AvailabilityZones, `${w.region}a`, `${w.region}b`]),
      ];
    return t("steps.proxy.serviceConforms", { name, principal, host });
  },
  "xks.check-key"(w, input) {
    const proxy = proxyAt(w, input);
    const keys = Array.isArray(input.Keys) ? (input.Keys as { XksKeyId?: unknown }[]) : [];
    const done: string[] = [];
    for (const { XksKeyId } of keys) {
      const key = proxy.keys.find((k) => k.keyId === String(XksKeyId));
      // A deleted external key is gone for good: no person can bring its material back from here.
      if (!key) throw new HsmCliError(t("steps.proxy.noExternalKey", { key: String(XksKeyId) }));
      key.keyStatus = "ENABLED";
      key.keySpec = "AES_256";
      key.keyUsage = [...new Set([...key.keyUsage, "ENCRYPT", "DECRYPT"])];
      done.push(key.keyId);
    }
    return t("steps.proxy.keysEnabled", { keys: done.join(", ") });
  },
};
