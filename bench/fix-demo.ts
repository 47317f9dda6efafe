// The README's demo (restore a deleted cluster, on the simulator) is mostly waiting: how much of its
// wall time is kcs's own CPU, and how much of that is the polling its waits cost.
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const KCS = resolve("bin/kcs.js");

export interface DemoRun {
  scale: number;
  wallS: number;
  cpuS: number;
}

/** One `kcs fix --yes` of the demo at a simulated-time scale; bash's `time` gives wall and CPU. */
function demoAt(scale: number): DemoRun {
  const dir = mkdtempSync(join(tmpdir(), "kcs-bench-demo-"));
  const state = join(dir, "world.json");
  const env = {
    ...process.env,
    NO_COLOR: "1",
    KCS_SIM_TIME_SCALE: String(scale),
    KCS_LEDGER: join(dir, "l.json"),
  };
  spawnSync(process.execPath, [KCS, "sim", "init", "--scenario", "cluster-not-found", "--sim-state", state], {
    env,
  });
  const script = `TIMEFORMAT='%R %U %S'; time (printf 'Demo2026pass\\n' | "${process.execPath}" "${KCS}" fix --yes --password-stdin --sim-state "${state}" >/dev/null 2>&1)`;
  const res = spawnSync("bash", ["-c", script], { env, encoding: "utf8" });
  const [wall, user, sys] = res.stderr.trim().split(/\s+/).map(Number);
  return { scale, wallS: wall!, cpuS: user! + sys! };
}

/**
 * At the default 120x and at 10 times that: the work is the same, the waits a tenth as long, so
 * the CPU the longer waits add is the polling's.
 */
export function fixDemo(): { normal: DemoRun; fast: DemoRun; pollingShare: number; cpuShare: number } {
  // Untimed: the first fix run of a build compiles all it runs and writes its code cache (about 0.3 s
  // of CPU), which the timed 120x run paid alone and counted as polling.
  demoAt(1200);
  const normal = demoAt(120);
  const fast = demoAt(1200);
  return {
    normal,
    fast,
    cpuShare: normal.cpuS / normal.wallS,
    pollingShare: Math.max(0, normal.cpuS - fast.cpuS) / normal.wallS,
  };
}
