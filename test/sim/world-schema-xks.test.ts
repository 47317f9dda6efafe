import { describe, expect, it } from "vitest";
import { findScenario } from "../../src/sim/scenarios/catalog.js";
import type { World } from "../../src/sim/world.js";
import { worldFileSchema } from "../../src/sim/world-schema.js";
import { T0 } from "../helpers/sim.js";

/** The world as its file holds it (JSON), which is what the schema checks on load. */
const asFile = (w: World) => JSON.parse(JSON.stringify(w)) as Record<string, unknown>;
const built = asFile(findScenario("xks-vpce-invalid")!.build(T0));
const copy = () =>
  structuredClone(built) as Record<string, unknown> & Pick<World, "xksProxies" | "vpcEndpointServices">;

describe("the world file's XKS proxies and VPC endpoint services", () => {
  it("a world with both loads", () => {
    expect(built.xksProxies).toHaveLength(1);
    expect(built.vpcEndpointServices).toHaveLength(1);
    expect(worldFileSchema().safeParse(built).success).toBe(true);
  });

  it("a world from before external key stores had proxies (neither field) still loads", () => {
    const old = copy();
    delete old.xksProxies;
    delete old.vpcEndpointServices;
    expect(worldFileSchema().safeParse(old).success).toBe(true);
  });

  it.each<[string, (w: ReturnType<typeof copy>) => void]>([
    ["a proxy endpoint with a path", (w) => (w.xksProxies![0]!.uriEndpoint = "https://x.example.com/p")],
    ["an access key id outside the spec", (w) => (w.xksProxies![0]!.credential.accessKeyId = "short")],
    ["no key manager", (w) => (w.xksProxies![0]!.keyManagers = [])],
    [
      "an unknown health status",
      (w) => ((w.xksProxies![0]!.keyManagers[0] as { healthStatus: string }).healthStatus = "OK"),
    ],
    ["key material that is not 32 bytes of hex", (w) => (w.xksProxies![0]!.keys[0]!.material = "00")],
    ["a fleet size of 0", (w) => (w.xksProxies![0]!.fleetSize = 0)],
    [
      "an unknown DNS verification state",
      (w) =>
        ((
          w.vpcEndpointServices![0] as { PrivateDnsNameVerificationState: string }
        ).PrivateDnsNameVerificationState = "maybe"),
    ],
    [
      "a service without its principals list",
      (w) => delete (w.vpcEndpointServices![0] as Partial<{ AllowedPrincipals: string[] }>).AllowedPrincipals,
    ],
  ])("refuses %s", (_, damage) => {
    const w = copy();
    damage(w);
    expect(worldFileSchema().safeParse(w).success).toBe(false);
  });
});
