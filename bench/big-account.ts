import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { KeyStoreCache } from "../src/app/key-store-cache.js";
import { makeClients } from "../src/backend/clients.js";
import { diagnose } from "../src/diagnose/diagnose.js";
import { gather } from "../src/gather/gather.js";
import { VirtualClock } from "../src/sim/clock.js";
import { MemoryWorldStore, Simulator } from "../src/sim/engine.js";
import { SimulatorRequestHandler } from "../src/sim/wire/request-handler.js";
import type { World } from "../src/sim/world.js";
import { buildBigWorld } from "./big-world.js";

/**
 * Big accounts: doctor's reads of an account with many keys, first with no cache and then again with
 * the key-store cache the first run left. Each run is a child process of its own, so its peak RSS is
 * its own: the simulator (world, handlers) shares that process, and is reported apart as the RSS the
 * process had once the world was loaded, before kcs read anything.
 */

export interface RunFigures {
  ms: number;
  calls: Record<string, number>;
  findingsHash: string;
  findings: number;
  readErrors: string[];
  worldRssMb: number;
  peakRssMb: number;
}

export interface PointFigures {
  keys: number;
  events: number;
  buildMs: number;
  boundMs: number;
  first: RunFigures;
  repeat: RunFigures;
}

const LATENCY_MS = Number(process.env.KCS_BENCH_LATENCY_MS ?? 25);
const RATE = { ListKeys: 500, DescribeKey: 2000, LookupEvents: 2 };
const PAGE = { keys: 1000, events: 50 };

/** The quota-bound lower bound: no tool can read faster than AWS's quotas let it. */
function quotaBound(world: World, since: number): number {
  const keys = world.keys.length;
  const events = world.events.filter((e) => e.EventName === "DeleteKey" && e.EventTime >= since).length;
  const eventPages = Math.max(1, Math.ceil(events / PAGE.events));
  const trail = ((eventPages - 2) / RATE.LookupEvents) * 1000 + LATENCY_MS;
  const keysChain = Math.max((keys / RATE.DescribeKey) * 1000, Math.ceil(keys / PAGE.keys) * LATENCY_MS);
  return Math.max(trail, keysChain + LATENCY_MS);
}

/** 1k and 10k keys, and with `big` 100k: 10 stores, a few hundred store keys, 1 DeleteKey event per 5 keys. */
export function bigAccountSizes(big: boolean): { keys: number; events: number }[] {
  return [1_000, 10_000, ...(big ? [100_000] : [])].map((keys) => ({ keys, events: keys / 5 }));
}

export function bigAccountBench(sizes: { keys: number; events: number }[]): PointFigures[] {
  const self = fileURLToPath(import.meta.url);
  const out: PointFigures[] = [];
  for (const size of sizes) {
    const dir = mkdtempSync(join(tmpdir(), "kcs-big-"));
    try {
      const endAt = Date.now();
      const t0 = performance.now();
      const world = buildBigWorld(endAt, { keys: size.keys, deleteEvents: size.events });
      const buildMs = performance.now() - t0;
      const worldPath = join(dir, "world.json");
      writeFileSync(worldPath, JSON.stringify(world));
      const since = endAt - 90 * 86_400_000;
      const boundMs = quotaBound(world, since);
      const run = (): RunFigures => {
        const child = spawnSync(process.execPath, [self, "--child", worldPath, dir, String(endAt)], {
          encoding: "utf8",
          maxBuffer: 64 * 1024 * 1024,
        });
        if (child.status !== 0) throw new Error(`bench child failed: ${child.stderr}`);
        return JSON.parse(child.stdout.trim().split("\n").at(-1)!) as RunFigures;
      };
      const first = run();
      const repeat = run();
      out.push({ keys: world.keys.length, events: size.events, buildMs, boundMs, first, repeat });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return out;
}

/**
 * The simulator's world for one bench run, changed only through the simulator: it can tell when the
 * world changed (so the simulator need not scan 100,000 keys for timed transitions on every call),
 * and skips the rollback copy MemoryWorldStore takes before each change (doctor's only changes are
 * the simulator filing CloudTrail's record of its reads, which do not fail; the world is thrown away).
 */
class BenchWorldStore extends MemoryWorldStore {
  private changes = 0;
  override update<T>(fn: (world: World) => T): T {
    this.changes++;
    return fn(this.world);
  }
  generation(): number {
    return this.changes;
  }
}

const rssMb = () => process.resourceUsage().maxRSS / 1024;

/** One doctor read (gather + diagnose) in this process, the cache in `stateDir`. */
async function child(worldPath: string, stateDir: string, endAt: number): Promise<RunFigures> {
  const world = JSON.parse(readFileSync(worldPath, "utf8")) as World;
  world.faults = { ...world.faults, quotas: true, latencyMs: LATENCY_MS };
  const sim = new Simulator(new BenchWorldStore(world), { clock: new VirtualClock(endAt) });
  const clients = makeClients({
    region: world.region,
    endpoint: "http://kcs-sim.invalid",
    credentials: { accessKeyId: "AKIDBENCH", secretAccessKey: "bench" },
    requestHandler: new SimulatorRequestHandler(sim),
  });
  global.gc?.();
  const worldRssMb = rssMb();
  mkdirSync(stateDir, { recursive: true });
  const start = performance.now();
  const snapshot = await gather(clients, {
    backend: "sim",
    since: new Date(endAt - 90 * 86_400_000),
    now: new Date(endAt),
    keyStores: new KeyStoreCache(stateDir, world.region, "bench"),
  });
  const findings = diagnose(snapshot);
  const ms = performance.now() - start;
  const calls: Record<string, number> = {};
  for (const c of sim.calls) calls[c.operation] = (calls[c.operation] ?? 0) + 1;
  clients.destroy();
  return {
    ms,
    calls,
    findings: findings.length,
    findingsHash: createHash("sha256").update(JSON.stringify(findings)).digest("hex").slice(0, 12),
    readErrors: snapshot.errors.map((e) => `${e.operation}: ${e.code}`),
    worldRssMb,
    peakRssMb: rssMb(),
  };
}

if (process.argv[2] === "--child") {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
  const [worldPath, stateDir, endAt] = process.argv.slice(3);
  const figures = await child(worldPath!, stateDir!, Number(endAt));
  console.log(JSON.stringify(figures));
}
