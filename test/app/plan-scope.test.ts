import { describe, expect, it } from "vitest";
import { passwordStores } from "../../src/app/plan.js";
import { UsageError } from "../../src/core/errors.js";
import { app } from "../helpers/app.js";
import { scenarioWorld } from "../helpers/sim.js";

describe("what kcs fix repairs without being told (contract: kcs fix rule 1)", () => {
  it("repairs errors only: orphaned key material (a warning) is not worth taking a working store offline unasked", async () => {
    const kcs = await app(scenarioWorld("orphaned-key-material"));
    try {
      expect((await kcs.plan()).actions).toEqual([]);
      expect((await kcs.plan({ includeWarnings: true })).actions.map((a) => a.runbook)).toEqual([
        "delete-orphaned-key-material",
      ]);
      expect((await kcs.plan({ findings: ["ORPHANED_KEY_MATERIAL"] })).actions.map((a) => a.runbook)).toEqual(
        ["delete-orphaned-key-material"],
      );
    } finally {
      await kcs.close();
    }
  });

  it("refuses a --finding that no selected store has, rather than calling it nothing to do", async () => {
    const kcs = await app(scenarioWorld("store-disconnected"));
    try {
      await expect(kcs.plan({ findings: ["INVALID_CREDENTIALS"] })).rejects.toThrow(UsageError);
      await expect(kcs.plan({ findings: ["INVALID_CREDENTIALS"] })).rejects.toThrow(
        /no selected store has it/,
      );
      expect(kcs.h.sim.calls.filter((c) => c.mutating)).toEqual([]);
    } finally {
      await kcs.close();
    }
  });
});

describe("one kmsuser password per cluster (contract: kcs fix rule 6)", () => {
  it("names the stores whose password a plan sets, so the CLI can refuse one password for several", async () => {
    const kcs = await app(scenarioWorld("fleet"));
    try {
      const stores = passwordStores(await kcs.plan({ includeWarnings: true }));
      expect(stores.length).toBeGreaterThan(1);
      const one = passwordStores(await kcs.plan({ stores: [stores[0]!], includeWarnings: true }));
      expect(one).toEqual([stores[0]]);
    } finally {
      await kcs.close();
    }
  });
});
