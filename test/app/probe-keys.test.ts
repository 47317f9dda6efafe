// Issue 10, item 5: a key whose backing key is gone reads Enabled for a while; only a cryptographic
// call shows the loss. doctor --probe (and fix --probe, and fix's own checks) make that call.
import { describe, expect, it } from "vitest";
import { nextCommand } from "../../src/cli/views/next-command.js";
import { DURATIONS } from "../../src/sim/clock.js";
import type { World } from "../../src/sim/world.js";
import { type App, codesOf, withApp } from "../helpers/app.js";
import { scenarioWorld } from "../helpers/sim.js";

/** Someone deletes one key's backing key on the HSM, without KMS knowing yet. */
function loseMaterial(kcs: App, alias = "alias/customer-pii"): string {
  const w: World = kcs.h.world();
  const keyId = w.aliases.find((a) => a.AliasName === alias)!.TargetKeyId;
  const key = w.keys.find((k) => k.KeyId === keyId)!;
  const cluster = w.clusters.find((c) => c.ClusterId === key.CloudHsmClusterId)!;
  cluster.hsm.keys = cluster.hsm.keys.filter((k) => k.label !== key.Arn);
  return keyId;
}

const encrypts = (kcs: App) => kcs.h.sim.calls.filter((c) => c.operation === "Encrypt");

describe.each(["in-process", "http"] as const)("per-key probes over %s (doctor --probe)", (transport) => {
  it("finds KEY_MATERIAL_MISSING while the key still reads Enabled; without --probe nothing shows", async () => {
    await withApp(scenarioWorld("healthy"), transport, async (kcs) => {
      const victim = loseMaterial(kcs);
      const plain = await kcs.observe();
      expect(plain.snapshot.keys.find((k) => k.keyId === victim)?.keyState).toBe("Enabled");
      expect(codesOf(plain)).toEqual([]);
      const probed = await kcs.observe(undefined, { probe: true });
      const f = probed.findings.find((x) => x.code === "KEY_MATERIAL_MISSING")!;
      expect(f.keyIds).toEqual([victim]);
      expect(f.evidence.foundBy).toBe("probe");
      expect(f.detail).toMatch(/1 of them still read Enabled, but Encrypt with it fails/);
      expect(nextCommand(f)).toBe(
        `kcs fix --store ${f.customKeyStoreId} --finding KEY_MATERIAL_MISSING --probe --dry-run`,
      );
      // Once KMS catches up the key reads Unavailable, and doctor finds it without probing.
      kcs.h.clock.advance(DURATIONS.materialLossNotice);
      const later = await kcs.observe();
      expect(later.findings.find((x) => x.code === "KEY_MATERIAL_MISSING")?.keyIds).toEqual([victim]);
    });
  });

  it("encrypts one byte with each Enabled key of a connected CloudHSM store, and nothing else", async () => {
    await withApp(scenarioWorld("healthy"), transport, async (kcs) => {
      const w = kcs.h.world();
      const storeId = w.stores[0]!.CustomKeyStoreId;
      const enabled = w.keys.filter((k) => k.CustomKeyStoreId === storeId && k.baseState === "Enabled");
      expect(enabled.length).toBeGreaterThan(0);
      expect(w.keys.some((k) => k.CustomKeyStoreId === storeId && k.baseState === "Disabled")).toBe(true);
      const o = await kcs.observe(undefined, { probe: true });
      expect(o.snapshot.keyProbes?.every((p) => p.ok)).toBe(true);
      expect(
        encrypts(kcs)
          .map((c) => c.input.KeyId)
          .sort(),
      ).toEqual(enabled.map((k) => k.KeyId).sort());
      expect(encrypts(kcs).every((c) => c.input.Plaintext === Buffer.from([0x6b]).toString("base64"))).toBe(
        true,
      );
    });
  });

  it("probes no key of a store that is not connected", async () => {
    await withApp(scenarioWorld("store-disconnected"), transport, async (kcs) => {
      await kcs.observe(undefined, { probe: true });
      expect(encrypts(kcs)).toEqual([]);
    });
  });

  it("without kms:Encrypt, reports the refusal once per store and finds nothing it cannot see", async () => {
    await withApp(scenarioWorld("healthy"), transport, async (kcs) => {
      loseMaterial(kcs);
      kcs.h.world().faults.accessDenied = ["kms:Encrypt"];
      const o = await kcs.observe(undefined, { probe: true });
      expect(o.snapshot.errors.filter((e) => e.operation === "Encrypt")).toHaveLength(1);
      expect(o.snapshot.errors[0]!.code).toBe("AccessDeniedException");
      expect(codesOf(o)).toEqual([]);
      expect(encrypts(kcs)).toHaveLength(1);
    });
  });

  it("a store KMS cannot reach is NETWORK_ERRORS, not every key's material missing", async () => {
    await withApp(scenarioWorld("healthy"), transport, async (kcs) => {
      kcs.h.world().clusters[0]!.networkBlocked = true;
      const o = await kcs.observe(undefined, { probe: true });
      expect(o.snapshot.keyProbes?.some((p) => !p.ok)).toBe(true);
      expect(codesOf(o)).toContain("NETWORK_ERRORS");
      expect(codesOf(o)).not.toContain("KEY_MATERIAL_MISSING");
    });
  });
});

describe("fix --probe repairs what only a probe shows, and checks its work the same way", () => {
  it("recovers the key from a backup and ends with every key encrypting", async () => {
    await withApp(scenarioWorld("healthy"), "in-process", async (kcs) => {
      const victim = loseMaterial(kcs);
      // Without --probe the finding is not there to fix.
      await expect(kcs.plan({ findings: ["KEY_MATERIAL_MISSING"] })).rejects.toThrow(
        /no selected store has it now.*kcs fix --probe/,
      );
      const plan = await kcs.plan({ findings: ["KEY_MATERIAL_MISSING"] }, { probe: true });
      expect(plan.actions.map((a) => a.runbook)).toEqual(["recover-key-material"]);
      const { result, problem } = await kcs.fix(plan);
      expect(problem).toBeUndefined();
      expect(result.ok).toBe(true);
      const after = await kcs.observe(undefined, { probe: true });
      expect(codesOf(after)).toEqual([]);
      expect(after.snapshot.keyProbes?.find((p) => p.keyId === victim)?.ok).toBe(true);
    });
  });
});
