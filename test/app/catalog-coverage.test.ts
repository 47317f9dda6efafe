import { describe, expect, it } from "vitest";
import { FINDING_CODES } from "../../src/diagnose/catalog.js";
import { DOCTOR_SCENARIOS } from "../../src/sim/scenarios/catalog.js";

describe("the finding catalog and the scenarios", () => {
  it("every finding code a diagnoser can produce has a scenario that shows it (so doctor and fix are proven on it)", () => {
    const shown = new Set(DOCTOR_SCENARIOS.flatMap((s) => s.findings));
    // A crash of kcs's own is no state of the world: no scenario can show it.
    // The XKS codes wait for their scenarios (issue 13): each must leave this list as its scenario lands.
    const awaiting = new Set<string>([
      "XKS_PROXY_ACCESS_DENIED",
      "XKS_PROXY_INVALID_CONFIGURATION",
      "XKS_PROXY_INVALID_RESPONSE",
      "XKS_PROXY_INVALID_TLS_CONFIGURATION",
      "XKS_PROXY_NOT_REACHABLE",
      "XKS_PROXY_TIMED_OUT",
      "XKS_VPC_ENDPOINT_SERVICE_INVALID_CONFIGURATION",
      "XKS_VPC_ENDPOINT_SERVICE_NOT_FOUND",
      "XKS_PROXY_DEGRADED",
      "XKS_KEY_UNUSABLE",
    ]);
    expect(
      FINDING_CODES.filter((c) => c !== "DIAGNOSER_FAILED" && !shown.has(c) && !awaiting.has(c)),
    ).toEqual([]);
    expect([...awaiting].filter((c) => shown.has(c))).toEqual([]);
  });
});
