import { CreateHsmCommand } from "@aws-sdk/client-cloudhsm-v2";
import { ConnectCustomKeyStoreCommand } from "@aws-sdk/client-kms";
import { describe, expect, it } from "vitest";
import { app, codesOf, freeSubnets } from "../helpers/app.js";
import { scenarioWorld } from "../helpers/sim.js";

describe("a restore keeps kmsuser's password when its backup holds the one KMS has (contract: kcs fix rule 6)", () => {
  it("a backup taken after the store's last connect: no password, no manual step, and the store connects", async () => {
    const world = scenarioWorld("subnet-not-found");
    const kcs = await app(world);
    try {
      // An HSM added after the last connect: CloudHSM backs the cluster up, kmsuser's password included.
      const cluster = kcs.h.world().clusters[0]!;
      const live = new Set(
        kcs.h
          .world()
          .subnets.filter((s) => !s.deleted)
          .map((s) => s.SubnetId),
      );
      const az = Object.entries(cluster.SubnetMapping).find(([, subnet]) => live.has(subnet))![0];
      await kcs.h.clients.cloudhsm.send(
        new CreateHsmCommand({ ClusterId: cluster.ClusterId, AvailabilityZone: az }),
      );
      kcs.h.clock.advance(15 * 60_000);
      const plan = await kcs.plan({ params: { SubnetIds: freeSubnets(world) } });
      const actions = plan.actions.flatMap((a) => a.steps.map((s) => s.action));
      expect(actions).not.toContain("hsm.set-kmsuser-password");
      expect(plan.actions[0]!.parameters.map((p) => p.name)).not.toContain("KmsUserPassword");
      expect(plan.actions[0]!.steps.find((s) => s.action === "kms.update-cluster")!.input).not.toHaveProperty(
        "KeyStorePassword",
      );
      const { result, problem } = await kcs.fix(plan, { password: undefined });
      expect(problem).toBeUndefined();
      expect(result.ok).toBe(true);
      expect(codesOf(await kcs.observe())).toEqual([]);
    } finally {
      await kcs.close();
    }
  });

  it("a connect refused after the backup (CloudTrail has it, with its errorCode) rotated nothing", async () => {
    const world = scenarioWorld("subnet-not-found");
    const kcs = await app(world);
    try {
      const w = kcs.h.world();
      const cluster = w.clusters[0]!;
      const live = new Set(w.subnets.filter((s) => !s.deleted).map((s) => s.SubnetId));
      const az = Object.entries(cluster.SubnetMapping).find(([, subnet]) => live.has(subnet))![0];
      await kcs.h.clients.cloudhsm.send(
        new CreateHsmCommand({ ClusterId: cluster.ClusterId, AvailabilityZone: az }),
      );
      kcs.h.clock.advance(15 * 60_000);
      // Someone without kms:ConnectCustomKeyStore tries anyway: AWS refuses it and CloudTrail logs that.
      w.faults.accessDenied = ["kms:ConnectCustomKeyStore"];
      await expect(
        kcs.h.clients.kms.send(
          new ConnectCustomKeyStoreCommand({ CustomKeyStoreId: w.stores[0]!.CustomKeyStoreId }),
        ),
      ).rejects.toMatchObject({ name: "AccessDeniedException" });
      w.faults.accessDenied = [];
      kcs.h.clock.advance(15 * 60_000);
      const plan = await kcs.plan({ params: { SubnetIds: freeSubnets(world) } });
      expect(plan.actions.flatMap((a) => a.steps.map((s) => s.action))).not.toContain(
        "hsm.set-kmsuser-password",
      );
    } finally {
      await kcs.close();
    }
  });

  it("a backup taken before the store's last connect: the plan resets the password and says why", async () => {
    const world = scenarioWorld("subnet-not-found");
    const kcs = await app(world);
    try {
      const plan = await kcs.plan({ params: { SubnetIds: freeSubnets(world) } });
      expect(plan.actions.flatMap((a) => a.steps.map((s) => s.action))).toContain("hsm.set-kmsuser-password");
      expect(plan.notes?.join("\n")).toMatch(
        /resets kmsuser's password: backup-\w+ was taken .* before the store's last connect/,
      );
    } finally {
      await kcs.close();
    }
  });
});
