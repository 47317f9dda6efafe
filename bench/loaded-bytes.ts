import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { commandKey } from "../src/cli/code-cache.js";

const KCS = resolve("bin/kcs.js");
const HOOK = resolve("dist-bench/bench/record-loads.js");

const SCRIPT = resolve("dist/bundle-cjs/kcs.cjs");

export interface Loaded {
  /** ES module chunks loaded (--version, --help), or 1: the one script every other command runs. */
  files: number;
  bytes: number;
  /** For the script: the compiled code V8 reads back from the command's cache (src/cli/code-cache.ts). */
  cacheBytes?: number;
}

/**
 * The bytes of kcs's bundle a command loads (its own code and the parts of its dependencies in it).
 * `cacheDir`: the code cache the timed runs used, to size the command's cache in.
 */
export function bundleBytesLoaded(args: string[], cacheDir?: string): Loaded {
  const out = join(mkdtempSync(join(tmpdir(), "kcs-loads-")), "loads.txt");
  spawnSync(process.execPath, ["--import", HOOK, KCS, ...args], {
    env: { ...process.env, KCS_BENCH_LOADS: out, NO_COLOR: "1", KCS_NO_COMPILE_CACHE: "1" },
  });
  const files = [
    ...new Set(
      readFileSync(out, "utf8")
        .split("\n")
        .filter((f) => f.includes("/dist/bundle/")),
    ),
  ];
  if (files.length) return { files: files.length, bytes: files.reduce((n, f) => n + statSync(f).size, 0) };
  const cached = cacheDir ? cacheFileOf(cacheDir, args) : undefined;
  return { files: 1, bytes: statSync(SCRIPT).size, ...(cached ? { cacheBytes: statSync(cached).size } : {}) };
}

function cacheFileOf(cacheDir: string, args: string[]): string | undefined {
  const file = `${commandKey(args)}.bin`;
  for (const build of existsSync(cacheDir) ? readdirSync(cacheDir) : [])
    if (existsSync(join(cacheDir, build, file))) return join(cacheDir, build, file);
  return undefined;
}
