import { describe, expect, it } from "vitest";
import { diagnose } from "../../src/diagnose/diagnose.js";
import { gather } from "../../src/gather/gather.js";
import { harness, scenarioWorld, T0 } from "../helpers/sim.js";

const opts = (probe: boolean) => ({
  backend: "sim" as const,
  since: new Date(T0 - 30 * 86_400_000),
  now: new Date(T0),
  probe,
});

describe("doctor --probe, against the simulator through the SDK", () => {
  it("finds a CONNECTED store whose cluster KMS cannot reach (NETWORK_ERRORS) that the describe APIs call healthy", async () => {
    const world = scenarioWorld("healthy");
    world.clusters[0]!.networkBlocked = true;
    const h = await harness(world);
    try {
      expect(diagnose(await gather(h.clients, opts(false)))).toEqual([]);
      const probed = await gather(h.clients, opts(true));
      expect(probed.probes).toEqual([
        expect.objectContaining({
          ok: false,
          operation: "GenerateRandom",
          code: "CustomKeyStoreInvalidStateException",
        }),
      ]);
      const findings = diagnose(probed);
      expect(findings.map((f) => f.code)).toEqual(["NETWORK_ERRORS"]);
      expect(findings[0]!.evidence.probe).toMatchObject({ operation: "GenerateRandom" });
    } finally {
      await h.close();
    }
  });

  it("probes only CONNECTED CloudHSM stores, with read-only calls", async () => {
    const h = await harness(scenarioWorld("fleet"));
    try {
      const snapshot = await gather(h.clients, opts(true));
      const connected = snapshot.stores.filter(
        (s) => s.connectionState === "CONNECTED" && s.customKeyStoreType === "AWS_CLOUDHSM",
      );
      expect(snapshot.probes.map((p) => p.customKeyStoreId).sort()).toEqual(
        connected.map((s) => s.customKeyStoreId).sort(),
      );
      expect(snapshot.probes.every((p) => p.ok)).toBe(true);
      expect(h.sim.calls.filter((c) => c.mutating)).toEqual([]);
    } finally {
      await h.close();
    }
  });

  it("a probe failure explained by deleted HSMs adds no NETWORK_ERRORS", async () => {
    const world = scenarioWorld("healthy");
    world.clusters[0]!.Hsms = [];
    const h = await harness(world);
    try {
      const codes = diagnose(await gather(h.clients, opts(true))).map((f) => f.code);
      expect(codes).toEqual(["NO_ACTIVE_HSMS"]);
    } finally {
      await h.close();
    }
  });
});
