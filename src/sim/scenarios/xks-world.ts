// External key store pieces for scenarios: a simulated proxy in the world (where KMS finds it by its
// endpoint) and a VPC endpoint service in front of one. Scenarios then create stores and keys through
// real API calls, so every state arises from the simulation.
import { hex } from "../ids.js";
import type { SimXksProxy, VpcEndpointService, World } from "../world.js";
import type { ExternalKeyManager, XksKey } from "../xks/state.js";

export interface ProxyOptions {
  uriEndpoint: string;
  /** The prefix before /kms/xks/v1 ("" for none). */
  uriPath?: string;
  accessKeyId: string;
  secretAccessKey: string;
  keyIds: string[];
  keyManagers?: ExternalKeyManager[];
}

/**
 * Where a demo finds a scenario proxy's credential: the world file (`xksProxies[].credential`), never
 * printed. Kept in one sentence so every XKS scenario's description says the same.
 */
export const CREDENTIAL_HINT = "the proxy credential is in the world file under xksProxies[].credential";

/** A secret in the model's format (43-64 of base64's alphabet), derived from the world's counter. */
export function proxySecret(world: World, purpose: string): string {
  return Buffer.from(hex(world, `xks-secret-${purpose}`, 64), "hex")
    .toString("base64")
    .replace(/=+$/, "");
}

export function addProxy(world: World, o: ProxyOptions): SimXksProxy {
  const keys: XksKey[] = o.keyIds.map((keyId) => ({
    keyId,
    keySpec: "AES_256",
    keyUsage: ["ENCRYPT", "DECRYPT"],
    keyStatus: "ENABLED",
    material: hex(world, `xks-key-${keyId}`, 64),
  }));
  const proxy: SimXksProxy = {
    uriEndpoint: o.uriEndpoint,
    uriPath: o.uriPath ?? "",
    credential: { accessKeyId: o.accessKeyId, secretAccessKey: o.secretAccessKey },
    vendor: "Example Corp",
    model: "XKS Proxy 1.2",
    ekmVendor: "Example HSM Co",
    fleetSize: 2,
    keyManagers: o.keyManagers ?? [
      { id: "ekm-1", model: "HSM 7", healthStatus: "ACTIVE" },
      { id: "ekm-2", model: "HSM 7", healthStatus: "ACTIVE" },
    ],
    keys,
    faults: {},
  };
  world.xksProxies = [...(world.xksProxies ?? []), proxy];
  return proxy;
}

/** A conformant VPC endpoint service for a proxy at https://<privateDnsName>. */
export function addEndpointService(world: World, privateDnsName: string): VpcEndpointService {
  const id = `vpce-svc-${hex(world, "vpce-svc", 17)}`;
  const service: VpcEndpointService = {
    ServiceName: `com.amazonaws.vpce.${world.region}.${id}`,
    ServiceId: id,
    PrivateDnsName: privateDnsName,
    PrivateDnsNameVerificationState: "verified",
    AcceptanceRequired: false,
    AvailabilityZones: [`${world.region}a`, `${world.region}b`],
    AllowedPrincipals: [`cks.kms.${world.region}.amazonaws.com`],
  };
  world.vpcEndpointServices = [...(world.vpcEndpointServices ?? []), service];
  return service;
}
