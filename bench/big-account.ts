import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { DeleteKeyCache } from "../src/app/deletekey-cache.js";
import { KeyStoreCache } from "../src/app/key-store-cache.js";
import { makeClients } from "../src/backend/clients.js";
import { diagnose } from "../src/diagnose/diagnose.js";
import { gather } from "../src/gather/gather.js";
import { VirtualClock } from "../src/sim/clock.js";
import { Simulator } from "../src/sim/engine.js";
import { SimulatorRequestHandler } from "../src/sim/wire/request-handler.js";
import type { World } from "../src/sim/world.js";
import { buildBigWorld } from "./big-world.js";
import { BenchWorldStore } from "./world-store.js";

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

/** Starts the simulator in a process of its own, and tells where it answers. */
function startSimulator(
  self: string,
  worldPath: string,
  endAt: number,
): Promise<{ served: Served; stop(): void }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [self, "--serve", worldPath, String(endAt)], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    proc.stdout.on("data", (d: Buffer) => {
      out += d.toString();
      if (!out.includes("\n")) return;
      resolve({ served: JSON.parse(out.split("\n")[0]!) as Served, stop: () => proc.kill() });
    });
    proc.on("error", reject);
    proc.on("exit", (code) => reject(new Error(`the bench's simulator exited (${code})`)));
  });
}

/**
 * Each size: the world built once, then doctor twice (no cache, then the cache the first run left),
 * each run a fresh process reading a fresh copy of the world. Over HTTP (the default) the simulator
 * runs in a process of its own, so a run's peak RSS is kcs's alone; in process (transport
 * "in-process") it shares the run's process, as the fleet bench does.
 */
export async function bigAccountBench(
  sizes: { keys: number; events: number }[],
  transport: "http" | "in-process" = "http",
): Promise<PointFigures[]> {
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
      const run = async (): Promise<RunFigures> => {
        const sim = transport === "http" ? await startSimulator(self, worldPath, endAt) : undefined;
        try {
          // KCS_BENCH_NODE_ARGS (e.g. --max-old-space-size=96): node flags for the measured run only.
          const nodeArgs = (process.env.KCS_BENCH_NODE_ARGS ?? "").split(" ").filter(Boolean);
          const args = [
            ...nodeArgs,
            self,
            "--child",
            worldPath,
            dir,
            String(endAt),
            ...(sim ? [JSON.stringify(sim.served)] : []),
          ];
          const child = spawnSync(process.execPath, args, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
          if (child.status !== 0) throw new Error(`bench child failed: ${child.stderr}`);
          return JSON.parse(child.stdout.trim().split("\n").at(-1)!) as RunFigures;
        } finally {
          sim?.stop();
        }
      };
      const first = await run();
      const repeat = await run();
      out.push({ keys: world.keys.length, events: size.events, buildMs, boundMs, first, repeat });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return out;
}

const rssMb = () => process.resourceUsage().maxRSS / 1024;

/** One doctor read (gather + diagnose) in this process, the cache in `stateDir`. */
function simulatorFor(worldPath: string, endAt: number): { world: World; sim: Simulator } {
  const world = JSON.parse(readFileSync(worldPath, "utf8")) as World;
  world.faults = { ...world.faults, quotas: true, latencyMs: LATENCY_MS };
  return { world, sim: new Simulator(new BenchWorldStore(world), { clock: new VirtualClock(endAt) }) };
}

/**
 * One doctor read (gather + diagnose) in this process, the cache in `stateDir`: against the simulator
 * served by another process at `url` (this process's RSS is then kcs's alone), or in this process.
 */
async function child(
  worldPath: string,
  stateDir: string,
  endAt: number,
  served: Served | undefined,
): Promise<RunFigures> {
  const local = served ? undefined : simulatorFor(worldPath, endAt);
  const region = local?.world.region ?? served!.region;
  const clients = makeClients({
    region,
    endpoint: served?.url ?? "http://kcs-sim.invalid",
    credentials: { accessKeyId: "AKIDBENCH", secretAccessKey: "bench" },
    ...(local ? { requestHandler: new SimulatorRequestHandler(local.sim) } : {}),
  });
  global.gc?.();
  const worldRssMb = rssMb();
  mkdirSync(stateDir, { recursive: true });
  const start = performance.now();
  const snapshot = await gather(clients, {
    backend: "sim",
    since: new Date(endAt - 90 * 86_400_000),
    now: new Date(endAt),
    keyStores: new KeyStoreCache(stateDir, region, "bench"),
    deleteKeys: new DeleteKeyCache(stateDir, region, "bench"),
  });
  const findings = diagnose(snapshot);
  const ms = performance.now() - start;
  const calls: Record<string, number> = {};
  if (local) for (const c of local.sim.calls) calls[c.operation] = (calls[c.operation] ?? 0) + 1;
  else Object.assign(calls, (await (await fetch(served!.callsUrl)).json()) as Record<string, number>);
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

/** Where a served simulator answers AWS calls, and where it tells (and resets) its count of them. */
export interface Served {
  url: string;
  callsUrl: string;
  region: string;
}

/** The simulator alone, served over HTTP, with its count of calls on a second port. */
async function serveSimulator(worldPath: string, endAt: number): Promise<void> {
  const { world, sim } = simulatorFor(worldPath, endAt);
  const { serve } = await import("../src/sim/wire/server.js");
  const running = await serve(sim, { port: 0 });
  const counter = createServer((_req, res) => {
    const calls: Record<string, number> = {};
    for (const c of sim.calls) calls[c.operation] = (calls[c.operation] ?? 0) + 1;
    sim.calls.length = 0;
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify(calls));
  });
  await new Promise<void>((resolve) => counter.listen(0, "127.0.0.1", resolve));
  const port = (counter.address() as AddressInfo).port;
  const served: Served = { url: running.url, callsUrl: `http://127.0.0.1:${port}/`, region: world.region };
  console.log(JSON.stringify(served));
}

if (process.argv[2] === "--child") {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
  const [worldPath, stateDir, endAt, served] = process.argv.slice(3);
  const figures = await child(
    worldPath!,
    stateDir!,
    Number(endAt),
    served ? (JSON.parse(served) as Served) : undefined,
  );
  console.log(JSON.stringify(figures));
} else if (process.argv[2] === "--serve") {
  const [worldPath, endAt] = process.argv.slice(3);
  await serveSimulator(worldPath!, Number(endAt));
}
