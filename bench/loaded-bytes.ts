import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { commandKey } from "../src/cli/code-cache.js";
import { runsLight } from "../src/cli/launch.js";

const SCRIPTS = resolve("dist/bundle-cjs");

export interface Loaded {
  /** The script the command runs (src/cli/launch.ts); none for `kcs --version`, which reads package.json. */
  script?: "light.cjs" | "kcs.cjs";
  /** The script's bytes and the launcher's, which every run but --version reads first. */
  bytes: number;
  /** The compiled code V8 reads back from the command's cache (src/cli/code-cache.ts). */
  cacheBytes?: number;
}

/**
 * The bytes of kcs a command reads: its script (its own code and the parts of its dependencies in it).
 * `cacheDir`: the code cache the timed runs used, to size the command's cache in.
 */
export function bundleBytesLoaded(args: string[], cacheDir?: string): Loaded {
  if (args.length === 1 && args[0] === "--version") return { bytes: 0 };
  const script = runsLight(args) ? "light.cjs" : "kcs.cjs";
  const file = join(SCRIPTS, script);
  const bytes = statSync(file).size + statSync(join(SCRIPTS, "launch.cjs")).size;
  const cached = cacheDir ? cacheFileOf(cacheDir, file, args) : undefined;
  return { script, bytes, ...(cached ? { cacheBytes: statSync(cached).size } : {}) };
}

/** The cache of `args`' command in the folder of `script`'s (named by the script's digest). */
function cacheFileOf(cacheDir: string, script: string, args: string[]): string | undefined {
  const { sha256 } = JSON.parse(readFileSync(`${script}.json`, "utf8")) as { sha256: string };
  const build = (existsSync(cacheDir) ? readdirSync(cacheDir) : []).find((d) =>
    d.startsWith(sha256.slice(0, 20)),
  );
  const file = build && join(cacheDir, build, `${commandKey(args)}.bin`);
  return file && existsSync(file) ? file : undefined;
}
