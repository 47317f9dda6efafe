import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { nothingToDo } from "../../src/app/apply.js";
import type { FixResult } from "../../src/app/fix-result-schema.js";
import { checkPlanOnlyOutput } from "../../src/cli/validate-output.js";
import { OUTPUT_MODES, viewFor } from "../../src/cli/views/index.js";
import { styleFor } from "../../src/cli/views/style.js";
import { diagnose } from "../../src/diagnose/diagnose.js";
import type { Plan } from "../../src/remediate/plan.js";
import { buildPlan } from "../../src/remediate/planner.js";
import { loadRunbooks } from "../../src/remediate/runbooks.js";
import { buildReport } from "../../src/report/doctor-report.js";
import { SCENARIOS } from "../../src/sim/scenarios/catalog.js";
import { summarise } from "../../src/sim/summary.js";
import {
  cluster,
  GROUP_ID,
  hsm,
  key,
  network,
  STORE_ID,
  STORE_NAME,
  securityGroup,
  snapshot,
  storeIn,
} from "../diagnose/fixtures.js";
import { scenarioWorld, T0 } from "../helpers/sim.js";
import { validateAutomation } from "../helpers/ssm-validate.js";

const PLAIN = styleFor(false);
const COLOUR = styleFor(true);
const ANSI = "\u001b[";

/** A store FAILED with INVALID_CREDENTIALS whose cluster also lacks a second AZ: two runbooks, two findings. */
const SNAP = snapshot({
  stores: [storeIn("FAILED", "INVALID_CREDENTIALS")],
  clusters: { "cluster-2a23b4cdefg": cluster([hsm("eu-west-1a")]) },
  keys: [key("Unavailable"), key("Unavailable")],
});
const FINDINGS = diagnose(SNAP);
const REPORT = buildReport(SNAP, FINDINGS);
const PLAN: Plan = buildPlan({
  snapshot: SNAP,
  findings: FINDINGS,
  runbooks: loadRunbooks(),
  params: {},
  passwordSource: "stdin",
  createdAt: "2026-11-28T12:30:00.000Z",
});
const RESULT: FixResult = {
  ...nothingToDo(PLAN, { snapshot: SNAP, findings: FINDINGS }),
  outcomes: [
    {
      customKeyStoreId: STORE_ID,
      runbook: "add-hsms",
      stepId: "create-hsm-1",
      status: "done",
      detail: "hsm-1 in eu-west-1b",
    },
  ],
};
const RUNBOOKS = loadRunbooks();
const SCENARIO_INFO = SCENARIOS.map((s) => ({
  name: s.name,
  description: s.description,
  findings: s.findings,
}));
const STATUS = summarise(scenarioWorld("invalid-credentials"), T0);

describe("output views", () => {
  it("text doctor says 'none' for an empty evidence list (a security group with every rule KMS needs)", async () => {
    const snap = snapshot({
      stores: [storeIn("FAILED", "NETWORK_ERRORS")],
      network: network(undefined, { [GROUP_ID]: securityGroup() }),
    });
    const text = (await viewFor("text")).doctor(buildReport(snap, diagnose(snap)), PLAIN);
    expect(text).toContain(`· securityGroup: ${GROUP_ID}\n    · missingRules: none\n`);
  });

  it("-o offers exactly the formats that have a view module", async () => {
    expect(OUTPUT_MODES).toEqual(["text", "json", "markdown", "ssm-automation"]);
    for (const mode of OUTPUT_MODES) expect(typeof (await viewFor(mode)).doctor).toBe("function");
  });

  describe("json", () => {
    it("prints each document alone and whole: it parses back to what was rendered", async () => {
      const view = await viewFor("json");
      expect(JSON.parse(view.doctor(REPORT, PLAIN))).toEqual(REPORT);
      expect(JSON.parse(view.plan(PLAN, PLAIN, true))).toEqual(PLAN);
      expect(JSON.parse(view.fixResult(RESULT, PLAIN))).toEqual(RESULT);
      expect(JSON.parse(view.notice({ now: "x" }, "Simulated time is now x.", PLAIN))).toEqual({ now: "x" });
    });

    it("prints nothing for the plan of a real run: its kcs-fix-result carries it", async () => {
      expect((await viewFor("json")).plan(PLAN, PLAIN, false)).toBe("");
    });
  });

  describe("text", () => {
    it("doctor names the store, each finding, its evidence and the next command, with no colour in plain style", async () => {
      const out = (await viewFor("text")).doctor(REPORT, PLAIN);
      expect(out).toContain(`${STORE_NAME} ${STORE_ID}  ✖ needs attention`);
      expect(out).toContain("✖ error INVALID_CREDENTIALS");
      expect(out).toContain("▲ warning INSUFFICIENT_HSMS");
      expect(out).toContain(`→ kcs fix --store ${STORE_ID} --finding INVALID_CREDENTIALS --dry-run`);
      expect(out).toMatch(
        /1 store checked \(aws, eu-west-1\): 1 needs attention · 1 error, 1 warning, 0 info\n$/,
      );
      expect(out).not.toContain(ANSI);
      expect((await viewFor("text")).doctor(REPORT, COLOUR)).toContain(ANSI);
    });

    it("plan gives the summary with the longest wait compared as a duration (30m beats 5m)", async () => {
      const out = (await viewFor("text")).plan(PLAN, PLAIN, true);
      const waits = PLAN.actions
        .flatMap((a) => a.steps)
        .filter((s) => s.kind === "wait")
        .map((s) => s.timeout);
      expect(waits).toContain("30m");
      expect(waits).toContain("10m");
      expect(out).toMatch(/Plan: 2 actions, \d+ mutating calls, \d+ waits \(longest 30m\), 1 manual step\./);
      expect(out).toContain("Dry run: nothing was changed.");
      // Impact first: before any action.
      expect(
        out.indexOf("Impact: disconnects ExampleKeyStore, whose keys are already unusable"),
      ).toBeLessThan(out.indexOf("add-hsms on"));
      expect(out).toContain("KmsUserPassword = ********");
    });

    it("fix result: the Fixed line when ok, nothing when not (the error line says why), and who must act when nothing is fixable", async () => {
      const view = await viewFor("text");
      expect(view.fixResult(RESULT, PLAIN)).toBe(
        "✔ Fixed: INSUFFICIENT_HSMS on ExampleKeyStore; INVALID_CREDENTIALS on ExampleKeyStore. kcs doctor agrees.\n",
      );
      expect(view.fixResult({ ...RESULT, ok: false }, PLAIN)).toBe("");
      // A fleet's stores may share a name: each is named with its account and Region.
      const [first, second] = RESULT.plan.actions;
      const fleet = {
        ...RESULT,
        plan: {
          ...RESULT.plan,
          actions: [
            { ...first!, account: "111122223333", region: "us-east-1" },
            { ...second!, account: "444455556666", region: "us-east-1" },
          ],
        },
      };
      expect(view.fixResult(fleet, PLAIN)).toBe(
        "✔ Fixed: INSUFFICIENT_HSMS on ExampleKeyStore (111122223333 us-east-1); INVALID_CREDENTIALS on ExampleKeyStore (444455556666 us-east-1). kcs doctor agrees.\n",
      );
      const empty = { ...RESULT, plan: { ...PLAN, actions: [] }, needsPerson: ["DIAGNOSER_FAILED" as const] };
      expect(view.fixResult(empty, PLAIN)).toBe("Nothing to fix; these need a person: DIAGNOSER_FAILED.\n");
    });

    it("runbooks, a runbook, scenarios and the simulated world each render as tables or steps", async () => {
      const view = await viewFor("text");
      expect(view.runbooks(RUNBOOKS, PLAIN)).toMatch(/^RUNBOOK\s+FIXES\s+STEPS/);
      const rotate = RUNBOOKS.find((r) => r.id === "rotate-kmsuser-password")!;
      expect(view.runbook(rotate, PLAIN)).toContain(
        "[api] Disconnect the custom key store  kms:DisconnectCustomKeyStore (mutating)",
      );
      expect(view.scenarios(SCENARIO_INFO, PLAIN)).toContain("invalid-credentials");
      expect(view.simStatus(STATUS, PLAIN)).toContain("Custom key stores");
    });
  });

  describe("markdown", () => {
    it("doctor is a heading, a store table and one section per finding", async () => {
      const out = (await viewFor("markdown")).doctor(REPORT, PLAIN);
      expect(out.startsWith("## kcs doctor: 1 of 1 custom key stores need attention\n")).toBe(true);
      expect(out).toContain(`| ${STORE_NAME} | \`${STORE_ID}\` | FAILED (INVALID_CREDENTIALS) |`);
      expect(out).toContain("#### 🔴 `INVALID_CREDENTIALS` on ExampleKeyStore");
      expect(out).toContain("#### 🟠 `INSUFFICIENT_HSMS` on ExampleKeyStore");
    });

    it("plan is a table per action with the manual step's commands in a details block; nothing before a real run", async () => {
      const view = await viewFor("markdown");
      const out = view.plan(PLAN, PLAIN, true);
      expect(out).toContain("### `rotate-kmsuser-password` on ExampleKeyStore");
      expect(out).toContain("| KmsUserPassword | `********` | stdin |");
      expect(out).toContain(
        "<details><summary>Manual step: Set the new kmsuser password on the HSMs (as admin)</summary>",
      );
      expect(view.plan(PLAN, PLAIN, false)).toBe("");
    });

    it("fix result is a step table for a change record", async () => {
      const out = (await viewFor("markdown")).fixResult(RESULT, PLAIN);
      expect(out.startsWith("## kcs fix: fixed\n")).toBe(true);
      expect(out).toContain(`| \`${STORE_ID}\` | \`add-hsms\` | create-hsm-1 | done | hsm-1 in eu-west-1b |`);
    });

    it("escapes pipes in table cells", async () => {
      const piped = buildReport(
        snapshot({ stores: [storeIn("CONNECTED", undefined, { customKeyStoreName: "a|b" })] }),
        [],
      );
      expect((await viewFor("markdown")).doctor(piped, PLAIN)).toContain("| a\\|b |");
    });
  });

  describe("ssm-automation", () => {
    it("writes a dry run's plan as an Automation document (YAML) and nothing for a plan with no step", async () => {
      const view = await viewFor("ssm-automation");
      const doc = parse(view.plan(PLAN, PLAIN, true)) as Record<string, unknown>;
      expect(doc.schemaVersion).toBe("0.3");
      expect(validateAutomation(doc)).toEqual([]);
      expect(view.plan({ ...PLAN, actions: [] }, PLAIN, true)).toBe("");
    });

    it("refuses every other document, naming kcs fix --dry-run", async () => {
      const view = await viewFor("ssm-automation");
      const others = [
        () => view.doctor(REPORT, PLAIN),
        () => view.plan(PLAN, PLAIN, false),
        () => view.fixResult(RESULT, PLAIN),
        () => view.runbooks([], PLAIN),
        () => view.scenarios(SCENARIO_INFO, PLAIN),
        () => view.simStatus(STATUS, PLAIN),
        () => view.notice({}, "x", PLAIN),
      ];
      for (const render of others) expect(render).toThrow(/use it with kcs fix --dry-run/);
    });

    it("is refused before anything runs, except by kcs fix --dry-run", () => {
      const args = (command: string[], dryRun?: boolean) => ({
        _: command,
        output: "ssm-automation",
        dryRun,
      });
      expect(() => checkPlanOnlyOutput(args(["fix"], true))).not.toThrow();
      expect(() => checkPlanOnlyOutput(args(["doctor"]))).toThrow(
        "kcs doctor writes -o text, -o json, -o markdown, not -o ssm-automation",
      );
      expect(() => checkPlanOnlyOutput(args(["sim", "status"]))).toThrow(/^kcs sim status writes/);
      expect(() => checkPlanOnlyOutput(args(["fix"]))).toThrow(/only with --dry-run/);
      expect(() => checkPlanOnlyOutput({ _: ["doctor"], output: "json" })).not.toThrow();
    });
  });
});
