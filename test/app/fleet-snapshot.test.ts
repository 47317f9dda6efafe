import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { approveFleetPlan, planFleet } from "../../src/app/fleet-plan.js";
import { observeFleet } from "../../src/app/observe-fleet.js";
import { readSnapshotFile } from "../../src/app/snapshot-file.js";
import { observeFromSnapshot, saveFleetSnapshot } from "../../src/cli/snapshot-flags.js";
import { buildFleetReport, selectFleetStores } from "../../src/report/fleet-report.js";
import { exportTrail } from "../../src/sim/cloudtrail/export.js";
import {
  FLEET_AUDIT_EXTERNAL_ID,
  FLEET_AUDIT_ROLE,
  FLEET_MEMBER_ACCOUNT,
} from "../../src/sim/scenarios/fleet-partitions.js";
import { tempDir } from "../helpers/cli.js";
import { fleetOn } from "../helpers/fleet.js";
import { expectDocument } from "../helpers/kcs-json.js";
import { harness, scenarioWorld } from "../helpers/sim.js";

const ROLE = { roleArn: FLEET_AUDIT_ROLE, externalId: FLEET_AUDIT_EXTERNAL_ID };
const REGIONS = { region: ["eu-west-1", "us-east-1", "eu-south-1"] };

/** A fleet doctor's reads on the fleet scenario, as doctor makes them. */
async function readFleet(
  cloudtrailDirs: string[] = [],
  onWorld?: (h: Awaited<ReturnType<typeof harness>>) => void,
) {
  const h = await harness(scenarioWorld("fleet"));
  onWorld?.(h);
  const fleet = await fleetOn(h, { ...REGIONS, ...ROLE });
  try {
    const now = new Date(h.clock.now());
    const seen = await observeFleet(fleet, () => ({
      now,
      connectEvents: true,
      cloudtrailDirs,
      timer: { now: () => h.clock.now(), sleep: async (ms) => h.clock.advance(ms) },
    }));
    return { ...seen, now };
  } finally {
    fleet.close();
    await h.close();
  }
}

/** What kcs fix --dry-run asks of every target, at a fixed time so that two plans compare. */
const planRequest = (now: Date) => ({
  stores: [],
  findings: [],
  params: {},
  passwordSource: "prompt" as const,
  createdAt: now.toISOString(),
  backend: "sim" as const,
});

describe("a fleet run's snapshot", () => {
  it("holds every target, how each was reached and the one that failed, and reads back to the same report", async () => {
    const { parts, failed, now } = await readFleet();
    const live = buildFleetReport(parts, failed, { backend: "sim", generatedAt: now.toISOString() });
    const path = join(tempDir("kcs-fleet-snap-"), "fleet.json");
    await saveFleetSnapshot(path, parts, failed, "0.0.0-test", now);

    const file = readSnapshotFile(path);
    expect(file.fleet).toBe(true);
    expect(file.targets.map((t) => `${t.account} ${t.region} ${t.via?.roleArn ?? "-"}`)).toEqual([
      "111122223333 eu-south-1 -",
      "111122223333 eu-west-1 -",
      "111122223333 us-east-1 -",
      `${FLEET_MEMBER_ACCOUNT} eu-west-1 ${FLEET_AUDIT_ROLE}`,
      `${FLEET_MEMBER_ACCOUNT} us-east-1 ${FLEET_AUDIT_ROLE}`,
    ]);
    expect(file.failedTargets).toEqual([
      expect.objectContaining({
        account: FLEET_MEMBER_ACCOUNT,
        region: "eu-south-1",
        code: "UnrecognizedClientException",
      }),
    ]);

    const seen = await observeFromSnapshot(path, []);
    if (seen.kind !== "fleet") throw new Error("read back as one target");
    const back = buildFleetReport(seen.parts, seen.failed, {
      backend: seen.backend,
      generatedAt: seen.createdAt,
    });
    expect(back).toEqual(live);
    expectDocument("kcs-doctor-report", JSON.parse(JSON.stringify({ ...back, source: seen.source })));
    // --store narrows the read-back report as it narrows the live one.
    const member = live.stores.find((s) => s.account === FLEET_MEMBER_ACCOUNT)!.customKeyStoreId;
    expect(selectFleetStores(back, [member])).toEqual(selectFleetStores(live, [member]));
  });

  it("plans as the live fleet run plans: per target, merged, the failed target a note", async () => {
    const { parts, failed, now } = await readFleet();
    const path = join(tempDir("kcs-fleet-snap-"), "fleet.json");
    await saveFleetSnapshot(path, parts, failed, "0.0.0-test", now);
    const seen = await observeFromSnapshot(path, []);
    if (seen.kind !== "fleet") throw new Error("read back as one target");
    const request = planRequest(now);
    const live = planFleet(parts, failed, request).plan;
    const fromFile = planFleet(seen.parts, seen.failed, request).plan;
    expect(fromFile).toEqual(live);
    expect(new Set(live.actions.map((a) => a.account))).toEqual(
      new Set(["111122223333", FLEET_MEMBER_ACCOUNT]),
    );
    expect(live.notes?.some((n) => n.startsWith(`${FLEET_MEMBER_ACCOUNT} eu-south-1: not read`))).toBe(true);
  });
});

describe("--cloudtrail-dir in a fleet run", () => {
  it("each target reads its own account's and Region's log files: the same findings, each event once, no error", async () => {
    const dir = tempDir("kcs-fleet-trail-");
    let files = 0;
    const without = await readFleet();
    const withFiles = await readFleet([dir], (h) =>
      h.store.read((w) => {
        // Every partition's trail, delivered to one bucket as an organisation trail does.
        for (const world of [w, ...(w.partitions ?? [])])
          files += exportTrail(world, dir, h.clock.now()).files.length;
      }),
    );
    expect(files).toBeGreaterThan(0);
    expect(withFiles.parts.flatMap((p) => p.snapshot.errors)).toEqual([]);
    const codes = (seen: typeof without) =>
      seen.parts.map((p) => `${p.account} ${p.region}: ${p.findings.map((f) => f.code).join(",")}`);
    expect(codes(withFiles)).toEqual(codes(without));
    const events = (seen: typeof without) => seen.parts.map((p) => p.snapshot.deleteKeyEvents.length);
    expect(events(withFiles)).toEqual(events(without));
    // The fleet's history has DeleteKey events: each was read both ways and counted once.
    expect(events(without).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
  });
});

describe("a saved fleet plan", () => {
  it("is approved part by part; a target it acts in that cannot be read now refuses the whole plan", async () => {
    const { parts, failed, now } = await readFleet();
    const request = planRequest(now);
    const { plan } = planFleet(parts, failed, request);
    const where = { backend: "sim" as const, passwordSource: "prompt" as const };
    const approved = approveFleetPlan(plan, parts, failed, where, "plan.json");
    expect(approved.plan).toEqual(plan);
    expect(approved.planned.map((p) => `${p.account} ${p.region}`)).toEqual([
      ...new Set(plan.actions.map((a) => `${a.account} ${a.region}`)),
    ]);
    const member = parts.filter((p) => p.account === FLEET_MEMBER_ACCOUNT);
    const lost = member.map((p) => ({
      account: p.account,
      region: p.region,
      service: "sts" as const,
      operation: "AssumeRole",
      code: "AccessDenied",
      message: "not authorized",
    }));
    expect(() =>
      approveFleetPlan(
        plan,
        parts.filter((p) => p.account !== FLEET_MEMBER_ACCOUNT),
        lost,
        where,
        "plan.json",
      ),
    ).toThrow(
      `plan.json acts in ${FLEET_MEMBER_ACCOUNT} eu-west-1, ${FLEET_MEMBER_ACCOUNT} us-east-1, which could not be read now (AccessDenied)`,
    );
    // A plan edited to act on another store than its basis fingerprints is not a plan kcs made.
    const edited = {
      ...plan,
      actions: plan.actions.map((a, i) =>
        i === 0 ? { ...a, customKeyStoreId: "cks-0000000000000000e" } : a,
      ),
    };
    expect(() => approveFleetPlan(edited, parts, failed, where, "plan.json")).toThrow(
      /without a basis fingerprint/,
    );
  });
});
