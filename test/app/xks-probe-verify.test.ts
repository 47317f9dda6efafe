// Issue 13: never report "Fixed" for what kcs cannot see. XKS_PROXY_DEGRADED and XKS_KEY_UNUSABLE show
// only when the proxy is called, so a check after the repair that did not call it confirms nothing.
import { describe, expect, it } from "vitest";
import { withApp } from "../helpers/app.js";
import { scenarioWorld } from "../helpers/sim.js";

describe.each([
  ["xks-degraded", "XKS_PROXY_DEGRADED"],
  ["xks-key-unusable", "XKS_KEY_UNUSABLE"],
] as const)("kcs fix on %s", (scenario, code) => {
  it("is confirmed when the checks after the repair probe the proxy, and the finding is gone", async () => {
    await withApp(scenarioWorld(scenario), "in-process", async (kcs) => {
      const plan = await kcs.plan({ includeWarnings: true }, { probe: true });
      expect(plan.actions.flatMap((a) => a.findings)).toContain(code);
      const { result, problem } = await kcs.fix(plan, { probeProxies: true });
      expect(problem).toBeUndefined();
      expect(result.ok).toBe(true);
      const after = await kcs.observe(undefined, { probe: true });
      expect(after.findings.map((f) => f.code)).not.toContain(code);
    });
  });

  it("is not called fixed when nothing probed the proxy afterwards: the run says why", async () => {
    await withApp(scenarioWorld(scenario), "in-process", async (kcs) => {
      const plan = await kcs.plan({ includeWarnings: true }, { probe: true });
      const { result, problem } = await kcs.fix(plan);
      expect(result.ok).toBe(false);
      expect(problem).toMatch(/XKS proxy was not probed .*KCS_XKS_ACCESS_KEY_ID/);
    });
  });
});
