import { execFileSync } from "node:child_process";
import { readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { UsageError } from "../../src/core/errors.js";
import { diagnose } from "../../src/diagnose/diagnose.js";
import type { Plan } from "../../src/remediate/plan.js";
import { PLAN_LIMITS, readPlanFile, writePlanFile } from "../../src/remediate/plan-file.js";
import { buildPlan } from "../../src/remediate/planner.js";
import { loadRunbooks } from "../../src/remediate/runbooks.js";
import { CLUSTER_ID, cluster, hsm, key, snapshot, storeIn } from "../diagnose/fixtures.js";
import { tempDir } from "../helpers/cli.js";

const SNAP = snapshot({
  stores: [storeIn("FAILED", "INVALID_CREDENTIALS")],
  clusters: { [CLUSTER_ID]: cluster([hsm("eu-west-1a"), hsm("eu-west-1b")]) },
  keys: [key("Unavailable")],
});
const PLAN: Plan = buildPlan({
  snapshot: SNAP,
  findings: diagnose(SNAP),
  runbooks: loadRunbooks(),
  params: {},
  passwordSource: "stdin",
  createdAt: "2026-11-28T12:30:00.000Z",
});

function saved(edit: (p: Plan) => void = () => undefined): string {
  const plan = structuredClone(PLAN);
  edit(plan);
  const path = join(tempDir("kcs-plan-"), "plan.json");
  writeFileSync(path, JSON.stringify(plan));
  return path;
}

describe("saved plans are checked whole before anything runs (issue 9)", () => {
  it("a plan kcs wrote reads back as it was", () => {
    expect(readPlanFile(saved())).toEqual(PLAN);
  });

  it.each([
    [
      "a step whose kind is not its action's",
      (p: Plan) => (p.actions[0]!.steps[0]!.kind = "wait"),
      /kind or mutating differ/,
    ],
    [
      "a mutating step marked read-only",
      (p: Plan) => (p.actions[0]!.steps[0]!.mutating = false),
      /kind or mutating differ/,
    ],
    [
      "a step input its action does not take",
      (p: Plan) => (p.actions[0]!.steps[0]!.input = { CustomKeyStoreId: "" }),
      /input CustomKeyStoreId/,
    ],
    [
      "a timeout that is not a duration",
      (p: Plan) => (p.actions[0]!.steps[1]!.timeout = "forever"),
      /timeout is not a duration/,
    ],
    ["a timeout of zero", (p: Plan) => (p.actions[0]!.steps[1]!.timeout = "0s"), /timeout is not a duration/],
    [
      "an unknown parameter",
      (p: Plan) => p.actions[0]!.parameters.push({ name: "Evil", value: "x", source: "--param" }),
      /"Evil" is not a parameter/,
    ],
    [
      "an unknown action",
      (p: Plan) => ((p.actions[0]!.steps[0] as { action: string }).action = "shell.run"),
      /not a valid kcs plan/,
    ],
    [
      "more actions than any plan has",
      (p: Plan) => (p.actions = Array.from({ length: PLAN_LIMITS.actions + 1 }, () => p.actions[0]!)),
      /actions \(at most|larger than a kcs plan can be/,
    ],
  ])("%s is refused in one line, naming where", (_what, edit, message) => {
    const path = saved(edit as (p: Plan) => void);
    expect(() => readPlanFile(path)).toThrow(UsageError);
    expect(() => readPlanFile(path)).toThrow(message);
  });

  it.each([
    ["/dev/zero", /not a regular file/],
    ["/proc/self/environ", /not a valid kcs plan|not JSON/],
  ])("%s is refused without hanging", (path, message) => {
    expect(() => readPlanFile(path)).toThrow(message);
  });

  it("a named pipe is refused at once instead of waiting for a writer", () => {
    const fifo = join(tempDir("kcs-fifo-"), "plan.json");
    execFileSync("mkfifo", [fifo]);
    expect(() => readPlanFile(fifo)).toThrow(/not a regular file/);
  });

  it("--out replaces a symlink planted at its path instead of writing through it, and the plan is 0600", () => {
    const dir = tempDir("kcs-out-");
    const victim = join(dir, "victim.txt");
    writeFileSync(victim, "untouched");
    const out = join(dir, "plan.json");
    symlinkSync(victim, out);
    writePlanFile(out, PLAN);
    expect(readFileSync(victim, "utf8")).toBe("untouched");
    expect(statSync(out).isFile()).toBe(true);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    expect(readPlanFile(out)).toEqual(PLAN);
  });
});
