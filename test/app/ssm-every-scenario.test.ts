import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { viewFor } from "../../src/cli/views/index.js";
import { styleFor } from "../../src/cli/views/style.js";
import { planToAutomation } from "../../src/remediate/ssm/translate.js";
import { SCENARIOS } from "../../src/sim/scenarios/catalog.js";
import { PASSWORD, withApp } from "../helpers/app.js";
import { validateAutomation } from "../helpers/ssm-validate.js";

/** What only the operator knows for some runbooks, given as kcs fix --param would. */
const PARAMS: Record<string, Record<string, string>> = {
  "xks-invalid-configuration": { XksProxyUriPath: "/acme-v2/kms/xks/v1" },
};

/** Findings only a probe of the proxy shows (KMS says CONNECTED). */
const PROBE_ONLY = new Set(["xks-degraded", "xks-key-unusable"]);

/**
 * Every scenario's plan (warnings included, the proxies probed where only a probe finds something)
 * as the Automation document kcs fix --dry-run -o ssm-automation prints, checked against the action
 * reference. A new scenario or runbook is covered without editing this file.
 */
describe("every scenario's plan makes a valid SSM Automation document", () => {
  it.each(SCENARIOS.map((s) => [s.name] as const))("%s", (name) =>
    withApp(name, "in-process", async (kcs) => {
      const plan = await kcs.plan(
        { includeWarnings: true, params: PARAMS[name] ?? {} },
        { probe: PROBE_ONLY.has(name) },
      );
      const steps = plan.actions.flatMap((a) => a.steps);
      if (steps.length === 0) {
        // Only a world doctor finds nothing wrong in plans nothing.
        expect(SCENARIOS.find((s) => s.name === name)!.findings).toEqual([]);
        return;
      }
      const yaml = (await viewFor("ssm-automation")).plan(plan, styleFor(false), true);
      const doc = parse(yaml) as unknown;
      // YAML is only the printing: it reads back as exactly the document made.
      expect(doc).toEqual(JSON.parse(JSON.stringify(planToAutomation(plan))));
      expect(validateAutomation(doc, [PASSWORD.reveal()])).toEqual([]);
      const mainSteps = (doc as { mainSteps: { action: string; inputs: Record<string, unknown> }[] })
        .mainSteps;
      // Every call kcs would make is one step, in the plan's order.
      const calls = mainSteps
        .filter((s) => s.action === "aws:executeAwsApi" && !String(s.inputs.Api).startsWith("Describe"))
        .map((s) => s.inputs.Api);
      expect(calls).toEqual(steps.filter((s) => s.kind === "api" && s.mutating).map((s) => s.operation));
      expect(mainSteps.filter((s) => s.action === "aws:approve").length).toBe(
        steps.filter((s) => s.kind === "manual").length,
      );
    }),
  );
});
