import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const KCS = resolve("bin/kcs.js");
const HOOK = resolve("dist-bench/bench/record-loads.js");

/** The bytes of kcs's bundle a command loads (its own code and the parts of its dependencies in it). */
export function bundleBytesLoaded(args: string[]): { files: number; bytes: number } {
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
  return { files: files.length, bytes: files.reduce((n, f) => n + statSync(f).size, 0) };
}
