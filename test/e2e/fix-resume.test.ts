import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { calls } from "../helpers/call-log.js";
import { runKcs, tempDir } from "../helpers/cli.js";
import { parseDocument } from "../helpers/kcs-json.js";
import { initWorld } from "../helpers/world-file.js";

async function init(dir: string, scenario: string) {
  const state = initWorld(
    join(dir, `${scenario}-${Math.random().toString(36).slice(2, 8)}.json`),
    scenario,
    1200,
  );
  return { state, log: `${state}.calls.jsonl` };
}

describe("running kcs fix again is safe at any point", () => {
  const dir = tempDir();

  it("CloudTrail is read up to the simulator's own now, even when simulated time runs ahead of this machine's", async () => {
    const { state } = await init(dir, "pending-deletion-keys");
    expect((await runKcs(["sim", "advance", "31d", "--sim-state", state])).code).toBe(0);
    const res = await runKcs(["doctor", "-o", "json", "--sim-state", state]);
    const report = parseDocument<{ findings: { code: string }[] }>(res.stdout, "kcs-doctor-report");
    const codes = report.findings.map((f) => f.code);
    expect(codes.filter((c) => c === "ORPHANED_KEY_MATERIAL")).toHaveLength(2);
  });

  it("a saved plan that acts on a store outside its basis is refused", async () => {
    const { state, log } = await init(dir, "store-disconnected");
    const planPath = join(dir, "no-basis.json");
    expect((await runKcs(["fix", "--dry-run", "--out", planPath, "--sim-state", state])).code).toBe(2);
    const plan = parseDocument<{ basis: unknown[] }>(readFileSync(planPath, "utf8"), "kcs-plan");
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

  it("kcs fix -o json prints one kcs-fix-result on stdout, and its progress as JSON lines on stderr", async () => {
    const { state } = await init(dir, "store-disconnected");
    const res = await runKcs(["fix", "--yes", "-o", "json", "--poll-interval", "50ms", "--sim-state", state]);
    expect(res.code, res.stderr).toBe(0);
    const events = res.stderr
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l) as { kind: string; event: string; at: string });
    expect(new Set(events.map((e) => e.kind))).toEqual(new Set(["kcs-progress"]));
    expect(events.at(-1)!.event).toBe("step-done");
    const out = parseDocument<{
      schemaVersion: number;
      kind: string;
      ok: boolean;
      outcomes: { status: string }[];
      remaining: unknown[];
    }>(res.stdout, "kcs-fix-result");
    expect(out).toMatchObject({ schemaVersion: 1, kind: "kcs-fix-result", ok: true, remaining: [] });
    expect(out.outcomes.map((o) => o.status)).toEqual(["done", "done", "done"]);
  });

  it("kcs fix without a terminal logs one timestamped line per change, not one per poll", async () => {
    const { state } = await init(dir, "store-disconnected");
    const res = await runKcs(["fix", "--yes", "--poll-interval", "50ms", "--sim-state", state]);
    expect(res.code, res.stderr).toBe(0);
    // The plan comes first; then the run's log.
    const lines = res.stderr
      .trimEnd()
      .split("\n")
      .slice(
        res.stderr
          .trimEnd()
          .split("\n")
          .findIndex((l) => l.startsWith("Plan: ")) + 1,
      );
    expect(lines.length).toBeGreaterThan(5);
    for (const l of lines) expect(l).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ +\+\S+ {2}[▶·✔↷✖] /);
    const waits = lines.filter((l) => /\(at most \S+ left\)$/.test(l)).map((l) => l.replace(/^.* › /, ""));
    expect(waits.length).toBeGreaterThan(0);
    expect(new Set(waits.map((w) => w.replace(/ \(at most.*$/, ""))).size).toBe(waits.length);
  });
});
