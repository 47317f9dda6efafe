import { DeleteClusterCommand, DeleteHsmCommand, DescribeClustersCommand } from "@aws-sdk/client-cloudhsm-v2";
import { ConnectCustomKeyStoreCommand, DisconnectCustomKeyStoreCommand } from "@aws-sdk/client-kms";
import { describe, expect, it } from "vitest";
import { ManualOperator } from "../../src/backend/manual-operator.js";
import { UsageError } from "../../src/core/errors.js";
import { Secret } from "../../src/core/secret.js";
import { findUser, KMSUSER } from "../../src/sim/cloudhsm/hsm-data.js";
import { type App, codesOf, withApp } from "../helpers/app.js";

const mutations = (kcs: App) => kcs.h.sim.calls.filter((c) => c.mutating).map((c) => c.operation);
const connects = (kcs: App) => kcs.h.sim.calls.filter((c) => c.operation === "ConnectCustomKeyStore").length;
const kmsuserOf = (kcs: App) => findUser(kcs.h.world().clusters[0]!.hsm, KMSUSER)!;
const storeOf = (kcs: App) => kcs.h.world().stores[0]!;

/** Deletes HSMs through the simulator's own API, as an operator cutting costs would, and lets the deletions finish. */
async function deleteHsms(kcs: App, count: number) {
  const cluster = (await kcs.h.clients.cloudhsm.send(new DescribeClustersCommand({}))).Clusters![0]!;
  for (const h of (cluster.Hsms ?? []).slice(0, count))
    await kcs.h.clients.cloudhsm.send(new DeleteHsmCommand({ ClusterId: cluster.ClusterId, HsmId: h.HsmId }));
  kcs.h.clock.advance(10 * 60_000);
  return cluster.ClusterId!;
}

// Every fixable scenario's plan is checked to mutate nothing in fix-every-scenario.ts; here, the world with nothing to fix.
describe("planning (kcs fix --dry-run) makes no mutating call", () => {
  it.each(["in-process", "http"] as const)(
    "a healthy world plans nothing and changes nothing (%s)",
    (transport) =>
      withApp("healthy", transport, async (kcs) => {
        const plan = await kcs.plan({ params: { SubnetIds: "subnet-0a,subnet-0b" } });
        expect(plan.actions).toEqual([]);
        expect(kcs.h.sim.calls.length).toBeGreaterThan(0);
        expect(mutations(kcs)).toEqual([]);
      }),
  );
});

describe("kcs fix is safe with the data", () => {
  it("rotate-kmsuser-password calls Disconnect, then UpdateCustomKeyStore, then Connect, and nothing else that mutates", () =>
    withApp("invalid-credentials", "in-process", async (kcs) => {
      const { result } = await kcs.fix(await kcs.plan());
      expect(result.ok).toBe(true);
      expect(mutations(kcs)).toEqual([
        "DisconnectCustomKeyStore",
        "UpdateCustomKeyStore",
        "ConnectCustomKeyStore",
      ]);
    }));

  it("a manual step confirmed but not done: one connect with the wrong password, then it stops, and kmsuser stays unlocked", () =>
    withApp("invalid-credentials", "http", async (kcs) => {
      const saidYes = new ManualOperator(async () => undefined);
      const { result, problem } = await kcs.fix(await kcs.plan(), {
        operator: saidYes,
        password: new Secret("NotTheRightOne1"),
      });
      expect(result.ok).toBe(false);
      expect(problem).toMatch(/failed: the connect ended FAILED with INVALID_CREDENTIALS/);
      expect(problem).toMatch(/run kcs fix again/i);
      expect(connects(kcs)).toBe(1);
      expect(kmsuserOf(kcs).locked).toBeFalsy();
    }));

  it("refuses to plan from a diagnosis with failed reads, before any change", () =>
    withApp("store-disconnected", "in-process", async (kcs) => {
      kcs.h.world().faults.accessDenied.push("cloudhsmv2:DescribeClusters");
      await expect(kcs.plan()).rejects.toThrow(UsageError);
      await expect(kcs.plan()).rejects.toThrow(/complete diagnosis.*DescribeClusters/);
      expect(mutations(kcs)).toEqual([]);
    }));
});

describe("running kcs fix again is safe at any point", () => {
  it("after a rotation interrupted once the store was disconnected, the next run sets a new password instead of reconnecting with the wrong one", () =>
    withApp("invalid-credentials", "in-process", async (kcs) => {
      const failedBefore = kmsuserOf(kcs).failedLogins;
      expect(failedBefore).toBeGreaterThan(0);
      const first = await kcs.fix(await kcs.plan(), { timeoutMs: 1 });
      expect(first.result.ok).toBe(false);
      expect(connects(kcs)).toBe(0);
      kcs.h.clock.advance(60_000); // the operator runs kcs fix again a minute later
      const again = await kcs.plan();
      expect(again.actions.map((a) => a.runbook)).toEqual(["rotate-kmsuser-password"]);
      const second = await kcs.fix(again);
      expect(second.problem).toBeUndefined();
      // One connect in all, with the new password: no failed login was added on the way.
      expect(connects(kcs)).toBe(1);
      expect(storeOf(kcs).ConnectionState).toBe("CONNECTED");
      expect(kmsuserOf(kcs).failedLogins).toBe(0);
    }));

  it("add-hsms alone leaves a store FAILED with INVALID_CREDENTIALS to the password runbook: no disconnect, no connect", () =>
    withApp("invalid-credentials", "in-process", async (kcs) => {
      await deleteHsms(kcs, 1);
      const failedBefore = kmsuserOf(kcs).failedLogins;
      const plan = await kcs.plan({ findings: ["INSUFFICIENT_HSMS"] });
      const { result } = await kcs.fix(plan, { password: undefined });
      expect(result.ok).toBe(true);
      expect(result.outcomes.map((o) => o.detail)).toContain(
        "skipped: the store is FAILED with INVALID_CREDENTIALS; rotate-kmsuser-password reconnects it",
      );
      expect(mutations(kcs)).not.toContain("ConnectCustomKeyStore");
      expect(mutations(kcs)).not.toContain("DisconnectCustomKeyStore");
      expect(storeOf(kcs)).toMatchObject({
        ConnectionState: "FAILED",
        ConnectionErrorCode: "INVALID_CREDENTIALS",
      });
      expect(kmsuserOf(kcs).failedLogins).toBe(failedBefore);
      // The next plan is the password runbook: it needs a password, so without one the CLI refuses untouched.
      const next = await kcs.plan();
      expect(next.actions.map((a) => a.runbook)).toEqual(["rotate-kmsuser-password"]);
      expect(next.actions[0]!.parameters.map((p) => p.name)).toContain("KmsUserPassword");
    }));

  it("orphaned material that came back with a restored cluster is deleted there on the next run", () =>
    withApp("orphaned-key-material", "in-process", async (kcs) => {
      const clusterId = await deleteHsms(kcs, 2);
      await kcs.h.clients.cloudhsm.send(new DeleteClusterCommand({ ClusterId: clusterId }));
      kcs.h.clock.advance(10 * 60_000);
      const first = await kcs.plan({ includeWarnings: true });
      expect(first.notes?.join("\n")).toMatch(/ORPHANED_KEY_MATERIAL left for a run after the restore/);
      expect((await kcs.fix(first)).problem).toBeUndefined();
      expect(codesOf(await kcs.observe())).toEqual(["ORPHANED_KEY_MATERIAL"]);
      expect((await kcs.fix(await kcs.plan({ includeWarnings: true }))).problem).toBeUndefined();
      expect(codesOf(await kcs.observe())).toEqual([]);
    }));

  it.each(["in-process", "http"] as const)(
    "a DISCONNECTED store whose cluster lost every HSM (connect would fail at once) gets its HSMs, then connects (%s)",
    (transport) =>
      withApp("store-disconnected", transport, async (kcs) => {
        await deleteHsms(kcs, 2);
        expect(codesOf(await kcs.observe())).toEqual(["NO_ACTIVE_HSMS", "STORE_DISCONNECTED"]);
        const { problem } = await kcs.fix(await kcs.plan());
        expect(problem).toBeUndefined();
        expect(codesOf(await kcs.observe())).toEqual([]);
        expect(storeOf(kcs).ConnectionState).toBe("CONNECTED");
      }),
  );

  it("a FAILED store that also lost an HSM is both given its HSM back and connected again", () =>
    withApp("internal-error", "in-process", async (kcs) => {
      await deleteHsms(kcs, 1);
      const { problem } = await kcs.fix(await kcs.plan({ includeWarnings: true }));
      expect(problem).toBeUndefined();
      expect(codesOf(await kcs.observe())).toEqual([]);
      expect(storeOf(kcs).ConnectionState).toBe("CONNECTED");
    }));
});

describe("kcs never disconnects a connect it did not start (contract: kcs fix rule 10)", () => {
  it("a store someone else set CONNECTING after the plan was made is left alone, and the run stops saying so", () =>
    withApp("internal-error", "in-process", async (kcs) => {
      const plan = await kcs.plan();
      const id = storeOf(kcs).CustomKeyStoreId;
      // Meanwhile, at the console: disconnect, then connect again.
      await kcs.h.clients.kms.send(new DisconnectCustomKeyStoreCommand({ CustomKeyStoreId: id }));
      kcs.h.clock.advance(60_000);
      await kcs.h.clients.kms.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId: id }));
      const { problem } = await kcs.fix(plan);
      expect(problem).toMatch(/someone else started a connect.*never disconnects a connect it did not start/);
      expect(kcs.h.sim.calls.filter((c) => c.operation === "DisconnectCustomKeyStore")).toHaveLength(1);
      expect(storeOf(kcs).ConnectionState).toBe("CONNECTING");
    }));
});
