import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { bundleBytesLoaded } from "./loaded-bytes.js";
import { median } from "./stats.js";

const KCS = resolve("bin/kcs.js");

export interface ColdCommand {
  name: string;
  ms: number;
  /** Times a bare `node -e 0`, measured in the same rounds. */
  ratio: number;
  bundleBytes?: number;
  /** The script it runs: the help bundle or all of kcs; none for --version (bench/loaded-bytes.ts). */
  script?: string;
  /** Compiled code read back from the command's code cache. */
  cacheBytes?: number;
  /** The command's first run, which compiles everything and writes the cache. */
  firstMs: number;
}

/**
 * Wall time of whole processes, as an operator feels them. Each round runs every command once, in
 * turn, so a busy moment of the machine falls on all of them alike; the medians are compared.
 */
export function coldStart(runs: number): { nodeMs: number; commands: ColdCommand[] } {
  const dir = mkdtempSync(join(tmpdir(), "kcs-bench-"));
  const fleet = join(dir, "fleet.json");
  const healthy = join(dir, "healthy.json");
  spawnSync(process.execPath, [KCS, "sim", "init", "--scenario", "fleet", "--sim-state", fleet]);
  spawnSync(process.execPath, [KCS, "sim", "init", "--scenario", "healthy", "--sim-state", healthy]);
  const commands: [string, string[]][] = [
    ["kcs --version", ["--version"]],
    ["kcs --help", ["--help"]],
    ["kcs sim status", ["sim", "status", "--sim-state", healthy]],
    ["kcs doctor -o json (healthy)", ["doctor", "-o", "json", "--sim-state", healthy]],
    ["kcs doctor -o json (fleet)", ["doctor", "-o", "json", "--sim-state", fleet]],
  ];
  const times = new Map<string, number[]>([
    ["node", []],
    ...commands.map(([n]) => [n, []] as [string, number[]]),
  ]);
  // A code cache of the bench's own, made by each command's first run (timed on its own).
  const cacheDir = join(dir, "code-cache");
  const env = { ...process.env, NO_COLOR: "1", KCS_CODE_CACHE_DIR: cacheDir };
  const firstMs = new Map<string, number>();
  for (const [name, args] of commands) {
    const t0 = performance.now();
    spawnSync(process.execPath, [KCS, ...args], { env });
    firstMs.set(name, performance.now() - t0);
  }
  for (let i = 0; i < runs; i++) {
    let t0 = performance.now();
    spawnSync(process.execPath, ["-e", "0"]);
    times.get("node")!.push(performance.now() - t0);
    for (const [name, args] of commands) {
      t0 = performance.now();
      const res = spawnSync(process.execPath, [KCS, ...args], { env, encoding: "utf8" });
      times.get(name)!.push(performance.now() - t0);
      if (res.status !== 0 && res.status !== 2)
        throw new Error(`${name} exited ${res.status}: ${res.stderr}`);
    }
  }
  const nodeMs = median(times.get("node")!);
  return {
    nodeMs,
    commands: commands.map(([name, args]) => {
      const ms = median(times.get(name)!);
      const loaded = bundleBytesLoaded(args, cacheDir);
      return {
        name,
        ms,
        ratio: ms / nodeMs,
        firstMs: firstMs.get(name)!,
        bundleBytes: loaded.bytes,
        ...(loaded.script ? { script: loaded.script } : {}),
        ...(loaded.cacheBytes !== undefined ? { cacheBytes: loaded.cacheBytes } : {}),
      };
    }),
  };
}
