import { describe, expect, it } from "vitest";
import type { ManualTask } from "../../src/backend/hsm-operator.js";
import { SimulatedOperator } from "../../src/backend/simulated-operator.js";
import { MemoryWorldStore } from "../../src/sim/engine.js";
import type { SimXksProxy, World } from "../../src/sim/world.js";
import { scenarioWorld } from "../helpers/sim.js";
import { proxyState } from "../sim/xks/fixture.js";

/**
 * The simulated operator of the manual XKS steps: it repairs on the proxy side what the step's
 * commands show wrong, as a person would, and refuses what no person could do from there.
 */
const ENDPOINT = "https://xks.example.com";
const task = (action: string, input: Record<string, unknown>): ManualTask => ({
  action,
  what: action,
  input: { UriEndpoint: ENDPOINT, ...input },
  commands: [],
  legacyCommands: [],
});

function worldWith(change: (p: SimXksProxy, w: World) => void) {
  const w = scenarioWorld("healthy");
  const proxy: SimXksProxy = { ...proxyState(), uriEndpoint: ENDPOINT };
  w.xksProxies = [proxy];
  change(proxy, w);
  const store = new MemoryWorldStore(w);
  return { store, op: new SimulatedOperator(store), proxy: () => store.world.xksProxies![0]! };
}

describe("the simulated operator of manual XKS steps", () => {
  it("installs a valid certificate for xks.check-proxy-tls", async () => {
    const s = worldWith((p) => (p.faults.tls = { failed: true, reason: "certificate expired" }));
    expect(await s.op.perform(task("xks.check-proxy-tls", {}))).toMatch(/was: certificate expired/);
    expect(s.proxy().faults.tls).toBeUndefined();
  });

  it("lets KMS through the rules for xks.check-proxy-authorization", async () => {
    const s = worldWith((p) => (p.faults.accessDenied = true));
    await s.op.perform(task("xks.check-proxy-authorization", {}));
    expect(s.proxy().faults.accessDenied).toBeUndefined();
  });

  it("brings the proxy back, fast and healthy, for xks.check-proxy-health", async () => {
    const s = worldWith((p) => {
      p.faults.unreachable = true;
      p.faults.latencyMs = 900;
      p.faults.invalidResponse = "malformed-json";
    });
    expect(await s.op.perform(task("xks.check-proxy-health", {}))).toMatch(
      /back online.*latency.*responses.*key managers/,
    );
    expect(s.proxy().faults).toEqual({});
    expect(s.proxy().keyManagers.map((k) => k.healthStatus)).toEqual(["ACTIVE", "ACTIVE"]);
  });

  it("enables the external keys of xks.check-key, and refuses one the key manager no longer has", async () => {
    const s = worldWith(() => undefined);
    await s.op.perform(task("xks.check-key", { Keys: [{ KeyId: "k", XksKeyId: "key-off" }] }));
    expect(s.proxy().keys.find((k) => k.keyId === "key-off")!.keyStatus).toBe("ENABLED");
    await expect(
      s.op.perform(task("xks.check-key", { Keys: [{ KeyId: "k", XksKeyId: "gone" }] })),
    ).rejects.toThrow(/no key gone to restore/);
  });

  it("makes the VPC endpoint service conform for xks.check-vpc-endpoint-service", async () => {
    const name = "com.amazonaws.vpce.eu-west-1.vpce-svc-0123456789abcdef0";
    const s = worldWith((_p, w) => {
      w.vpcEndpointServices = [
        {
          ServiceName: name,
          ServiceId: "vpce-svc-0123456789abcdef0",
          PrivateDnsName: "other.example.com",
          PrivateDnsNameVerificationState: "pendingVerification",
          AcceptanceRequired: true,
          AvailabilityZones: ["eu-west-1a"],
          AllowedPrincipals: [],
        },
      ];
    });
    await s.op.perform(task("xks.check-vpc-endpoint-service", { VpcEndpointServiceName: name }));
    expect(s.store.world.vpcEndpointServices![0]).toMatchObject({
      PrivateDnsName: "xks.example.com",
      PrivateDnsNameVerificationState: "verified",
      AcceptanceRequired: false,
      AllowedPrincipals: [`cks.kms.${s.store.world.region}.amazonaws.com`],
    });
    expect(new Set(s.store.world.vpcEndpointServices![0]!.AvailabilityZones).size).toBeGreaterThanOrEqual(2);
  });

  it("refuses a step for an endpoint where no proxy listens", async () => {
    const s = worldWith(() => undefined);
    await expect(
      s.op.perform({
        ...task("xks.check-proxy-tls", {}),
        input: { UriEndpoint: "https://nowhere.example.com" },
      }),
    ).rejects.toThrow(/no XKS proxy listens at https:\/\/nowhere\.example\.com/);
  });
});
