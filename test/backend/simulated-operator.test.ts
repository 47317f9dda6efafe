import { describe, expect, it } from "vitest";
import { SimulatedOperator } from "../../src/backend/simulated-operator.js";
import { Secret } from "../../src/core/secret.js";
import { findUser, KMSUSER } from "../../src/sim/cloudhsm/hsm-data.js";
import { MemoryWorldStore } from "../../src/sim/engine.js";
import { scenarioWorld } from "../helpers/sim.js";

/** The simulated operator acts on the world; the task (what a person would read) does not steer it. */
const TASK = { action: "test", what: "", input: {}, commands: [], legacyCommands: [] };

describe("the simulated HSM operator", () => {
  it("a refused login still counts toward kmsuser's lockout", async () => {
    const store = new MemoryWorldStore(scenarioWorld("store-disconnected"));
    const clusterId = store.world.clusters[0]!.ClusterId;
    const op = new SimulatedOperator(store);
    const target = { label: "arn:aws:kms:eu-west-1:111122223333:key/none", backingKeyId: "x" };
    await expect(op.deleteKeyMaterial(TASK, clusterId, target, new Secret("WrongPassw0rd"))).rejects.toThrow(
      /incorrect password/,
    );
    expect(findUser(store.world.clusters[0]!.hsm, KMSUSER)!.failedLogins).toBe(1);
  });

  it("refuses to delete key material whose backing key id differs from CloudTrail's", async () => {
    const store = new MemoryWorldStore(scenarioWorld("orphaned-key-material"));
    const cluster = store.world.clusters[0]!;
    const op = new SimulatedOperator(store);
    // As after DisconnectCustomKeyStore: KMS no longer holds kmsuser's session.
    delete findUser(cluster.hsm, KMSUSER)!.loggedInBy;
    await op.setKmsuserPassword(TASK, cluster.ClusterId, new Secret("Operat0rPass"));
    const orphan = cluster.hsm.keys.find((k) => !store.world.keys.some((key) => key.Arn === k.label))!;
    await expect(
      op.deleteKeyMaterial(
        TASK,
        cluster.ClusterId,
        { label: orphan.label, backingKeyId: "not-the-one" },
        new Secret("Operat0rPass"),
      ),
    ).rejects.toThrow(/refusing to delete/);
    expect(cluster.hsm.keys.some((k) => k.label === orphan.label)).toBe(true);
    expect(findUser(cluster.hsm, KMSUSER)!.loggedInBy).toBeUndefined();
  });
});
