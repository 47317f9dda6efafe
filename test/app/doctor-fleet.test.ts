import { describe, expect, it } from "vitest";
import { observeFleet } from "../../src/app/observe-fleet.js";
import { doctorExitCode } from "../../src/report/doctor-report.js";
import { buildFleetReport, selectFleetStores } from "../../src/report/fleet-report.js";
import {
  FLEET_AUDIT_EXTERNAL_ID,
  FLEET_AUDIT_ROLE,
  FLEET_MEMBER_ACCOUNT,
} from "../../src/sim/scenarios/fleet-partitions.js";
import { fleetOn } from "../helpers/fleet.js";
import { expectDocument } from "../helpers/kcs-json.js";
import { harness, scenarioWorld, type Transport } from "../helpers/sim.js";

const ROOT = "111122223333";
const ROLE = { roleArn: FLEET_AUDIT_ROLE, externalId: FLEET_AUDIT_EXTERNAL_ID };

async function doctorFleet(transport: Transport, args: Parameters<typeof fleetOn>[1]) {
  const h = await harness(scenarioWorld("fleet"), transport);
  const fleet = await fleetOn(h, args);
  try {
    const now = new Date(h.clock.now());
    const { parts, failed } = await observeFleet(fleet, () => ({
      now,
      timer: { now: () => h.clock.now(), sleep: async (ms) => h.clock.advance(ms) },
    }));
    const report = buildFleetReport(parts, failed, { backend: "sim", generatedAt: now.toISOString() });
    expectDocument("kcs-doctor-report", JSON.parse(JSON.stringify(report)));
    return { report, h };
  } finally {
    fleet.close();
    await h.close();
  }
}

const where = (x: { account?: string | undefined; region?: string | undefined }) =>
  `${x.account} ${x.region}`;

describe.each<Transport>(["in-process", "http"])("doctor over a fleet (%s)", (transport) => {
  it("reads 3 Regions of 2 accounts into one report, and the member's disabled Region is an error entry", async () => {
    const { report, h } = await doctorFleet(transport, {
      region: ["eu-west-1", "us-east-1", "eu-south-1"],
      ...ROLE,
    });
    expect(report.targets?.map((t) => `${where(t)} ${t.status}`)).toEqual([
      `${ROOT} eu-south-1 read`,
      `${ROOT} eu-west-1 read`,
      `${ROOT} us-east-1 read`,
      `${FLEET_MEMBER_ACCOUNT} eu-south-1 failed`,
      `${FLEET_MEMBER_ACCOUNT} eu-west-1 read`,
      `${FLEET_MEMBER_ACCOUNT} us-east-1 read`,
    ]);
    expect(report.errors).toEqual([
      expect.objectContaining({
        account: FLEET_MEMBER_ACCOUNT,
        region: "eu-south-1",
        service: "kms",
        code: "UnrecognizedClientException",
      }),
    ]);
    // Every store and finding says where it is; the headline counts across the fleet.
    expect(report.stores).toHaveLength(6 + 4 * 3);
    expect(report.summary.stores).toBe(18);
    for (const s of [...report.stores, ...report.findings]) expect(s.account && s.region).toBeTruthy();
    const broken = (code: string) =>
      report.findings
        .filter((f) => f.code === code)
        .map(where)
        .sort();
    expect(broken("INVALID_CREDENTIALS")).toEqual([
      `${ROOT} eu-south-1`,
      `${ROOT} eu-west-1`,
      `${ROOT} us-east-1`,
      `${FLEET_MEMBER_ACCOUNT} eu-west-1`,
      `${FLEET_MEMBER_ACCOUNT} us-east-1`,
    ]);
    expect(broken("NO_ACTIVE_HSMS")).toEqual([`${ROOT} us-east-1`, `${FLEET_MEMBER_ACCOUNT} eu-west-1`]);
    expect(report.summary.needAttention).toBe(
      report.stores.filter((s) => s.status === "needs-attention").length,
    );
    expect(doctorExitCode(report)).toBe(2);
    // Worst first across the fleet: no healthy store before one that needs attention.
    const statuses = report.stores.map((s) => s.status);
    expect(statuses.lastIndexOf("needs-attention")).toBeLessThan(statuses.indexOf("healthy"));
    expect(h.sim.calls.filter((c) => c.mutating)).toEqual([]);
  });

  it("--all-regions reads the Regions each account has enabled", async () => {
    const { report } = await doctorFleet(transport, { allRegions: true, ...ROLE });
    expect(report.targets?.map(where)).toEqual([
      `${ROOT} eu-south-1`,
      `${ROOT} eu-west-1`,
      `${ROOT} us-east-1`,
      `${FLEET_MEMBER_ACCOUNT} eu-west-1`,
      `${FLEET_MEMBER_ACCOUNT} us-east-1`,
    ]);
    expect(report.errors).toEqual([]);
  });

  it("a role that cannot be assumed is a failed target; the rest is reported", async () => {
    const { report } = await doctorFleet(transport, {
      region: "us-east-1",
      roleArn: FLEET_AUDIT_ROLE,
      externalId: "not-the-one",
    });
    expect(report.errors).toEqual([
      expect.objectContaining({ service: "sts", operation: "AssumeRole", code: "AccessDenied" }),
    ]);
    expect(report.targets?.map((t) => t.status)).toEqual(["read", "failed"]);
    expect(new Set(report.stores.map((s) => s.account))).toEqual(new Set([ROOT]));
    // Read and failed targets, nothing else wrong: it worked, and an account needs a look.
    const healthyOnly = { ...report, findings: [], targets: report.targets! };
    expect(doctorExitCode(healthyOnly)).toBe(2);
    expect(
      doctorExitCode({ ...healthyOnly, targets: healthyOnly.targets.filter((t) => t.status === "failed") }),
    ).toBe(1);
  });
});

describe("selecting stores in a fleet report", () => {
  it("keeps a store one target has, and refuses a name two targets share or none has", async () => {
    const { report } = await doctorFleet("in-process", { region: ["eu-west-1", "us-east-1"], ...ROLE });
    const one = report.stores.find(
      (s) => s.customKeyStoreName === "orders-useast1-cks" && s.account === ROOT,
    )!;
    const picked = selectFleetStores(report, [one.customKeyStoreId]);
    expect(picked.stores.map(where)).toEqual([`${ROOT} us-east-1`]);
    expect(picked.summary.stores).toBe(1);
    expect(() => selectFleetStores(report, ["orders-useast1-cks"])).toThrow(
      `'orders-useast1-cks' names stores in several accounts and Regions (${ROOT} us-east-1, ${FLEET_MEMBER_ACCOUNT} us-east-1)`,
    );
    expect(() => selectFleetStores(report, ["nowhere-cks"])).toThrow(
      "No custom key store has the id or name 'nowhere-cks' in the 4 accounts and Regions read",
    );
  });
});
