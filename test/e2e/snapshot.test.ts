import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { madeNoCall, mutations } from "../helpers/call-log.js";
import { runKcs, tempDir } from "../helpers/cli.js";
import { parseDocument } from "../helpers/kcs-json.js";
import { initWorld } from "../helpers/world-file.js";

interface Report {
  generatedAt: string;
  source?: { kind: string; readAt: string; generatedBy: string };
  findings: { code: string }[];
}

describe("kcs doctor --save-snapshot and --from-snapshot, end to end", () => {
  const dir = tempDir("kcs-e2e-snap-");
  const state = initWorld(join(dir, "fleet.json"), "fleet");
  const snap = join(dir, "snap.json");

  it("saves what it read (0600, a kcs-snapshot), and the file gives back the same report", async () => {
    const res = await runKcs(["doctor", "-o", "json", "--save-snapshot", snap, "--sim-state", state]);
    expect(res.code, res.stderr).toBe(2);
    expect(statSync(snap).mode & 0o777).toBe(0o600);
    const file = parseDocument<{ generatedBy: string; targets: { region: string; account?: string }[] }>(
      readFileSync(snap, "utf8"),
      "kcs-snapshot",
    );
    expect(file.generatedBy).toMatch(/^kcs \d+\.\d+\.\d+/);
    expect(file.targets).toMatchObject([{ region: "eu-west-1", account: expect.stringMatching(/^\d{12}$/) }]);

    const saved = parseDocument<Report>(res.stdout, "kcs-doctor-report");
    // No world at all: its folder does not exist, and nothing may be made there.
    const nowhere = join(dir, "no-such-folder", "world.json");
    const again = await runKcs(["doctor", "-o", "json", "--from-snapshot", snap, "--sim-state", nowhere]);
    expect(again.code, again.stderr).toBe(2);
    expect(again.stderr).toBe("");
    const report = parseDocument<Report>(again.stdout, "kcs-doctor-report");
    // The same report; only `source` says where it came from (generatedAt is the read's own time).
    const { source, ...rest } = report;
    expect(rest).toEqual(saved);
    expect(source).toMatchObject({
      kind: "snapshot",
      readAt: saved.generatedAt,
      generatedBy: file.generatedBy,
    });
    expect(() => statSync(join(dir, "no-such-folder"))).toThrow();
  });

  it("needs no AWS access: --backend aws with no credentials and an endpoint nothing listens on", async () => {
    const res = await runKcs(
      ["--backend", "aws", "--endpoint-url", "http://127.0.0.1:9", "doctor", "--from-snapshot", snap],
      {
        env: {
          AWS_REGION: "eu-west-1",
          AWS_CONFIG_FILE: "/nonexistent",
          AWS_SHARED_CREDENTIALS_FILE: "/nonexistent",
        },
      },
    );
    expect(res.code, res.stderr).toBe(2);
    expect(res.stdout).toMatch(/From a snapshot read at \S+ by kcs \d/);
    expect(res.stdout).toContain("CLUSTER_NOT_FOUND");
  });

  it("--store picks stores of the snapshot, and a store it does not hold is refused in one line", async () => {
    const one = await runKcs(["doctor", "-o", "json", "--from-snapshot", snap, "--store", "payments-cks"]);
    const report = parseDocument<Report & { stores: { customKeyStoreName: string }[] }>(
      one.stdout,
      "kcs-doctor-report",
    );
    expect(report.stores.map((s) => s.customKeyStoreName)).toEqual(["payments-cks"]);
    const none = await runKcs(["doctor", "--from-snapshot", snap, "--store", "nosuch"]);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(
      /^kcs: --store nosuch: no store of .*snap\.json has that id or name[^\n]*\n$/,
    );
  });
});

describe("kcs fix --dry-run --from-snapshot, then --plan on the live world", () => {
  const dir = tempDir("kcs-e2e-snapfix-");

  async function snapshotAndPlan(name: string) {
    const state = initWorld(join(dir, `${name}.json`), "store-disconnected");
    const snap = join(dir, `${name}-snap.json`);
    const plan = join(dir, `${name}-plan.json`);
    expect((await runKcs(["doctor", "--save-snapshot", snap, "--sim-state", state])).code).toBe(2);
    const log = join(dir, `${name}-calls.jsonl`);
    const dry = await runKcs(
      ["fix", "--dry-run", "--from-snapshot", snap, "--out", plan, "-o", "json", "--sim-state", state],
      { env: { KCS_SIM_CALL_LOG: log } },
    );
    expect(dry.code, dry.stderr).toBe(2);
    expect(madeNoCall(log), "planned with no AWS call").toBe(true);
    parseDocument(readFileSync(plan, "utf8"), "kcs-plan");
    return { state, plan };
  }

  it("applies while the world is as the snapshot saw it", async () => {
    const { state, plan } = await snapshotAndPlan("same");
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

  it("is refused as stale once the store changed, and changes nothing", async () => {
    const { state, plan } = await snapshotAndPlan("changed");
    expect(
      (await runKcs(["sim", "act", "connect", "payments-cks", "--wait", "--sim-state", state])).code,
    ).toBe(0);
    const log = join(dir, "changed-apply.jsonl");
    const res = await runKcs(["fix", "--plan", plan, "--yes", "--sim-state", state], {
      env: { KCS_SIM_CALL_LOG: log },
    });
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/is stale: cks-\w+ changed since the plan was made/);
    expect(mutations(log)).toEqual([]);
  });
});
