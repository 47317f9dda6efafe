// A fleet doctor over 3 Regions of 2 accounts against one Region's, at the bench's latency with AWS's
// quotas on: every (account, Region) is gathered concurrently within its own quotas, so the fleet
// should cost little more than its slowest target, not the sum of six.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { observeFleet } from "../src/app/observe-fleet.js";
import { openTargets } from "../src/backend/fleet.js";
import { type FleetArgs, fleetFlags } from "../src/backend/fleet-flags.js";
import { simXksTransport } from "../src/backend/sim-xks-transport.js";
import { buildReport } from "../src/report/doctor-report.js";
import { Simulator } from "../src/sim/engine.js";
import { PartitionStore } from "../src/sim/partitions.js";
import { findScenario } from "../src/sim/scenarios/catalog.js";
import {
  FLEET_AUDIT_EXTERNAL_ID,
  FLEET_AUDIT_ROLE,
  FLEET_REGIONS,
} from "../src/sim/scenarios/fleet-partitions.js";
import { SimulatorRequestHandler } from "../src/sim/wire/request-handler.js";
import { median } from "./stats.js";
import { BenchWorldStore } from "./world-store.js";

export interface MultiRegionResult {
  oneRegionMs: number;
  fleetMs: number;
  oneRegionStores: number;
  fleetStores: number;
  targets: number;
  failedTargets: number;
}

async function doctorOnce(args: FleetArgs, latencyMs: number) {
  const world = findScenario("fleet")!.build(Date.now());
  for (const w of [world, ...(world.partitions ?? [])]) w.faults = { ...w.faults, quotas: true, latencyMs };
  const store = new BenchWorldStore(world);
  const sim = new Simulator(store);
  const handler = new SimulatorRequestHandler(sim);
  const start = performance.now();
  const fleet = await openTargets(
    fleetFlags(args),
    {
      kind: "sim",
      endpoint: "http://kcs-simulator.invalid",
      requestHandler: handler,
      defaultCredentials: { accessKeyId: "AKIAKCSSIMULATOR0001", secretAccessKey: "bench" },
    },
    world.region,
    (clients, region, account) => ({
      kind: "sim",
      clients,
      region,
      account,
      fleet: true,
      xks: simXksTransport(new PartitionStore(store, { accountId: account, region })),
      close: () => clients.destroy(),
    }),
  );
  try {
    const { parts, failed } = await observeFleet(fleet, () => ({ now: new Date() }));
    const ms = performance.now() - start;
    const stores = parts.reduce((n, p) => n + buildReport(p.snapshot, p.findings).stores.length, 0);
    return { ms, stores, targets: parts.length + failed.length, failed: failed.length };
  } finally {
    fleet.close();
  }
}

export async function multiRegionBench(latencyMs: number, runs: number): Promise<MultiRegionResult> {
  // The ledgers doctor reads: none exist in a fresh folder, and nothing is written.
  process.env.KCS_LEDGER = join(mkdtempSync(join(tmpdir(), "kcs-bench-ledger-")), "ledger.json");
  const one: Awaited<ReturnType<typeof doctorOnce>>[] = [];
  const all: Awaited<ReturnType<typeof doctorOnce>>[] = [];
  for (let i = 0; i < runs; i++) {
    one.push(await doctorOnce({ region: FLEET_REGIONS[0] }, latencyMs));
    all.push(
      await doctorOnce(
        { region: [...FLEET_REGIONS], roleArn: FLEET_AUDIT_ROLE, externalId: FLEET_AUDIT_EXTERNAL_ID },
        latencyMs,
      ),
    );
  }
  return {
    oneRegionMs: median(one.map((r) => r.ms)),
    fleetMs: median(all.map((r) => r.ms)),
    oneRegionStores: one[0]!.stores,
    fleetStores: all[0]!.stores,
    targets: all[0]!.targets,
    failedTargets: all[0]!.failed,
  };
}
