import { DescribeClustersCommand } from "@aws-sdk/client-cloudhsm-v2";
import { describe, expect, it } from "vitest";
import { app, codesOf, withApp } from "../helpers/app.js";
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
      await withApp(
        "cluster-not-found",
        transport,
        async (kcs) => {
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
        },
        { maxAttempts: 5 },
      );
    },
  );

  it("CreateHsm: no SDK retry adds a second HSM in the AZ; kcs finds the one it made", async () => {
    await withApp(
      "no-active-hsms",
      "http",
      async (kcs) => {
        kcs.h.sim.inject({ service: "cloudhsmv2", operation: "CreateHsm", error: LOST, afterEffect: true });
        const { problem } = await kcs.fix(await kcs.plan());
        expect(problem).toBeUndefined();
        const hsms = kcs.h.world().clusters[0]!.Hsms.filter((h) => h.State !== "DELETED");
        const perAz = new Map<string, number>();
        for (const h of hsms) perAz.set(h.AvailabilityZone, (perAz.get(h.AvailabilityZone) ?? 0) + 1);
        expect([...perAz.values()].every((n) => n === 1)).toBe(true);
        expect(kcs.h.sim.calls.filter((c) => c.operation === "CreateHsm")).toHaveLength(2);
      },
      { maxAttempts: 5 },
    );
  });

  it("the restored cluster carries the run's id, which is how a lost answer is told from someone else's restore", async () => {
    await withApp(
      "cluster-not-found",
      "http",
      async (kcs) => {
        // Someone else restores the same backup at the same moment; kcs's own answer is lost.
        const plan = await kcs.plan();
        const create = plan.actions[0]!.steps.find(
          (s) => s.action === "cloudhsm.create-cluster-from-backup",
        )!;
        kcs.h.sim.inject({
          service: "cloudhsmv2",
          operation: "CreateCluster",
          error: LOST,
          afterEffect: true,
        });
        const { result, problem } = await kcs.fix(plan);
        expect(problem).toBeUndefined();
        const detail = result.outcomes.find((o) => o.stepId === create.id)?.detail ?? "";
        const runId = /kcs:run-id=([0-9a-f-]{36})/.exec(detail)?.[1];
        expect(runId).toBeDefined();
        const restored = kcs.h.world().clusters.filter((c) => c.SourceBackupId && c.State !== "DELETED");
        expect(restored.map((c) => c.TagList)).toEqual([[{ Key: "kcs:run-id", Value: runId }]]);
      },
      { maxAttempts: 5 },
    );
  });

  it("a CreateCluster refused before AWS acted (a 500 with nothing made) is sent again, once, after looking", async () => {
    await withApp("cluster-not-found", "in-process", async (kcs) => {
      kcs.h.sim.inject({ service: "cloudhsmv2", operation: "CreateCluster", error: LOST });
      const { problem } = await kcs.fix(await kcs.plan());
      expect(problem).toBeUndefined();
      expect(kcs.h.sim.calls.filter((c) => c.operation === "CreateCluster")).toHaveLength(2);
      expect(kcs.h.world().clusters.filter((c) => c.SourceBackupId && c.State !== "DELETED")).toHaveLength(1);
    });
  });

  it("without cloudhsm:TagResource the restore goes on untagged, and still finds its cluster after a lost answer", async () => {
    await withApp("cluster-not-found", "in-process", async (kcs) => {
      kcs.h.world().faults.accessDenied.push("cloudhsm:TagResource");
      kcs.h.sim.inject({ service: "cloudhsmv2", operation: "CreateCluster", error: LOST, afterEffect: true });
      const { problem } = await kcs.fix(await kcs.plan());
      expect(problem).toBeUndefined();
      const restored = kcs.h.world().clusters.filter((c) => c.SourceBackupId && c.State !== "DELETED");
      expect(restored).toHaveLength(1);
      expect(restored[0]!.TagList).toBeUndefined();
      // The tagged attempt was refused; the untagged one made the cluster and lost its answer.
      expect(kcs.h.sim.calls.filter((c) => c.operation === "CreateCluster").map((c) => c.error)).toEqual([
        "CloudHsmAccessDeniedException",
        "CloudHsmInternalFailureException",
      ]);
    });
  });
});

describe("KMS changes whose answer is lost, or that are throttled, happen once and the run goes on (contract: kcs fix rules 4, 11)", () => {
  it.each(["in-process", "http"] as const)(
    "a disconnect whose answer was lost, retried by the SDK into 'already disconnecting', is this run's disconnect (%s)",
    async (transport) => {
      await withApp(
        "invalid-credentials",
        transport,
        async (kcs) => {
          kcs.h.sim.inject({
            service: "kms",
            operation: "DisconnectCustomKeyStore",
            error: { code: "KMSInternalException" },
            afterEffect: true,
          });
          const { problem } = await kcs.fix(await kcs.plan());
          expect(problem).toBeUndefined();
          expect(codesOf(await kcs.observe())).toEqual([]);
        },
        { maxAttempts: 3 },
      );
    },
  );

  it.each(["in-process", "http"] as const)(
    "throttled reads and a throttled connect during a fix are neither errors nor failed steps (%s)",
    async (transport) => {
      await withApp("store-disconnected", transport, async (kcs) => {
        const plan = await kcs.plan();
        const throttled = { code: "ThrottlingException", message: "Rate exceeded" };
        kcs.h.sim.inject({
          service: "kms",
          operation: "DescribeCustomKeyStores",
          error: throttled,
          times: 3,
        });
        kcs.h.sim.inject({ service: "kms", operation: "ConnectCustomKeyStore", error: throttled, times: 2 });
        const { result, problem } = await kcs.fix(plan);
        expect(problem).toBeUndefined();
        expect(result.outcomes.every((o) => o.status === "done" || o.status === "skipped")).toBe(true);
        const connects = kcs.h.sim.calls.filter((c) => c.operation === "ConnectCustomKeyStore");
        expect(connects.map((c) => c.error ?? "ok")).toEqual([
          "ThrottlingException",
          "ThrottlingException",
          "ok",
        ]);
      });
    },
  );
});

describe("hung connections during a fix (aws backend over HTTP, --request-timeout 300ms)", () => {
  const HUNG = 1_500;

  it("a read that hangs once is timed out and read again: the fix goes on", async () => {
    await withApp(
      "store-disconnected",
      "http",
      async (kcs) => {
        const plan = await kcs.plan();
        kcs.h.sim.inject({ service: "kms", operation: "DescribeCustomKeyStores", hangMs: HUNG });
        const { problem } = await kcs.fix(plan);
        expect(problem).toBeUndefined();
        expect(codesOf(await kcs.observe())).toEqual([]);
      },
      { requestTimeoutMs: 300 },
    );
  });

  it("a disconnect whose answer hangs after KMS acted is found done, not sent into 'already disconnecting'", async () => {
    const kcs = await app(scenarioWorld("invalid-credentials"), "http", {
      requestTimeoutMs: 300,
      maxAttempts: 3,
    });
    try {
      const plan = await kcs.plan();
      kcs.h.sim.inject({
        service: "kms",
        operation: "DisconnectCustomKeyStore",
        hangMs: HUNG,
        afterEffect: true,
      });
      const { problem } = await kcs.fix(plan);
      expect(problem).toBeUndefined();
      expect(codesOf(await kcs.observe())).toEqual([]);
    } finally {
      await kcs.close();
    }
  });

  it("a CreateHsm whose answer hangs after CloudHSM acted adds one HSM, not two", async () => {
    await withApp(
      "no-active-hsms",
      "http",
      async (kcs) => {
        const plan = await kcs.plan();
        kcs.h.sim.inject({ service: "cloudhsmv2", operation: "CreateHsm", hangMs: HUNG, afterEffect: true });
        const { problem } = await kcs.fix(plan);
        expect(problem).toBeUndefined();
        const live = kcs.h.world().clusters[0]!.Hsms.filter((h) => h.State !== "DELETED");
        expect(new Set(live.map((h) => h.AvailabilityZone)).size).toBe(live.length);
      },
      { requestTimeoutMs: 300, maxAttempts: 5 },
    );
  });
});

describe("retries that look at the live state in between (review findings)", () => {
  it("a disconnect failing once before KMS acted, then once after: both attempts are this run's own", async () => {
    await withApp("invalid-credentials", "in-process", async (kcs) => {
      const plan = await kcs.plan();
      const lost = { code: "KMSInternalException" };
      kcs.h.sim.inject({ service: "kms", operation: "DisconnectCustomKeyStore", error: lost });
      kcs.h.sim.inject({
        service: "kms",
        operation: "DisconnectCustomKeyStore",
        error: lost,
        afterEffect: true,
      });
      const { problem } = await kcs.fix(plan);
      expect(problem).toBeUndefined();
      expect(codesOf(await kcs.observe())).toEqual([]);
    });
  });

  it("a connect failing five times before KMS acted is sent again and is not taken for someone else's", async () => {
    await withApp("store-disconnected", "in-process", async (kcs) => {
      const plan = await kcs.plan();
      kcs.h.sim.inject({
        service: "kms",
        operation: "ConnectCustomKeyStore",
        error: { code: "KMSInternalException" },
        times: 5,
      });
      const { problem } = await kcs.fix(plan);
      expect(problem).toBeUndefined();
    });
  });

  it("a lost CreateCluster answer is found past DescribeClusters' first page (31 clusters)", async () => {
    const world = scenarioWorld("cluster-not-found");
    const template = world.clusters[0]!;
    world.clusterLimit = 100;
    for (let i = 0; i < 30; i++)
      world.clusters.push({
        ...structuredClone(template),
        ClusterId: `cluster-filler${"abcdefghijklmnopqrstuvwxyz234567"[i]}aaaa`,
        State: "ACTIVE",
        deletedAt: undefined,
      } as typeof template);
    await withApp(world, "in-process", async (kcs) => {
      kcs.h.sim.inject({ service: "cloudhsmv2", operation: "CreateCluster", error: LOST, afterEffect: true });
      const { problem } = await kcs.fix(await kcs.plan());
      expect(problem).toBeUndefined();
      expect(kcs.h.sim.calls.filter((c) => c.operation === "CreateCluster")).toHaveLength(1);
    });
  });

  it("when the look after a lost CreateCluster answer fails too, kcs stops rather than create a second cluster", async () => {
    await withApp("cluster-not-found", "in-process", async (kcs) => {
      const plan = await kcs.plan();
      kcs.h.sim.inject({ service: "cloudhsmv2", operation: "CreateCluster", error: LOST, afterEffect: true });
      // The step's own look before it creates passes; the look after the lost answer is refused.
      kcs.h.sim.inject({
        service: "cloudhsmv2",
        operation: "DescribeClusters",
        error: { code: "CloudHsmAccessDeniedException" },
        skip: 1,
      });
      const { problem } = await kcs.fix(plan);
      expect(problem).toMatch(/could not look whether AWS made the resource .* does not send it again/);
      expect(kcs.h.sim.calls.filter((c) => c.operation === "CreateCluster")).toHaveLength(1);
      // The next run finds the cluster and goes on.
      const again = await kcs.fix(await kcs.plan());
      expect(again.problem).toBeUndefined();
      expect(kcs.h.sim.calls.filter((c) => c.operation === "CreateCluster")).toHaveLength(1);
    });
  });
});
