// Issue 11, goal 3: a repeated doctor describes only new keys and the keys of custom key stores.
import { CreateKeyCommand } from "@aws-sdk/client-kms";
import { describe, expect, it } from "vitest";
import { KeyStoreCache } from "../../src/app/key-store-cache.js";
import { observe } from "../../src/app/observe.js";
import { type App, withApp } from "../helpers/app.js";
import { tempDir } from "../helpers/cli.js";
import { scenarioWorld } from "../helpers/sim.js";

const describeKeys = (kcs: App) => kcs.h.sim.calls.filter((c) => c.operation === "DescribeKey");

function see(kcs: App, cache: KeyStoreCache | undefined) {
  return observe(kcs.backend, kcs.ledger, {
    now: new Date(kcs.clock.now()),
    timer: kcs.clock,
    ...(cache ? { keyStores: cache } : {}),
  });
}

describe.each(["in-process", "http"] as const)("doctor's key-store cache over %s", (transport) => {
  it("a second doctor describes only the custom key stores' keys, and reports the same", async () => {
    await withApp(scenarioWorld("fleet"), transport, async (kcs) => {
      const w = kcs.h.world();
      const inStores = w.keys.filter((k) => k.CustomKeyStoreId).length;
      expect(w.keys.length - inStores).toBeGreaterThan(0);
      const cache = new KeyStoreCache(tempDir("kcs-state-"), w.region, "test");
      const first = await see(kcs, cache);
      expect(describeKeys(kcs)).toHaveLength(w.keys.length);
      kcs.h.sim.calls.length = 0;
      const second = await see(kcs, cache);
      expect(describeKeys(kcs)).toHaveLength(inStores);
      expect(second.findings).toEqual(first.findings);
      expect(second.snapshot.keys).toEqual(first.snapshot.keys);
    });
  });

  it("a key created between runs is described, in the default store or a custom one", async () => {
    await withApp(scenarioWorld("fleet"), transport, async (kcs) => {
      const w = kcs.h.world();
      const cache = new KeyStoreCache(tempDir("kcs-state-"), w.region, "test");
      await see(kcs, cache);
      const store = w.stores.find(
        (s) => s.CustomKeyStoreType === "AWS_CLOUDHSM" && s.ConnectionState === "CONNECTED",
      )!;
      const plain = await kcs.h.clients.kms.send(new CreateKeyCommand({ Description: "new default key" }));
      const inStore = await kcs.h.clients.kms.send(
        new CreateKeyCommand({ CustomKeyStoreId: store.CustomKeyStoreId, Origin: "AWS_CLOUDHSM" }),
      );
      kcs.h.sim.calls.length = 0;
      const second = await see(kcs, cache);
      const described = describeKeys(kcs).map((c) => c.input.KeyId);
      expect(described).toContain(plain.KeyMetadata!.KeyId);
      expect(described).toContain(inStore.KeyMetadata!.KeyId);
      expect(second.snapshot.keys.map((k) => k.keyId)).toContain(inStore.KeyMetadata!.KeyId);
      // Now remembered: a third run skips the new default-store key.
      kcs.h.sim.calls.length = 0;
      await see(kcs, cache);
      expect(describeKeys(kcs).map((c) => c.input.KeyId)).not.toContain(plain.KeyMetadata!.KeyId);
    });
  });

  it("without the cache (doctor --no-cache) every key is described", async () => {
    await withApp(scenarioWorld("fleet"), transport, async (kcs) => {
      const w = kcs.h.world();
      const cache = new KeyStoreCache(tempDir("kcs-state-"), w.region, "test");
      await see(kcs, cache);
      kcs.h.sim.calls.length = 0;
      await see(kcs, undefined);
      expect(describeKeys(kcs)).toHaveLength(w.keys.length);
    });
  });
});

describe("fix checks its own work with the key-store cache too", () => {
  it("its verifications and final diagnosis skip the default store's keys, and it still fixes", async () => {
    const run = async (withCache: boolean) => {
      let described = 0;
      await withApp(scenarioWorld("fleet"), "in-process", async (kcs) => {
        const w = kcs.h.world();
        const cache = new KeyStoreCache(tempDir("kcs-state-"), w.region, "test");
        await see(kcs, cache);
        const store = w.stores.find((s) => s.CustomKeyStoreName === "reporting-cks")!;
        const plan = await kcs.plan({ stores: [store.CustomKeyStoreId], findings: ["INVALID_CREDENTIALS"] });
        kcs.h.sim.calls.length = 0;
        const { result } = await kcs.fix(plan, withCache ? { keyStores: cache } : {});
        expect(result.ok).toBe(true);
        described = describeKeys(kcs).length;
      });
      return described;
    };
    const without = await run(false);
    const withCache = await run(true);
    expect(withCache).toBeGreaterThan(0);
    expect(withCache).toBeLessThan(without);
  });
});
