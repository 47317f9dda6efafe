import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { Plan } from "../../src/remediate/plan.js";
import { mutations } from "../helpers/call-log.js";
import { runKcs, tempDir } from "../helpers/cli.js";
import { parseDocument } from "../helpers/kcs-json.js";
import { validateAutomation } from "../helpers/ssm-validate.js";
import { initWorld } from "../helpers/world-file.js";

function world(scenario: string) {
  const dir = tempDir("kcs-ssm-");
  return { state: initWorld(join(dir, "world.json"), scenario), log: join(dir, "calls.jsonl"), dir };
}

describe("kcs fix --dry-run -o ssm-automation", () => {
  it("prints the plan as an Automation document on stdout, exits 2, changes nothing, and --out still saves the kcs-plan", async () => {
    const w = world("invalid-credentials");
    const out = join(w.dir, "plan.json");
    const res = await runKcs(
      ["fix", "--dry-run", "-o", "ssm-automation", "--out", out, "--sim-state", w.state],
      { env: { KCS_SIM_CALL_LOG: w.log } },
    );
    expect(res.code, res.stderr).toBe(2);
    expect(res.stderr).toBe("");
    const doc = parse(res.stdout) as { schemaVersion: string; mainSteps: { name: string }[] };
    expect(doc.schemaVersion).toBe("0.3");
    expect(validateAutomation(doc)).toEqual([]);
    expect(doc.mainSteps.map((s) => s.name)).toContain("update_store_password");
    expect(mutations(w.log)).toEqual([]);
    const plan = parseDocument<Plan>(readFileSync(out, "utf8"), "kcs-plan");
    expect(plan.actions[0]?.runbook).toBe("rotate-kmsuser-password");
  });

  it("with nothing to repair writes no document, says so on stderr, and exits 0", async () => {
    const w = world("healthy");
    const res = await runKcs(["fix", "--dry-run", "-o", "ssm-automation", "--sim-state", w.state]);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toBe("");
    expect(res.stderr).toBe("kcs: nothing to repair: no Automation document written.\n");
  });
});
