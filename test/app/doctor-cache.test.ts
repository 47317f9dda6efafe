// Issue 11, goal 3: a repeated doctor describes only new keys and the keys of custom key stores.
import { CreateKeyCommand, ScheduleKeyDeletionCommand } from "@aws-sdk/client-kms";
import { describe, expect, it } from "vitest";
import { DeleteKeyCache } from "../../src/app/deletekey-cache.js";
import { KeyStoreCache } from "../../src/app/key-store-cache.js";
import { observe } from "../../src/app/observe.js";
import { type App, withApp } from "../helpers/app.js";
import { tempDir } from "../helpers/cli.js";
import { scenarioWorld } from "../helpers/sim.js";

const describeKeys = (kcs: App) => kcs.h.sim.calls.filter((c) => c.operation === "DescribeKey");
const deleteKeyLookups = (kcs: App) =>
  kcs.h.sim.calls.filter(
    (c) => c.operation === "LookupEvents" && JSON.stringify(c.input.LookupAttributes).includes('"DeleteKey"'),
  );

function see(kcs: App, cache: KeyStoreCache | undefined) {
  return observe(kcs.backend, kcs.ledger, {
    now: new Date(kcs.clock.now()),
    timer: kcs.clock,
    ...(cache ? { memory: { keyStores: cache } } : {}),
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
        const { result } = await kcs.fix(plan, withCache ? { memory: { keyStores: cache } } : {});
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

describe.each(["in-process", "http"] as const)("doctor's DeleteKey event cache over %s", (transport) => {
  const seeWith = (kcs: App, deleteKeys: DeleteKeyCache | undefined) =>
    observe(kcs.backend, kcs.ledger, {
      now: new Date(kcs.clock.now()),
      timer: kcs.clock,
      ...(deleteKeys ? { memory: { deleteKeys } } : {}),
    });

  it("a second doctor reads CloudTrail only past what it remembers, and reports the same", async () => {
    await withApp(scenarioWorld("fleet"), transport, async (kcs) => {
      const w = kcs.h.world();
      const cache = new DeleteKeyCache(tempDir("kcs-state-"), w.region, "test");
      const first = await seeWith(kcs, cache);
      expect(first.snapshot.deleteKeyEvents.length).toBeGreaterThan(0);
      const firstPages = deleteKeyLookups(kcs).length;
      kcs.h.sim.calls.length = 0;
      const second = await seeWith(kcs, cache);
      const pages = deleteKeyLookups(kcs);
      expect(pages.length).toBeLessThan(firstPages);
      // It starts where the remembered events end, not 90 days back.
      const start = Number(pages[0]!.input.StartTime) * 1000;
      expect(start).toBeGreaterThan(Date.parse(second.snapshot.since) + 86_400_000);
      expect(second.snapshot.deleteKeyEvents).toEqual(first.snapshot.deleteKeyEvents);
      expect(second.findings).toEqual(first.findings);
    });
  });

  it("a key deleted between runs is seen, as a run without the cache sees it", async () => {
    await withApp(scenarioWorld("fleet"), transport, async (kcs) => {
      const w = kcs.h.world();
      const cache = new DeleteKeyCache(tempDir("kcs-state-"), w.region, "test");
      const before = await seeWith(kcs, cache);
      const key = w.keys.find(
        (k) =>
          k.CustomKeyStoreId &&
          k.baseState === "Enabled" &&
          !before.snapshot.deleteKeyEvents.some((e) => e.keyArn === k.Arn),
      )!;
      await kcs.h.clients.kms.send(
        new ScheduleKeyDeletionCommand({ KeyId: key.KeyId, PendingWindowInDays: 7 }),
      );
      kcs.h.clock.advance(7 * 86_400_000 + 30 * 60_000);
      const cached = await seeWith(kcs, cache);
      const uncached = await seeWith(kcs, undefined);
      expect(cached.snapshot.deleteKeyEvents.map((e) => e.keyArn)).toContain(key.Arn);
      expect(cached.snapshot.deleteKeyEvents).toEqual(uncached.snapshot.deleteKeyEvents);
      expect(cached.findings).toEqual(uncached.findings);
    });
  });

  it("an event CloudTrail had not shown yet at the first run is seen by the next", async () => {
    await withApp(scenarioWorld("fleet"), transport, async (kcs) => {
      const w = kcs.h.world();
      const cache = new DeleteKeyCache(tempDir("kcs-state-"), w.region, "test");
      const key = w.keys.find((k) => k.CustomKeyStoreId && k.baseState === "Enabled")!;
      await kcs.h.clients.kms.send(
        new ScheduleKeyDeletionCommand({ KeyId: key.KeyId, PendingWindowInDays: 7 }),
      );
      // KMS deletes the key now, and CloudTrail shows its DeleteKey 5 minutes later: not yet.
      kcs.h.clock.advance(7 * 86_400_000 + 60_000);
      const early = await seeWith(kcs, cache);
      expect(early.snapshot.deleteKeyEvents.map((e) => e.keyArn)).not.toContain(key.Arn);
      kcs.h.clock.advance(10 * 60_000);
      const later = await seeWith(kcs, cache);
      expect(later.snapshot.deleteKeyEvents.map((e) => e.keyArn)).toContain(key.Arn);
    });
  });
});
