import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { DeleteClusterCommand, DeleteHsmCommand, DescribeClustersCommand } from "@aws-sdk/client-cloudhsm-v2";
import { describe, expect, it } from "vitest";
import { openSimBackend } from "../../src/backend/sim.js";
import { runKcs, tempDir } from "../helpers/cli.js";

const FAST = { KCS_SIM_TIME_SCALE: "1200" };

interface Call {
  operation: string;
  mutating: boolean;
}

const calls = (log: string): Call[] =>
  existsSync(log)
    ? readFileSync(log, "utf8")
        .split("\n")
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Call)
    : [];

async function init(dir: string, scenario: string) {
  const state = join(dir, `${scenario}-${Math.random().toString(36).slice(2, 8)}.json`);
  expect(
    (await runKcs(["sim", "init", "--scenario", scenario, "--sim-state", state], { env: FAST })).code,
  ).toBe(0);
  return { state, log: `${state}.calls.jsonl` };
}

async function kmsuser(state: string) {
  const status = JSON.parse((await runKcs(["sim", "status", "-o", "json", "--sim-state", state])).stdout) as {
    stores: { connectionState: string; connectionErrorCode?: string | null }[];
    clusters: { kmsuser: { failedLogins: number; locked: boolean } }[];
  };
  return { store: status.stores[0]!, user: status.clusters[0]!.kmsuser };
}

/** Removes one HSM through the simulator's own API, as an operator cutting costs would. */
async function deleteOneHsm(state: string) {
  const sim = openSimBackend(state);
  const cluster = (await sim.clients.cloudhsm.send(new DescribeClustersCommand({}))).Clusters![0]!;
  await sim.clients.cloudhsm.send(
    new DeleteHsmCommand({ ClusterId: cluster.ClusterId, HsmId: cluster.Hsms![1]!.HsmId }),
  );
  await new Promise((r) => setTimeout(r, 300));
}

describe("running kcs fix again is safe at any point", () => {
  const dir = tempDir();

  it("after a rotation interrupted once the store was disconnected, the next run sets a new password instead of reconnecting with the wrong one", async () => {
    const { state, log } = await init(dir, "invalid-credentials");
    const before = await kmsuser(state);
    const first = await runKcs(
      ["fix", "--yes", "--password-stdin", "--timeout", "1ms", "--sim-state", state],
      {
        input: "Resum3Passw0rd\n",
        env: { KCS_SIM_CALL_LOG: log },
      },
    );
    expect(first.code).toBe(1);
    const again = await runKcs(
      ["fix", "--yes", "--password-stdin", "--poll-interval", "50ms", "--sim-state", state],
      {
        input: "Resum3Passw0rd\n",
        env: { KCS_SIM_CALL_LOG: log },
      },
    );
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toMatch(/rotate-kmsuser-password/);
    // One connect in all, with the new password: no failed login was added on the way.
    expect(calls(log).filter((c) => c.operation === "ConnectCustomKeyStore")).toHaveLength(1);
    const after = await kmsuser(state);
    expect(after.store.connectionState).toBe("CONNECTED");
    expect(after.user.failedLogins).toBe(0);
    expect(before.user.failedLogins).toBeGreaterThan(0);
  });

  it("add-hsms alone leaves a store FAILED with INVALID_CREDENTIALS to the password runbook: no disconnect, no connect", async () => {
    const { state, log } = await init(dir, "invalid-credentials");
    await deleteOneHsm(state);
    const before = await kmsuser(state);
    const res = await runKcs(
      ["fix", "--yes", "--finding", "INSUFFICIENT_HSMS", "--poll-interval", "50ms", "--sim-state", state],
      { env: { KCS_SIM_CALL_LOG: log } },
    );
    expect(res.code, res.stderr).toBe(0);
    expect(res.stderr).toMatch(/skipped: the store is FAILED with INVALID_CREDENTIALS/);
    const ops = calls(log).map((c) => c.operation);
    expect(ops).not.toContain("ConnectCustomKeyStore");
    expect(ops).not.toContain("DisconnectCustomKeyStore");
    const after = await kmsuser(state);
    expect(after.store).toMatchObject({
      connectionState: "FAILED",
      connectionErrorCode: "INVALID_CREDENTIALS",
    });
    expect(after.user.failedLogins).toBe(before.user.failedLogins);
    // The next run plans the password runbook, which needs a password: without one it refuses, untouched.
    const next = await runKcs(["fix", "--yes", "--sim-state", state], { env: { KCS_SIM_CALL_LOG: log } });
    expect(next.code).toBe(1);
    expect(next.stderr).toMatch(/--password-stdin/);
    expect(calls(log).filter((c) => c.operation === "ConnectCustomKeyStore")).toEqual([]);
  });

  it("orphaned material that came back with a restored cluster is deleted there on the next run", async () => {
    const { state } = await init(dir, "orphaned-key-material");
    const sim = openSimBackend(state);
    const cluster = (await sim.clients.cloudhsm.send(new DescribeClustersCommand({}))).Clusters![0]!;
    for (const h of cluster.Hsms ?? [])
      await sim.clients.cloudhsm.send(new DeleteHsmCommand({ ClusterId: cluster.ClusterId, HsmId: h.HsmId }));
    await new Promise((r) => setTimeout(r, 300));
    await sim.clients.cloudhsm.send(new DeleteClusterCommand({ ClusterId: cluster.ClusterId }));
    await new Promise((r) => setTimeout(r, 300));
    const first = await runKcs(
      ["fix", "--yes", "--password-stdin", "--poll-interval", "50ms", "--sim-state", state],
      { input: "Rest0redPassw0rd\n" },
    );
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toMatch(
      /Not in this plan: .*ORPHANED_KEY_MATERIAL left for a run after the restore/,
    );
    const between = JSON.parse((await runKcs(["doctor", "-o", "json", "--sim-state", state])).stdout) as {
      findings: { code: string }[];
    };
    expect(between.findings.map((f) => f.code)).toEqual(["ORPHANED_KEY_MATERIAL"]);
    const second = await runKcs(
      ["fix", "--yes", "--password-stdin", "--poll-interval", "50ms", "--sim-state", state],
      { input: "Rest0redPassw0rd\n" },
    );
    expect(second.code, second.stderr).toBe(0);
    expect((await runKcs(["doctor", "--sim-state", state])).code).toBe(0);
  });

  it("a FAILED store that also lost an HSM is both given its HSM back and connected again", async () => {
    const { state } = await init(dir, "internal-error");
    await deleteOneHsm(state);
    const res = await runKcs(["fix", "--yes", "--poll-interval", "50ms", "--sim-state", state]);
    expect(res.code, res.stderr).toBe(0);
    const doctor = await runKcs(["doctor", "-o", "json", "--sim-state", state]);
    expect(doctor.code, doctor.stdout).toBe(0);
    expect((await kmsuser(state)).store.connectionState).toBe("CONNECTED");
  });

  it("CloudTrail is read up to the simulator's own now, even when simulated time runs ahead of this machine's", async () => {
    const { state } = await init(dir, "pending-deletion-keys");
    expect((await runKcs(["sim", "advance", "31d", "--sim-state", state])).code).toBe(0);
    const res = await runKcs(["doctor", "-o", "json", "--sim-state", state]);
    const codes = (JSON.parse(res.stdout) as { findings: { code: string }[] }).findings.map((f) => f.code);
    expect(codes.filter((c) => c === "ORPHANED_KEY_MATERIAL")).toHaveLength(2);
  });

  it("kcs fix refuses to plan from a diagnosis with failed reads", async () => {
    const { state, log } = await init(dir, "store-disconnected");
    await runKcs(["sim", "faults", "--deny", "cloudhsmv2:DescribeClusters", "--sim-state", state]);
    const res = await runKcs(["fix", "--dry-run", "--sim-state", state], { env: { KCS_SIM_CALL_LOG: log } });
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/complete diagnosis.*DescribeClusters/);
    expect(calls(log).filter((c) => c.mutating)).toEqual([]);
  });

  it("a saved plan that acts on a store outside its basis is refused", async () => {
    const { state, log } = await init(dir, "store-disconnected");
    const planPath = join(dir, "no-basis.json");
    expect((await runKcs(["fix", "--dry-run", "--out", planPath, "--sim-state", state])).code).toBe(2);
    const plan = JSON.parse(readFileSync(planPath, "utf8")) as { basis: unknown[] };
    plan.basis = [];
    writeFileSync(planPath, JSON.stringify(plan));
    const res = await runKcs(["fix", "--plan", planPath, "--yes", "--sim-state", state], {
      env: { KCS_SIM_CALL_LOG: log },
    });
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/without a basis fingerprint/);
    expect(calls(log).filter((c) => c.mutating)).toEqual([]);
  });

  it.each([
    ["KmsUserPassword=Hunter2secret", "Hunter2secret"],
    ["Sup3rSecretPw", "Sup3rSecret"],
  ])("a mistaken --param %s is refused without echoing the value", async (param, secretPart) => {
    const { state } = await init(dir, "store-disconnected");
    const res = await runKcs(["fix", "--dry-run", "--param", param, "--sim-state", state]);
    expect(res.code).toBe(1);
    expect(res.stdout + res.stderr).not.toContain(secretPart);
  });

  it("kcs fix -o json prints one kcs-fix-result on stdout and nothing on stderr", async () => {
    const { state } = await init(dir, "store-disconnected");
    const res = await runKcs(["fix", "--yes", "-o", "json", "--poll-interval", "50ms", "--sim-state", state]);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stderr).toBe("");
    const out = JSON.parse(res.stdout) as {
      schemaVersion: number;
      kind: string;
      ok: boolean;
      outcomes: { status: string }[];
      remaining: unknown[];
    };
    expect(out).toMatchObject({ schemaVersion: 1, kind: "kcs-fix-result", ok: true, remaining: [] });
    expect(out.outcomes.map((o) => o.status)).toEqual(["done", "done", "done"]);
  });
});
