import { describe, expect, it } from "vitest";
import { buildReport, doctorExitCode } from "../../src/report/doctor-report.js";
import { DoctorReportSchema } from "../../src/report/doctor-report-schema.js";
import { SCENARIOS } from "../../src/sim/scenarios/catalog.js";
import { app, codesOf } from "../helpers/app.js";
import { expectDocument } from "../helpers/kcs-json.js";
import { scenarioWorld } from "../helpers/sim.js";

describe.each(["in-process", "http"] as const)(
  "kcs doctor finds exactly what each scenario is named for (%s transport)",
  (transport) => {
    it.each(SCENARIOS.map((s) => [s.name, s] as const))("%s", async (name, scenario) => {
      const kcs = await app(scenarioWorld(name), transport);
      try {
        const observation = await kcs.observe(undefined, { probe: scenario.needsProbe === true });
        expect(observation.snapshot.errors).toEqual([]);
        expect(codesOf(observation)).toEqual([...scenario.findings].sort());
        const report = buildReport(observation.snapshot, observation.findings);
        expect(DoctorReportSchema.parse(JSON.parse(JSON.stringify(report)))).toEqual(report);
        expectDocument("kcs-doctor-report", JSON.parse(JSON.stringify(report)));
        const attention = report.findings.some((f) => f.severity === "error" || f.severity === "warning");
        expect(doctorExitCode(report)).toBe(attention ? 2 : 0);
        // Doctor changes nothing.
        expect(kcs.h.sim.calls.filter((c) => c.mutating)).toEqual([]);
      } finally {
        await kcs.close();
      }
    });
  },
);
