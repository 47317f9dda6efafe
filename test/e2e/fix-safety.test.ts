import { spawn } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { ConnectCustomKeyStoreCommand } from "@aws-sdk/client-kms";
import { describe, expect, it } from "vitest";
import { openSimBackend } from "../../src/backend/sim.js";
import { calls, madeNoCall, mutations } from "../helpers/call-log.js";
import { cleanEnv, KCS, runKcs, tempDir } from "../helpers/cli.js";
import { parseDocument } from "../helpers/kcs-json.js";
import { initWorld } from "../helpers/world-file.js";

/** A fresh world file of the scenario; simulated time runs 1200x unless a test needs real waits. */
async function init(dir: string, scenario: string, scale: number | undefined = 1200) {
  const state = initWorld(
    join(dir, `${scenario}-${Math.random().toString(36).slice(2, 8)}.json`),
    scenario,
    scale,
  );
  return { state, log: `${state}.calls.jsonl` };
}

describe("kcs fix is safe with the data", () => {
  const dir = tempDir();

  // Every scenario's plan is proven read-only in process (test/app/fix-safety.test.ts); this proves the flag.
  it("--dry-run makes no mutating call and exits 2 with a plan", async () => {
    const { state, log } = await init(dir, "store-disconnected");
    const res = await runKcs(["fix", "--dry-run", "--sim-state", state], { env: { KCS_SIM_CALL_LOG: log } });
    expect(res.code, res.stderr).toBe(2);
    expect(res.stdout).toMatch(/^Plan: 1 action/m);
    expect(calls(log).length).toBeGreaterThan(0);
    expect(mutations(log)).toEqual([]);
  });

  it("without a terminal and without --yes it refuses, exits 1 and changes nothing", async () => {
    const { state, log } = await init(dir, "store-disconnected");
    const res = await runKcs(["fix", "--sim-state", state], { env: { KCS_SIM_CALL_LOG: log } });
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/--yes/);
    expect(res.stderr.trim().split("\n")).toHaveLength(1);
    expect(mutations(log)).toEqual([]);
  });

  it("a second kcs fix on the same account and Region is refused before any change, naming the first", async () => {
    const { state, log } = await init(dir, "store-disconnected");
    // A live process holds the run lock (kcs writes it beside the ledger), as a running kcs fix would.
    const holder = spawn(process.execPath, ["-e", "setTimeout(() => {}, 60000)"], { stdio: "ignore" });
    try {
      writeFileSync(
        `${state}.ledger.json.lock`,
        JSON.stringify({
          pid: holder.pid,
          host: hostname(),
          startedAt: "2026-11-30T10:00:00.000Z",
          command: "kcs fix",
        }),
      );
      const res = await runKcs(["fix", "--yes", "--sim-state", state], { env: { KCS_SIM_CALL_LOG: log } });
      expect(res.code).toBe(1);
      expect(res.stderr).toMatch(new RegExp(`Another kcs \\(kcs fix, pid ${holder.pid} on ${hostname()}`));
      expect(mutations(log)).toEqual([]);
    } finally {
      holder.kill("SIGKILL");
    }
  });

  it("one new kmsuser password is not set on several stores' clusters unless asked (--same-password)", async () => {
    const { state, log } = await init(dir, "fleet");
    const res = await runKcs(
      ["fix", "--yes", "--include-warnings", "--password-stdin", "--sim-state", state],
      {
        input: "Sh4redPassw0rd\n",
        env: { KCS_SIM_CALL_LOG: log },
      },
    );
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(
      /would set one new kmsuser password on \d+ stores' clusters .*--same-password/,
    );
    expect(mutations(log)).toEqual([]);
  });

  it.each([
    ["too short", "abc12"],
    ["a symbol", "Passw0rd!"],
    ["too long", "A".repeat(33)],
  ])("a malformed password (%s) is refused before any change and never echoed", async (_why, bad) => {
    const { state, log } = await init(dir, "invalid-credentials");
    const res = await runKcs(["fix", "--yes", "--password-stdin", "--sim-state", state], {
      input: `${bad}\n`,
      env: { KCS_SIM_CALL_LOG: log },
    });
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/7 to 32 ASCII letters and digits/);
    expect(res.stdout + res.stderr).not.toContain(bad);
    expect(mutations(log)).toEqual([]);
  });

  it("a saved plan applies when the world has not changed", async () => {
    const { state } = await init(dir, "store-disconnected");
    const plan = join(dir, "fresh-plan.json");
    const dry = await runKcs(["fix", "--dry-run", "--out", plan, "-o", "json", "--sim-state", state]);
    expect(dry.code).toBe(2);
    // What --out wrote is what -o json printed, and both are a kcs-plan by the published schema.
    expect(parseDocument(readFileSync(plan, "utf8"), "kcs-plan")).toEqual(
      parseDocument(dry.stdout, "kcs-plan"),
    );
    const res = await runKcs([
      "fix",
      "--plan",
      plan,
      "--yes",
      "--poll-interval",
      "50ms",
      "--sim-state",
      state,
    ]);
    expect(res.code, res.stderr).toBe(0);
    expect((await runKcs(["doctor", "--sim-state", state])).code).toBe(0);
  });

  it("a stale saved plan is refused with exit 1 and nothing changed", async () => {
    const { state, log } = await init(dir, "store-disconnected");
    const plan = join(dir, "stale-plan.json");
    expect((await runKcs(["fix", "--dry-run", "--out", plan, "--sim-state", state])).code).toBe(2);
    // Someone else connects the store after the plan was reviewed.
    const sim = openSimBackend(state);
    const storeId = sim.store.read((w) => w.stores[0]!.CustomKeyStoreId);
    await sim.clients.kms.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId: storeId }));
    const res = await runKcs(["fix", "--plan", plan, "--yes", "--sim-state", state], {
      env: { KCS_SIM_CALL_LOG: log },
    });
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/stale/);
    expect(mutations(log)).toEqual([]);
  });

  it.each([
    ["not JSON", "{oops", /not a kcs plan/],
    ["another schemaVersion", JSON.stringify({ schemaVersion: 99, kind: "kcs-plan" }), /schemaVersion 99/],
    ["not a plan", JSON.stringify({ schemaVersion: 1, kind: "kcs-doctor-report" }), /not a valid kcs plan/],
  ])("a plan file that is %s is refused in one line", async (_what, text, message) => {
    const { state, log } = await init(dir, "store-disconnected");
    const plan = join(dir, `bad-${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(plan, text);
    const res = await runKcs(["fix", "--plan", plan, "--yes", "--sim-state", state], {
      env: { KCS_SIM_CALL_LOG: log },
    });
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(message);
    expect(res.stderr.trim().split("\n")).toHaveLength(1);
    // Refused while reading the file: before the first AWS call.
    expect(madeNoCall(log)).toBe(true);
  });

  it("a fix killed during its wait, run again, completes (and reuses the cluster it restored; the lock it left is taken over)", async () => {
    // Default time scale: the restore takes a few real seconds, so there is a wait to interrupt.
    const { state, log } = await init(dir, "cluster-not-found", undefined);
    const child = spawn(
      process.execPath,
      [KCS, "fix", "--yes", "--password-stdin", "--poll-interval", "50ms", "--sim-state", state],
      {
        env: cleanEnv({ KCS_SIM_CALL_LOG: log }),
        stdio: ["pipe", "ignore", "pipe"],
      },
    );
    child.stdin.end("Interrupt3dRun\n");
    let err = "";
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    await new Promise<void>((resolvePromise) => {
      const timer = setInterval(() => {
        if (/: CREATE_IN_PROGRESS \(at most /.test(err)) {
          clearInterval(timer);
          resolvePromise();
        }
      }, 20);
    });
    child.kill("SIGKILL");
    await new Promise((r) => child.once("close", r));
    expect(calls(log).filter((c) => c.operation === "CreateCluster")).toHaveLength(1);
    const again = await runKcs(
      ["fix", "--yes", "--password-stdin", "--poll-interval", "50ms", "--sim-state", state],
      {
        input: "Interrupt3dRun\n",
        env: { KCS_SIM_CALL_LOG: log },
      },
    );
    expect(again.code, again.stderr).toBe(0);
    expect(calls(log).filter((c) => c.operation === "CreateCluster")).toHaveLength(1);
    expect((await runKcs(["doctor", "--sim-state", state])).code).toBe(0);
  }, 60_000);

  it("no password appears in any output, plan file, call log, ledger or world file", async () => {
    const canary = "Canary7x9Q2zz";
    const { state, log } = await init(dir, "orphaned-key-material");
    const plan = join(dir, "canary-plan.json");
    const dry = await runKcs(
      [
        "fix",
        "--include-warnings",
        "--dry-run",
        "--out",
        plan,
        "-o",
        "json",
        "--password-stdin",
        "--sim-state",
        state,
      ],
      { input: `${canary}\n` },
    );
    const fix = await runKcs(
      [
        "fix",
        "--include-warnings",
        "--yes",
        "--password-stdin",
        "--poll-interval",
        "50ms",
        "-o",
        "json",
        "--sim-state",
        state,
      ],
      {
        input: `${canary}\n`,
        env: { KCS_SIM_CALL_LOG: log },
      },
    );
    expect(fix.code, fix.stderr).toBe(0);
    const text = await runKcs(
      ["fix", "--yes", "--password-stdin", "--poll-interval", "50ms", "--sim-state", state],
      { input: `${canary}\n` },
    );
    const files = readdirSync(dir)
      .filter((f) => f.startsWith(state.split("/").pop()!.replace(".json", "")) || f === "canary-plan.json")
      .map((f) => readFileSync(join(dir, f), "utf8"));
    for (const out of [dry.stdout, dry.stderr, fix.stdout, fix.stderr, text.stdout, text.stderr, ...files]) {
      expect(out).not.toContain(canary);
    }
    expect(readFileSync(plan, "utf8")).toContain("********");
  });
});
