import { makeClients } from "../src/backend/clients.js";
import { diagnose } from "../src/diagnose/diagnose.js";
import { gather } from "../src/gather/gather.js";
import { VirtualClock } from "../src/sim/clock.js";
import { Simulator } from "../src/sim/engine.js";
import { buildFleet } from "../src/sim/scenarios/fleet.js";
import { SimulatorRequestHandler } from "../src/sim/wire/request-handler.js";
import type { World } from "../src/sim/world.js";
import { median } from "./stats.js";
import { BenchWorldStore } from "./world-store.js";

export interface FleetBenchOptions {
  stores: number;
  keysPerStore: number;
  defaultKeys: number;
  deletedKeys: number;
  latencyMs: number;
  runs: number;
}

const PAGE = { events: 50, keys: 1000, stores: 1000, clusters: 25, backups: 50 };
const RATE = { LookupEvents: 2, DescribeKey: 2000 };
const CONCURRENCY = 32;

/** The fewest calls any tool needs for this world, and the least time AWS's quotas and latency allow. */
function lowerBound(world: World, since: number, latencyMs: number) {
  const stores = world.stores.length;
  const clusterIds = new Set(world.stores.flatMap((s) => (s.CloudHsmClusterId ? [s.CloudHsmClusterId] : [])));
  const backups = world.backups.filter((b) => clusterIds.has(b.ClusterId)).length;
  const keys = world.keys.length;
  const events = world.events.filter((e) => e.EventName === "DeleteKey" && e.EventTime >= since).length;
  const eventPages = Math.max(1, Math.ceil(events / PAGE.events));
  const calls = {
    DescribeCustomKeyStores: Math.max(1, Math.ceil(stores / PAGE.stores)),
    DescribeClusters: Math.max(1, Math.ceil(clusterIds.size / PAGE.clusters)),
    DescribeBackups: Math.max(1, Math.ceil(backups / PAGE.backups)),
    ListKeys: Math.max(1, Math.ceil(keys / PAGE.keys)),
    DescribeKey: keys,
    LookupEvents: eventPages,
  };
  // Sequential chains: pages follow each other; LookupEvents also waits for its 2 requests/s quota
  // (two calls may go at once, then one every 500 ms).
  const eventsChain = Math.max(
    eventPages * latencyMs,
    ((eventPages - 2) / RATE.LookupEvents) * 1000 + latencyMs,
  );
  const keysChain =
    calls.ListKeys * latencyMs + Math.max((keys / RATE.DescribeKey) * 1000, (keys / CONCURRENCY) * latencyMs);
  const storesChain =
    calls.DescribeCustomKeyStores * latencyMs + (calls.DescribeClusters + calls.DescribeBackups) * latencyMs;
  return {
    calls,
    totalCalls: Object.values(calls).reduce((a, b) => a + b, 0),
    ms: Math.max(eventsChain, keysChain, storesChain),
    events,
    keys,
  };
}

export async function fleetBench(opts: FleetBenchOptions) {
  const endAt = Date.now();
  const t0 = performance.now();
  const template = buildFleet(endAt, {
    stores: opts.stores,
    keysPerStore: opts.keysPerStore,
    defaultKeys: opts.defaultKeys,
    deletedKeys: opts.deletedKeys,
  });
  const buildMs = performance.now() - t0;
  const since = endAt - 90 * 86_400_000;
  const bound = lowerBound(template, since, opts.latencyMs);
  const times: number[] = [];
  let calls = 0;
  let byOperation: Record<string, number> = {};
  let readErrors: string[] = [];
  let findings = 0;
  for (let i = 0; i < opts.runs; i++) {
    const world = structuredClone(template);
    world.faults = { ...world.faults, quotas: true, latencyMs: opts.latencyMs };
    const sim = new Simulator(new BenchWorldStore(world), { clock: new VirtualClock(endAt) });
    const clients = makeClients({
      region: world.region,
      endpoint: "http://kcs-sim.invalid",
      credentials: { accessKeyId: "AKIDBENCH", secretAccessKey: "bench" },
      requestHandler: new SimulatorRequestHandler(sim),
    });
    const start = performance.now();
    const snapshot = await gather(clients, {
      backend: "sim",
      since: new Date(since),
      now: new Date(endAt),
      concurrency: CONCURRENCY,
    });
    findings = diagnose(snapshot).length;
    readErrors = snapshot.errors.map((e) => `${e.operation}: ${e.code}`);
    times.push(performance.now() - start);
    calls = sim.calls.length;
    byOperation = {};
    for (const c of sim.calls) byOperation[c.operation] = (byOperation[c.operation] ?? 0) + 1;
    const throttled = sim.calls.filter((c) => c.error === "ThrottlingException").length;
    if (throttled) console.error(`  run ${i + 1}: ${throttled} calls throttled (and retried by the SDK)`);
    clients.kms.destroy();
    clients.cloudhsm.destroy();
    clients.cloudhsmOnce.destroy();
    clients.cloudtrail.destroy();
  }
  return { buildMs, medianMs: median(times), times, bound, calls, byOperation, findings, readErrors };
}
