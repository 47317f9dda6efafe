import { describe, expect, it } from "vitest";
import { keysNoLongerEnabled, newErrors } from "../../src/app/apply.js";
import type { Observation } from "../../src/app/observe.js";
import { diagnose } from "../../src/diagnose/diagnose.js";
import type { Snapshot } from "../../src/gather/snapshot.js";
import { key, OTHER_STORE_ID, STORE_ID, snapshot, storeIn } from "../diagnose/fixtures.js";
import { app } from "../helpers/app.js";
import { scenarioWorld } from "../helpers/sim.js";

const seen = (s: Snapshot): Observation => ({ snapshot: s, findings: diagnose(s) });

describe("a fix is judged by the whole of the stores it touched (contract: kcs fix rule 8)", () => {
  it("a restore from a backup older than the store's keys is not 'Fixed': it brought KEY_MATERIAL_MISSING", async () => {
    const kcs = await app(scenarioWorld("cluster-not-found"));
    try {
      const before = await kcs.observe();
      const newestKey = before.snapshot.keys
        .map((k) => k.creationDate ?? "")
        .sort()
        .pop()!;
      const tooOld = before.snapshot.backups.find(
        (b) => b.state === "READY" && (b.createTimestamp ?? "") < newestKey,
      );
      expect(tooOld, "the scenario has a READY backup older than its newest key").toBeDefined();
      // Refused unless the loss is accepted, naming what would be lost...
      await expect(kcs.plan({ params: { BackupId: tooOld!.backupId } })).rejects.toThrow(
        /before 6 of the store's keys were created .*loses their key material for good/,
      );
      // ...and once accepted, what it did is still not called a fix.
      const plan = await kcs.plan({ params: { BackupId: tooOld!.backupId, AcceptKeyLoss: "yes" } });
      expect(plan.notes?.join("\n")).toMatch(/loses the key material of 6 key\(s\)/);
      const { result, problem } = await kcs.fix(plan);
      // What it set out to fix is gone (the store is CONNECTED again)...
      expect(result.remaining).toEqual([]);
      // ...but the run is not a fix: it broke the keys, and says so.
      expect(result.ok).toBe(false);
      expect(result.newFindings?.map((f) => f.code)).toEqual(["KEY_MATERIAL_MISSING"]);
      expect(problem).toMatch(/failed: new since the run began: KEY_MATERIAL_MISSING/);
    } finally {
      await kcs.close();
    }
  });

  it("newErrors counts only errors of the touched stores that were not there before", () => {
    const before = seen(snapshot({ stores: [storeIn("FAILED", "INVALID_CREDENTIALS")] }));
    const after = seen(
      snapshot({
        stores: [
          storeIn("CONNECTED"),
          storeIn("DISCONNECTED", undefined, { customKeyStoreId: OTHER_STORE_ID }),
        ],
        keys: [key("Unavailable")],
      }),
    );
    expect(newErrors(before, after, new Set([STORE_ID])).map((f) => f.code)).toEqual([
      "KEY_MATERIAL_MISSING",
    ]);
    expect(newErrors(before, before, new Set([STORE_ID]))).toEqual([]);
  });

  it("keysNoLongerEnabled names the keys that were Enabled and are not now, of the touched stores only", () => {
    const k1 = key("Enabled");
    const k2 = key("Enabled");
    const other = key("Enabled", { customKeyStoreId: OTHER_STORE_ID });
    const before = seen(snapshot({ keys: [k1, k2, other] }));
    const after = seen(
      snapshot({
        keys: [{ ...k1, keyState: "Unavailable" }, k2, { ...other, keyState: "Unavailable" }],
      }),
    );
    expect(keysNoLongerEnabled(before, after, new Set([STORE_ID]))).toEqual([k1.keyId]);
  });
});
