import { DescribeClustersCommand } from "@aws-sdk/client-cloudhsm-v2";
import { LookupEventsCommand } from "@aws-sdk/client-cloudtrail";
import { DescribeCustomKeyStoresCommand } from "@aws-sdk/client-kms";
import { afterEach, describe, expect, it } from "vitest";
import { UsageError } from "../../src/core/errors.js";
import { MINUTE, SECOND } from "../../src/sim/clock.js";
import { KMSUSER } from "../../src/sim/cloudhsm/hsm-data.js";
import { changePassword } from "../../src/sim/cloudhsm/operator.js";
import { act, CONSOLE_CALLER } from "../../src/sim/console-actions.js";
import { AwsError } from "../../src/sim/errors.js";
import { findScenario } from "../../src/sim/scenarios/catalog.js";
import type { World } from "../../src/sim/world.js";
import { type Harness, harness, T0 } from "../helpers/sim.js";

/**
 * `kcs sim act` is a person in the console: each action is the simulator's own operation, so AWS's
 * preconditions hold, and CloudTrail names the person, not kcs.
 */
let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function healthy(): Promise<Harness> {
  h = await harness(findScenario("healthy")!.build(T0));
  return h;
}

const STORE = "payments-cks";
const storeOf = (w: World) => w.stores.find((s) => s.CustomKeyStoreName === STORE)!;
const clusterOf = (w: World) => w.clusters.find((c) => c.ClusterId === storeOf(w).CloudHsmClusterId)!;
const kmsuserOf = (w: World) => clusterOf(w).hsm.users.find((u) => u.username === KMSUSER)!;
const eventsNamed = (w: World, name: string) => w.events.filter((e) => e.EventName === name);

/** Moves simulated time on and applies what fell due, as the next call would. */
function pass(x: Harness, ms: number) {
  x.clock.advance(ms);
  x.sim.settle();
}

async function refused(p: Promise<unknown>): Promise<AwsError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AwsError);
  return err as AwsError;
}

describe("kcs sim act: the console user's calls on the simulated world", () => {
  it("disconnect (by name) takes the store offline as KMS would: DISCONNECTING, then DISCONNECTED, kmsuser logged out", async () => {
    const x = await healthy();
    expect(kmsuserOf(x.world()).loggedInBy).toBe("kms");
    const done = await act(x.sim, { action: "disconnect", store: STORE });
    expect(done).toMatchObject({
      action: "disconnect",
      principal: "alice",
      call: "kms:DisconnectCustomKeyStore",
      target: { kind: "store", customKeyStoreName: STORE },
      state: "DISCONNECTING",
    });
    expect(done.settlesAt).toBeGreaterThan(x.clock.now());
    pass(x, 30 * SECOND);
    const [store] =
      (await x.clients.kms.send(new DescribeCustomKeyStoresCommand({ CustomKeyStoreName: STORE })))
        .CustomKeyStores ?? [];
    expect(store?.ConnectionState).toBe("DISCONNECTED");
    expect(kmsuserOf(x.world()).loggedInBy).toBeUndefined();
  });

  it("names a store by its id as well, and CloudTrail shows the call as alice's from the console, never kcs's", async () => {
    const x = await healthy();
    const id = storeOf(x.world()).CustomKeyStoreId;
    await act(x.sim, { action: "disconnect", store: id });
    const [event] = eventsNamed(x.world(), "DisconnectCustomKeyStore");
    expect(event?.Username).toBe("alice");
    expect(event?.record).toMatchObject({
      userIdentity: { userName: "alice", accessKeyId: CONSOLE_CALLER.accessKeyId },
      userAgent: "AWS Internal",
      requestParameters: { customKeyStoreId: id },
    });
    // What kcs reads through LookupEvents, once CloudTrail has delivered it.
    pass(x, 10 * MINUTE);
    const found = await x.clients.cloudtrail.send(
      new LookupEventsCommand({
        LookupAttributes: [{ AttributeKey: "EventName", AttributeValue: "DisconnectCustomKeyStore" }],
      }),
    );
    expect(found.Events?.map((e) => e.Username)).toEqual(["alice"]);
  });

  it("refuses a store, HSM or cluster that does not exist before any call, and changes nothing", async () => {
    const x = await healthy();
    const before = structuredClone(x.world());
    const calls = x.sim.calls.length;
    for (const req of [
      { action: "disconnect", store: "no-such-store" },
      { action: "connect", store: "cks-00000000000000000" },
      { action: "set-kmsuser-password", store: "nope", password: "Passw0rd1" },
      { action: "delete-hsm", hsm: "hsm-nosuchhsm00" },
      { action: "delete-cluster", cluster: "cluster-nosuchclust" },
    ] as const) {
      await expect(act(x.sim, req)).rejects.toThrow(UsageError);
    }
    await expect(act(x.sim, { action: "disconnect", store: "nope" })).rejects.toThrow(
      /No custom key store has the id or name 'nope'; the world has payments-cks \(cks-/,
    );
    expect(x.sim.calls.length).toBe(calls);
    expect(x.world()).toEqual(before);
  });

  it("keeps AWS's preconditions: the password changes only while DISCONNECTED, a FAILED store only disconnects", async () => {
    const x = await healthy();
    const err = await refused(
      act(x.sim, { action: "set-kmsuser-password", store: STORE, password: "Passw0rd123" }),
    );
    expect(err.code).toBe("CustomKeyStoreInvalidStateException");
    expect(storeOf(x.world()).ConnectionState).toBe("CONNECTED");
    // The refusal is in CloudTrail with its errorCode, under alice's name, and without the password.
    const [failed] = eventsNamed(x.world(), "UpdateCustomKeyStore").filter((e) => e.Username === "alice");
    expect(failed?.record.errorCode).toBe("CustomKeyStoreInvalidStateException");
    expect(JSON.stringify(x.world().events)).not.toContain("Passw0rd123");
    // Connecting a connected store is accepted and changes nothing, as on AWS.
    expect((await act(x.sim, { action: "connect", store: STORE })).state).toBe("CONNECTED");
    // Disconnecting twice is refused.
    await act(x.sim, { action: "disconnect", store: STORE });
    expect((await refused(act(x.sim, { action: "disconnect", store: STORE }))).code).toBe(
      "CustomKeyStoreInvalidStateException",
    );
  });

  it("the practice drill: disconnect, reset kmsuser on the HSM, tell KMS the password, connect: CONNECTED", async () => {
    const x = await healthy();
    await act(x.sim, { action: "disconnect", store: STORE });
    pass(x, 30 * SECOND);
    changePassword(x.world(), clusterOf(x.world()).ClusterId, KMSUSER, "Practis3d");
    const set = await act(x.sim, { action: "set-kmsuser-password", store: STORE, password: "Practis3d" });
    expect(set).toMatchObject({ call: "kms:UpdateCustomKeyStore", state: "DISCONNECTED" });
    expect(set.settlesAt).toBeUndefined();
    expect(JSON.stringify(x.world())).not.toContain("Practis3d");
    expect((await act(x.sim, { action: "connect", store: STORE })).state).toBe("CONNECTING");
    pass(x, 5 * MINUTE);
    expect(storeOf(x.world()).ConnectionState).toBe("CONNECTED");
    expect(kmsuserOf(x.world()).loggedInBy).toBe("kms");
  });

  it("a connect after the HSM password changed without telling KMS ends FAILED with INVALID_CREDENTIALS", async () => {
    const x = await healthy();
    await act(x.sim, { action: "disconnect", store: STORE });
    pass(x, 30 * SECOND);
    changePassword(x.world(), clusterOf(x.world()).ClusterId, KMSUSER, "Practis3d");
    await act(x.sim, { action: "connect", store: STORE });
    pass(x, 5 * MINUTE);
    expect(storeOf(x.world())).toMatchObject({
      ConnectionState: "FAILED",
      ConnectionErrorCode: "INVALID_CREDENTIALS",
    });
  });

  it("delete-hsm finds the HSM's cluster; delete-cluster is refused while HSMs remain, then deletes it", async () => {
    const x = await healthy();
    const cluster = clusterOf(x.world());
    const [first, second] = cluster.Hsms.map((hsm) => hsm.HsmId);
    expect((await refused(act(x.sim, { action: "delete-cluster", cluster: cluster.ClusterId }))).code).toBe(
      "CloudHsmInvalidRequestException",
    );
    const gone = await act(x.sim, { action: "delete-hsm", hsm: first! });
    expect(gone).toMatchObject({
      call: "cloudhsm:DeleteHsm",
      target: { kind: "hsm", hsmId: first, clusterId: cluster.ClusterId },
      state: "DELETE_IN_PROGRESS",
    });
    await act(x.sim, { action: "delete-hsm", hsm: second! });
    pass(x, 5 * MINUTE);
    const removed = await act(x.sim, { action: "delete-cluster", cluster: cluster.ClusterId });
    expect(removed).toMatchObject({ call: "cloudhsm:DeleteCluster", state: "DELETE_IN_PROGRESS" });
    pass(x, 5 * MINUTE);
    const [seen] =
      (
        await x.clients.cloudhsm.send(
          new DescribeClustersCommand({ Filters: { clusterIds: [cluster.ClusterId] } }),
        )
      ).Clusters ?? [];
    expect(seen?.State).toBe("DELETED");
    expect(eventsNamed(x.world(), "DeleteHsm").every((e) => e.Username === "alice")).toBe(true);
  });

  it("the world's faults are kcs's network and permissions: they neither touch the console's call nor get used up by it", async () => {
    const x = await healthy();
    x.world().faults.accessDenied = ["kms:DisconnectCustomKeyStore"];
    x.world().faults.transientErrorRate = 1;
    x.sim.inject({
      service: "kms",
      operation: "ConnectCustomKeyStore",
      error: { code: "KMSInternalException" },
    });
    await act(x.sim, { action: "disconnect", store: STORE });
    pass(x, 30 * SECOND);
    await act(x.sim, { action: "connect", store: STORE });
    // The injected fault still waits for kcs's own next connect.
    x.world().faults.transientErrorRate = 0;
    pass(x, 5 * MINUTE);
    await act(x.sim, { action: "disconnect", store: STORE });
    pass(x, 30 * SECOND);
    await expect(
      x.sim.call("kms", "ConnectCustomKeyStore", { CustomKeyStoreId: storeOf(x.world()).CustomKeyStoreId }),
    ).rejects.toMatchObject({ code: "KMSInternalException" });
  });
});
