import MarkdownIt from "markdown-it";
import { parse } from "shell-quote";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import type { FixResult } from "../../src/app/fix-result-schema.js";
import { viewFor } from "../../src/cli/views/index.js";
import { nextCommand } from "../../src/cli/views/next-command.js";
import { styleFor } from "../../src/cli/views/style.js";
import type { View } from "../../src/cli/views/view.js";
import { UsageError } from "../../src/core/errors.js";
import { diagnose } from "../../src/diagnose/diagnose.js";
import type { Snapshot } from "../../src/gather/snapshot.js";
import type { Plan } from "../../src/remediate/plan.js";
import { buildPlan } from "../../src/remediate/planner.js";
import { loadRunbooks } from "../../src/remediate/runbooks.js";
import { buildReport, type DoctorReport } from "../../src/report/doctor-report.js";
import { summarise } from "../../src/sim/summary.js";
import {
  backingKey,
  CLUSTER_ID,
  cluster,
  deleteKeyEvent,
  hsm,
  key,
  STORE_ID,
  snapshot,
  storeIn,
} from "../diagnose/fixtures.js";
import { scenarioWorld, T0 } from "../helpers/sim.js";
import { validateAutomation } from "../helpers/ssm-validate.js";

/**
 * A store name as an attacker with kms:UpdateCustomKeyStore would choose it: a window title, a screen
 * clear, a forged line of kcs's own, markdown that closes the evidence block and fences, a heading,
 * table cells, HTML, and shell that runs when pasted.
 */
const HOSTILE =
  "evil\u001b]0;pwned\u0007\u001b[2J\n✔ Fixed: FORGED\r</details>```\n# Heading | cell | `tick` <img src=x onerror=alert(1)> $(touch /tmp/pwned) ; rm -rf ~ **bold** [link](http://x)";

const PLAIN = styleFor(false);

function hostileSnapshot(): Snapshot {
  return snapshot({
    stores: [storeIn("FAILED", "INVALID_CREDENTIALS", { customKeyStoreName: HOSTILE })],
    clusters: { [CLUSTER_ID]: cluster([hsm("eu-west-1a"), hsm("eu-west-1b")]) },
    keys: [key("Unavailable")],
  });
}

function outputs(view: View): Record<string, string> {
  const snap = hostileSnapshot();
  const findings = diagnose(snap);
  const report: DoctorReport = buildReport(snap, findings);
  const plan: Plan = buildPlan({
    snapshot: snap,
    findings,
    runbooks: loadRunbooks(),
    params: {},
    passwordSource: "stdin",
    createdAt: "2026-11-28T12:30:00.000Z",
  });
  const result: FixResult = {
    schemaVersion: 1,
    kind: "kcs-fix-result",
    // The text view prints a "✔ Fixed: ... on NAME" line only for a fix: the line a name would forge.
    ok: true,
    plan: { ...plan, notes: [`${HOSTILE} was left alone`] },
    outcomes: [
      {
        customKeyStoreId: STORE_ID,
        runbook: "rotate-kmsuser-password",
        stepId: "disconnect",
        status: "done",
        detail: HOSTILE,
      },
    ],
    remaining: [],
    needsPerson: [],
  };
  const world = scenarioWorld("invalid-credentials");
  world.stores[0]!.CustomKeyStoreName = HOSTILE;
  return {
    doctor: view.doctor(report, PLAIN),
    plan: view.plan(plan, PLAIN, true),
    "fix result": view.fixResult(result, PLAIN),
    "sim status": view.simStatus(summarise(world, T0), PLAIN),
  };
}

describe("hostile names reach no terminal and break no document (issue 9)", async () => {
  const text = outputs(await viewFor("text"));
  const markdown = outputs(await viewFor("markdown"));
  const json = outputs(await viewFor("json"));

  it.each(Object.keys(text))("text %s: no escape sequence, no carriage return, no forged line", (what) => {
    const out = text[what]!;
    expect(out).toContain("evil");
    expect(out).not.toContain("\u001b");
    expect(out).not.toContain("\r");
    expect(out).not.toContain("\u0007");
    expect(out.split("\n").some((l) => l.startsWith("✔ Fixed: FORGED"))).toBe(false);
  });

  it.each(Object.keys(markdown))(
    "markdown %s: the name stays text; no heading, tag, link or block of its own",
    (what) => {
      const out = markdown[what]!;
      expect(out).not.toContain("\u001b");
      const html = new MarkdownIt({ html: true }).render(out);
      expect(html).not.toMatch(/<img|<a |<h1>|<strong>bold<\/strong>/);
      expect(html.match(/<details>/g)?.length ?? 0).toBe(html.match(/<\/details>/g)?.length ?? 0);
      // The one details block a doctor report or plan has closes where kcs closes it, not in the name.
      expect(html).toContain("touch /tmp/pwned");
    },
  );

  it.each(Object.keys(json))("json %s keeps the name exactly as AWS returned it", (what) => {
    expect(json[what]).toContain(JSON.stringify(HOSTILE).slice(1, -1));
  });
});

describe("printed commands run exactly what they say when pasted (issue 9)", () => {
  it("the next-command line quotes a hostile store id into one word", () => {
    const id = "cks-1; touch /tmp/pwned $(id) `id`";
    const line = nextCommand({ runbook: "reconnect", customKeyStoreId: id, code: "STORE_DISCONNECTED" })!;
    expect(parse(line)).toEqual([
      "kcs",
      "fix",
      "--store",
      id,
      "--finding",
      "STORE_DISCONNECTED",
      "--dry-run",
    ]);
  });

  it("a store id that would be read as an option gets no next-command line", () => {
    expect(
      nextCommand({
        runbook: "reconnect",
        customKeyStoreId: "--out=/home/u/.bashrc",
        code: "STORE_DISCONNECTED",
      }),
    ).toBeUndefined();
  });

  it("the next-command line is made from the id AWS gave, not from its printable copy", async () => {
    const raw = "cks-1\u001b[0m234";
    const snap = snapshot({
      stores: [storeIn("DISCONNECTED", undefined, { customKeyStoreId: raw })],
      clusters: { [CLUSTER_ID]: cluster([hsm("eu-west-1a"), hsm("eu-west-1b")]) },
      keys: [],
    });
    const report = buildReport(snap, diagnose(snap));
    expect(report.findings.length).toBeGreaterThan(0);
    for (const mode of ["text", "markdown"] as const) {
      const out = (await viewFor(mode)).doctor(report, PLAIN);
      // The printable copy (cks-1[0m234) names no store: no command may suggest it.
      expect(out).not.toMatch(/kcs fix --store cks-1/);
    }
  });

  it("a store id that no quoting makes one line gets no next-command line at all", () => {
    expect(
      nextCommand({
        runbook: "reconnect",
        customKeyStoreId: "cks-1\ntouch /tmp/x",
        code: "STORE_DISCONNECTED",
      }),
    ).toBeUndefined();
  });

  const plan = (snap: Snapshot) =>
    buildPlan({
      snapshot: snap,
      findings: diagnose(snap),
      runbooks: loadRunbooks(),
      params: {},
      passwordSource: "stdin",
      createdAt: "2026-11-28T12:30:00.000Z",
    });

  it("a cluster id outside AWS's format is never put in a CloudHSM CLI block: the plan is refused, naming no value", () => {
    const bad = "cluster-abcdefghijk\ntouch /tmp/pwned";
    const snap = snapshot({
      stores: [storeIn("FAILED", "INVALID_CREDENTIALS", { cloudHsmClusterId: bad })],
      clusters: { [bad]: cluster([hsm("eu-west-1a"), hsm("eu-west-1b")], { clusterId: bad }) },
      keys: [key("Unavailable")],
    });
    expect(() => plan(snap)).toThrow(UsageError);
    expect(() => plan(snap)).toThrow(/ClusterId: not a CloudHSM cluster id/);
  });

  it("a key ARN outside AWS's format never reaches a key delete line", () => {
    const arn = "arn:aws:kms:eu-west-1:111122223333:key/x; key delete --filter attr.class=private-key";
    const snap = snapshot({
      stores: [storeIn("CONNECTED")],
      clusters: { [CLUSTER_ID]: cluster([hsm("eu-west-1a"), hsm("eu-west-1b")]) },
      keys: [key("Enabled")],
      deleteKeyEvents: [deleteKeyEvent([backingKey("FAILURE", "262152")], { keyArn: arn })],
    });
    const findings = diagnose(snap);
    expect(findings.map((f) => f.code)).toContain("ORPHANED_KEY_MATERIAL");
    expect(() =>
      buildPlan({
        snapshot: snap,
        findings,
        runbooks: loadRunbooks(),
        params: {},
        passwordSource: "stdin",
        includeWarnings: true,
        createdAt: "2026-11-28T12:30:00.000Z",
      } as never),
    ).toThrow(/Label: not a KMS key ARN/);
  });
});

describe("a hostile name in an SSM Automation document (kcs fix --dry-run -o ssm-automation)", () => {
  const planFor = (snap: Snapshot) =>
    buildPlan({
      snapshot: snap,
      findings: diagnose(snap),
      runbooks: loadRunbooks(),
      params: {},
      passwordSource: "stdin",
      createdAt: "2026-11-28T12:30:00.000Z",
    });
  // YAML's own specials and Automation's references besides the terminal's and markdown's.
  const NAME = `${HOSTILE}\n- name: injected\n  action: aws:executeAwsApi\n'quoted' #comment {{ AutomationAssumeRole }} {{ x }}`;

  it("stays text: the YAML reads back whole, adds no step, no reference and no control character", async () => {
    const view = await viewFor("ssm-automation");
    const hostile = snapshot({
      stores: [storeIn("FAILED", "INVALID_CREDENTIALS", { customKeyStoreName: NAME })],
      clusters: { [CLUSTER_ID]: cluster([hsm("eu-west-1a"), hsm("eu-west-1b")]) },
      keys: [key("Unavailable")],
    });
    const plain = snapshot({
      stores: [storeIn("FAILED", "INVALID_CREDENTIALS", { customKeyStoreName: "plain" })],
      clusters: { [CLUSTER_ID]: cluster([hsm("eu-west-1a"), hsm("eu-west-1b")]) },
      keys: [key("Unavailable")],
    });
    const out = view.plan(planFor(hostile), PLAIN, true);
    const doc = parseYaml(out) as { description: string; mainSteps: { name: string }[] };
    expect(validateAutomation(doc)).toEqual([]);
    const plainDoc = parseYaml(view.plan(planFor(plain), PLAIN, true)) as typeof doc;
    expect(doc.mainSteps.map((s) => s.name)).toEqual(plainDoc.mainSteps.map((s) => s.name));
    for (const control of ["\u001b", "\r", "\u0007"]) expect(out).not.toContain(control);
    expect(doc.description).toContain("'quoted' #comment { { AutomationAssumeRole } } { { x } }");
    expect(out).not.toContain("{{ x }}");
  });
});
