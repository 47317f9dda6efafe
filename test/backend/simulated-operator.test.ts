import { describe, expect, it } from "vitest";
import type { ManualTask } from "../../src/backend/hsm-operator.js";
import { SimulatedOperator } from "../../src/backend/simulated-operator.js";
import { Secret } from "../../src/core/secret.js";
import { findUser, KMSUSER } from "../../src/sim/cloudhsm/hsm-data.js";
import { MemoryWorldStore } from "../../src/sim/engine.js";
import { scenarioWorld } from "../helpers/sim.js";

/** A task as an action module hands it over: the simulated operator acts on its action and input. */
const task = (action: string, input: Record<string, unknown>): ManualTask => ({
  action,
  what: action,
  input,
  commands: [],
  legacyCommands: [],
});

describe("the simulated HSM operator", () => {
  it("a refused login still counts toward kmsuser's lockout", async () => {
    const store = new MemoryWorldStore(scenarioWorld("store-disconnected"));
    const ClusterId = store.world.clusters[0]!.ClusterId;
    const op = new SimulatedOperator(store);
    const remove = task("hsm.delete-key-material", {
      ClusterId,
      Label: "arn:aws:kms:eu-west-1:111122223333:key/none",
      BackingKeyId: "x",
    });
    await expect(op.perform(remove, new Secret("WrongPassw0rd"))).rejects.toThrow(/incorrect password/);
    expect(findUser(store.world.clusters[0]!.hsm, KMSUSER)!.failedLogins).toBe(1);
  });

  it("refuses to delete key material whose backing key id differs from CloudTrail's", async () => {
    const store = new MemoryWorldStore(scenarioWorld("orphaned-key-material"));
    const cluster = store.world.clusters[0]!;
    const op = new SimulatedOperator(store);
    // As after DisconnectCustomKeyStore: KMS no longer holds kmsuser's session.
    delete findUser(cluster.hsm, KMSUSER)!.loggedInBy;
    const password = new Secret("Operat0rPass");
    await op.perform(task("hsm.set-kmsuser-password", { ClusterId: cluster.ClusterId }), password);
    const orphan = cluster.hsm.keys.find((k) => !store.world.keys.some((key) => key.Arn === k.label))!;
    const remove = task("hsm.delete-key-material", {
      ClusterId: cluster.ClusterId,
      Label: orphan.label,
      BackingKeyId: "not-the-one",
    });
    await expect(op.perform(remove, password)).rejects.toThrow(/refusing to delete/);
    expect(cluster.hsm.keys.some((k) => k.label === orphan.label)).toBe(true);
    expect(findUser(cluster.hsm, KMSUSER)!.loggedInBy).toBeUndefined();
  });

  it("knows how to do every manual action a runbook may name", async () => {
    const { ACTIONS } = await import("../../src/remediate/actions/index.js");
    const manual = Object.entries(ACTIONS)
      .filter(([, a]) => a.kind === "manual")
      .map(([id]) => id);
    const op = new SimulatedOperator(new MemoryWorldStore(scenarioWorld("healthy")));
    for (const id of manual) {
      // An unknown action is refused by name; a known one fails (if at all) on its empty input instead.
      const outcome = await op.perform(task(id, {}), new Secret("Whatever1")).then(
        () => "done",
        (err: Error) => err.message,
      );
      expect(outcome, id).not.toMatch(/does not know how/);
    }
    await expect(op.perform(task("hsm.dance", {}))).rejects.toThrow(/does not know how to hsm.dance/);
  });
});
