import { describe, expect, it } from "vitest";
import { app, codesOf } from "../helpers/app.js";
import { scenarioWorld } from "../helpers/sim.js";

describe("an interrupted move to a restored cluster is finished, never undone (contract: kcs fix rule 8)", () => {
  it.each(["in-process", "http"] as const)(
    "recover-key-material stopped after its disconnect: the next run moves the store to the restored cluster, not back (%s)",
    async (transport) => {
      const kcs = await app(scenarioWorld("key-material-missing"), transport);
      try {
        const oldCluster = kcs.h.world().stores[0]!.CloudHsmClusterId;
        // The run ends between the disconnect and the update that moves the store (any failure would do).
        kcs.h.sim.inject({
          service: "kms",
          operation: "UpdateCustomKeyStore",
          error: { code: "AccessDeniedException" },
        });
        const first = await kcs.fix(await kcs.plan());
        expect(first.result.outcomes.find((o) => o.stepId === "update-store-cluster")?.status).toBe("failed");
        expect(kcs.h.world().stores[0]!.ConnectionState).toBe("DISCONNECTED");
        // Now the store only looks DISCONNECTED; the next run finishes the move with the same backup's cluster.
        kcs.h.clock.advance(60_000);
        const again = await kcs.plan();
        expect(again.actions.map((a) => a.runbook)).toEqual(["recover-key-material"]);
        expect(again.actions[0]!.parameters.map((p) => p.name)).toContain("NewClusterId");
        const second = await kcs.fix(again);
        expect(second.problem).toBeUndefined();
        expect(kcs.h.world().stores[0]!.CloudHsmClusterId).not.toBe(oldCluster);
        expect(kcs.h.sim.calls.filter((c) => c.operation === "CreateCluster")).toHaveLength(1);
        expect(codesOf(await kcs.observe())).toEqual([]);
      } finally {
        await kcs.close();
      }
    },
  );

  it.each(["in-process", "http"] as const)(
    "recover-key-material stopped after the store moved (before its connect): the next run only connects, and restores nothing again (%s)",
    async (transport) => {
      const kcs = await app(scenarioWorld("key-material-missing"), transport);
      try {
        kcs.h.sim.inject({
          service: "kms",
          operation: "ConnectCustomKeyStore",
          error: { code: "AccessDeniedException" },
        });
        const first = await kcs.fix(await kcs.plan());
        expect(first.result.ok).toBe(false);
        const moved = kcs.h.world().stores[0]!.CloudHsmClusterId;
        expect(kcs.h.world().clusters.find((c) => c.ClusterId === moved)?.SourceBackupId).toBeDefined();
        kcs.h.clock.advance(60_000);
        const again = await kcs.plan();
        expect(again.actions.flatMap((a) => a.steps.map((s) => s.action))).not.toContain(
          "cloudhsm.create-cluster-from-backup",
        );
        const second = await kcs.fix(again);
        expect(second.problem).toBeUndefined();
        // Found by the chaos campaign: a second restore here made a second, billed cluster.
        expect(kcs.h.sim.calls.filter((c) => c.operation === "CreateCluster")).toHaveLength(1);
        expect(kcs.h.world().stores[0]!.CloudHsmClusterId).toBe(moved);
        expect(codesOf(await kcs.observe())).toEqual([]);
      } finally {
        await kcs.close();
      }
    },
  );
});
