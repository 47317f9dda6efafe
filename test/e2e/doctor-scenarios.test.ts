import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SCENARIOS } from "../../src/sim/scenarios/catalog.js";
import { awsEnv, runKcs, type ServedWorld, serveWorld, tempDir } from "../helpers/cli.js";

interface Report {
  schemaVersion: number;
  kind: string;
  backend: string;
  stores: { customKeyStoreId: string; healthy: boolean; keyCount: number }[];
  findings: { code: string; severity: string; customKeyStoreId: string; runbook: string | null }[];
  errors: unknown[];
}

const AWS_ENV = awsEnv();

function codes(report: Report) {
  return [...new Set(report.findings.map((f) => f.code))].sort();
}

describe("kcs doctor finds exactly what each scenario is named for", () => {
  const dir = tempDir();

  describe("on the sim backend (in-process)", () => {
    it.each(SCENARIOS.map((s) => [s.name, s] as const))("%s", async (_name, scenario) => {
      const state = join(dir, `${scenario.name}.json`);
      const init = await runKcs(["sim", "init", "--scenario", scenario.name, "--sim-state", state]);
      expect(init.code, init.stderr).toBe(0);
      const res = await runKcs(["doctor", "-o", "json", "--sim-state", state]);
      expect(res.stderr).toBe("");
      const report = JSON.parse(res.stdout) as Report;
      expect(report.kind).toBe("kcs-doctor-report");
      expect(report.backend).toBe("sim");
      expect(report.errors).toEqual([]);
      expect(codes(report)).toEqual([...scenario.findings].sort());
      const attention = report.findings.some((f) => f.severity === "error" || f.severity === "warning");
      expect(res.code).toBe(attention ? 2 : 0);
    });
  });

  describe("on the aws backend against kcs sim serve", () => {
    const state = join(dir, "served.json");
    let served: ServedWorld;
    beforeAll(async () => {
      await runKcs(["sim", "init", "--scenario", "healthy", "--sim-state", state]);
      served = await serveWorld(state);
    });
    afterAll(async () => served?.stop());

    it.each(SCENARIOS.map((s) => [s.name, s] as const))("%s", async (_name, scenario) => {
      const init = await runKcs(["sim", "init", "--scenario", scenario.name, "--sim-state", state]);
      expect(init.code, init.stderr).toBe(0);
      const res = await runKcs(["--backend", "aws", "--endpoint-url", served.url, "doctor", "-o", "json"], {
        env: AWS_ENV,
      });
      expect(res.stderr).toBe("");
      const report = JSON.parse(res.stdout) as Report;
      expect(report.backend).toBe("aws");
      expect(report.errors).toEqual([]);
      expect(codes(report)).toEqual([...scenario.findings].sort());
    });
  });
});
