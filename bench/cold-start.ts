import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { median } from "./stats.js";

const KCS = resolve("bin/kcs.js");

/** Wall time of whole `kcs` processes, as an operator feels them (median of `runs`). */
export function timeCommand(args: string[], runs: number, statePath: string): number[] {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const res = spawnSync(process.execPath, [KCS, ...args, "--sim-state", statePath], {
      env: { ...process.env, NO_COLOR: "1", AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
      encoding: "utf8",
    });
    times.push(performance.now() - t0);
    if (res.status !== 0 && res.status !== 2)
      throw new Error(`kcs ${args.join(" ")} exited ${res.status}: ${res.stderr}`);
  }
  return times;
}

export function coldStart(runs: number) {
  const dir = mkdtempSync(join(tmpdir(), "kcs-bench-"));
  const state = join(dir, "world.json");
  const small = join(dir, "small.json");
  spawnSync(process.execPath, [KCS, "sim", "init", "--scenario", "fleet", "--sim-state", state]);
  spawnSync(process.execPath, [
    KCS,
    "sim",
    "init",
    "--scenario",
    "invalid-credentials",
    "--sim-state",
    small,
  ]);
  const node = [] as number[];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    spawnSync(process.execPath, ["-e", "0"]);
    node.push(performance.now() - t0);
  }
  return {
    nodeBaseline: median(node),
    simStatus: median(timeCommand(["sim", "status"], runs, state)),
    doctorJson: median(timeCommand(["doctor", "-o", "json"], runs, state)),
    doctorSmall: median(timeCommand(["doctor", "-o", "json"], runs, small)),
    help: median(timeCommand(["--help"], runs, state)),
  };
}
