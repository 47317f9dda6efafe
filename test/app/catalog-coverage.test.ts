import { describe, expect, it } from "vitest";
import { FINDING_CODES } from "../../src/diagnose/catalog.js";
import { SCENARIOS } from "../../src/sim/scenarios/catalog.js";

describe("the finding catalog and the scenarios", () => {
  it("every finding code a diagnoser can produce has a scenario that shows it (so doctor and fix are proven on it)", () => {
    const shown = new Set(SCENARIOS.flatMap((s) => s.findings));
    // A crash of kcs's own is no state of the world: no scenario can show it.
    expect(FINDING_CODES.filter((c) => c !== "DIAGNOSER_FAILED" && !shown.has(c))).toEqual([]);
  });
});
