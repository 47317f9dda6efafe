import { DescribeClustersCommand } from "@aws-sdk/client-cloudhsm-v2";
import { describe, expect, it } from "vitest";
import { app, codesOf } from "../helpers/app.js";
import { harness, scenarioWorld } from "../helpers/sim.js";

/** The call takes effect on AWS's side, then its answer is lost on the way back (a 500 the caller sees). */
const LOST = { code: "CloudHsmInternalFailureException", message: "We encountered an internal error." };

describe("creates that cost money happen exactly once, even when their answer is lost", () => {
  it("the client for creates sends once, whatever maxAttempts the others have (maxAttempts: 1 still retried once)", async () => {
    const h = await harness(scenarioWorld("healthy"), "in-process", { maxAttempts: 5 });
    try {
      h.sim.inject({ service: "cloudhsmv2", operation: "DescribeClusters", error: LOST });
      await expect(h.clients.cloudhsmOnce.send(new DescribeClustersCommand({}))).rejects.toThrow();
      expect(h.sim.calls).toHaveLength(1);
    } finally {
      await h.close();
    }
  });

  it.each(["in-process", "http"] as const)(
    "CreateCluster (%s): no SDK retry makes a second cluster; kcs finds the one it made and goes on",
    async (transport) => {
      // Five SDK attempts, as the aws backend allows reads: the creates must not use them.
      const kcs = await app(scenarioWorld("cluster-not-found"), transport, { maxAttempts: 5 });
      try {
        kcs.h.sim.inject({
          service: "cloudhsmv2",
          operation: "CreateCluster",
          error: LOST,
          afterEffect: true,
        });
        const { result, problem } = await kcs.fix(await kcs.plan());
        expect(problem).toBeUndefined();
        expect(result.outcomes.find((o) => o.stepId === "create-cluster")?.detail).toMatch(
          /answer was lost; found the cluster it made/,
        );
        expect(kcs.h.sim.calls.filter((c) => c.operation === "CreateCluster")).toHaveLength(1);
        const restored = kcs.h.world().clusters.filter((c) => c.SourceBackupId && c.State !== "DELETED");
        expect(restored).toHaveLength(1);
        expect(codesOf(await kcs.observe())).toEqual([]);
      } finally {
        await kcs.close();
      }
    },
  );

  it("CreateHsm: no SDK retry adds a second HSM in the AZ; kcs finds the one it made", async () => {
    const kcs = await app(scenarioWorld("no-active-hsms"), "http", { maxAttempts: 5 });
    try {
      kcs.h.sim.inject({ service: "cloudhsmv2", operation: "CreateHsm", error: LOST, afterEffect: true });
      const { problem } = await kcs.fix(await kcs.plan());
      expect(problem).toBeUndefined();
      const hsms = kcs.h.world().clusters[0]!.Hsms.filter((h) => h.State !== "DELETED");
      const perAz = new Map<string, number>();
      for (const h of hsms) perAz.set(h.AvailabilityZone, (perAz.get(h.AvailabilityZone) ?? 0) + 1);
      expect([...perAz.values()].every((n) => n === 1)).toBe(true);
      expect(kcs.h.sim.calls.filter((c) => c.operation === "CreateHsm")).toHaveLength(2);
    } finally {
      await kcs.close();
    }
  });
});
