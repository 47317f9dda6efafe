import { describe, expect, it } from "vitest";
import { buildReport, type DoctorReport } from "../../src/report/doctor-report.js";
import { SCENARIOS } from "../../src/sim/scenarios/catalog.js";
import { app } from "../helpers/app.js";
import { expectDocument } from "../helpers/kcs-json.js";
import { inLang } from "../helpers/lang.js";
import { scenarioWorld } from "../helpers/sim.js";

const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff]/;

/** Doctor's report of a scenario, read from a fresh world (a run may remember what it read). */
async function reportOf(name: string, probe: boolean): Promise<DoctorReport> {
  const kcs = await app(scenarioWorld(name), "in-process");
  try {
    const o = await kcs.observe(undefined, { probe });
    return JSON.parse(JSON.stringify(buildReport(o.snapshot, o.findings))) as DoctorReport;
  } finally {
    await kcs.close();
  }
}

/** The report with the only free text that follows the language taken out. */
const withoutWords = (r: DoctorReport) => ({
  ...r,
  findings: r.findings.map(({ title: _t, detail: _d, ...rest }) => rest),
});

describe("doctor's JSON report in Japanese", () => {
  it.each(SCENARIOS.filter((s) => s.findings.length > 0).map((s) => [s.name, s] as const))(
    "%s: only title and detail differ from the English, and they are Japanese",
    async (name, scenario) => {
      const probe = scenario.needsProbe === true;
      const english = await reportOf(name, probe);
      const japanese = await inLang("ja", () => reportOf(name, probe));
      expectDocument("kcs-doctor-report", japanese);
      expect(withoutWords(japanese)).toEqual(withoutWords(english));
      expect(japanese.findings.length).toBeGreaterThan(0);
      for (const [i, f] of japanese.findings.entries()) {
        expect(f.title, f.code).toMatch(JAPANESE);
        expect(f.detail, f.code).toMatch(JAPANESE);
        expect(f.title).not.toBe(english.findings[i]!.title);
        expect(f.detail).not.toBe(english.findings[i]!.detail);
      }
    },
  );
});

describe("a finding two checks wrote", () => {
  it("joins their details with a space in English and with none in Japanese", async () => {
    const english = await reportOf("cluster-not-found", false);
    const japanese = await inLang("ja", () => reportOf("cluster-not-found", false));
    const detail = (r: DoctorReport) => r.findings.find((f) => f.code === "CLUSTER_NOT_FOUND")!.detail;
    expect(detail(english)).toContain("connect again. Cluster ");
    expect(detail(japanese)).toContain("切断する必要があります。クラスター ");
  });
});
