import { compareWithAwsCli } from "./aws-cli-compare.js";
import { coldStart } from "./cold-start.js";
import { fixDemo } from "./fix-demo.js";
import { fleetBench } from "./fleet.js";
import { ms } from "./stats.js";

// Prints figures and asserts nothing: machines here are noisy, so read medians and ratios.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
const runs = Number(process.env.KCS_BENCH_RUNS ?? 7);

console.log(`kcs benchmark (node ${process.version}, median of ${runs} runs)\n`);
const cold = coldStart(runs);
console.log("Cold start (whole processes, interleaved rounds; ratio to node -e 0)");
console.log(`  node -e 0                       ${ms(cold.nodeMs).padStart(7)}   1.00x`);
const kb = (bytes = 0) => `${(bytes / 1024).toFixed(0)} KB`;
for (const c of cold.commands)
  console.log(
    `  ${c.name.padEnd(30)}  ${ms(c.ms).padStart(7)}  ${c.ratio.toFixed(2).padStart(5)}x   ${
      !c.script
        ? "reads package.json only"
        : `${c.script} and its launcher ${kb(c.bundleBytes)}, compiled code from its cache ${kb(c.cacheBytes)} (first run, making it: ${ms(c.firstMs)})`
    }`,
  );
console.log("");

const awsCli = await compareWithAwsCli("invalid-credentials", runs);
console.log(`Against the aws CLI (same reads, same endpoint: kcs sim serve, ${awsCli.keys} keys)`);
console.log(`  kcs doctor --backend aws   ${ms(awsCli.kcsMs)}`);
if (awsCli.awsCli)
  console.log(
    `  aws CLI script (${awsCli.awsCli.version})   ${ms(awsCli.awsCli.ms)} (median of ${awsCli.awsCli.runs.map(ms).join(", ")})   kcs takes ${(awsCli.kcsMs / awsCli.awsCli.ms).toFixed(3)} of its time`,
  );
else console.log("  aws CLI: not installed here");
console.log(`  the script: ${awsCli.scriptPath}\n`);

const demo = fixDemo();
console.log("The README demo: kcs fix --yes restoring a deleted cluster (simulated time 120x)");
console.log(
  `  wall ${demo.normal.wallS.toFixed(2)} s, kcs CPU ${demo.normal.cpuS.toFixed(2)} s (${(demo.cpuShare * 100).toFixed(1)}%: startup, reads, diagnosis, verification, the in-process simulator); the rest is simulated waiting`,
);
console.log(
  `  polling: ${(demo.pollingShare * 100).toFixed(1)}% of the run (CPU at 120x ${demo.normal.cpuS.toFixed(2)} s vs ${demo.fast.cpuS.toFixed(2)} s at 1200x, where waits are a tenth as long)\n`,
);

const fleetRuns = Number(process.env.KCS_BENCH_FLEET_RUNS ?? 3);
const latencyMs = Number(process.env.KCS_BENCH_LATENCY_MS ?? 20);
const fleet = await fleetBench({
  stores: 9,
  keysPerStore: 330,
  defaultKeys: 300,
  deletedKeys: 2000,
  latencyMs,
  runs: fleetRuns,
});
console.log(
  `Fleet doctor (in-process gather + diagnose, ${latencyMs} ms per call, AWS quotas on, median of ${fleetRuns})`,
);
console.log(
  `  world: 10 stores (9 CloudHSM + 1 external), ${fleet.bound.keys} keys, ${fleet.bound.events} DeleteKey events (built in ${ms(fleet.buildMs)})`,
);
console.log(
  `  time:  ${ms(fleet.medianMs)} vs lower bound ${ms(fleet.bound.ms)} (${(fleet.medianMs / fleet.bound.ms).toFixed(2)}x)`,
);
console.log(`  calls: ${fleet.calls} vs minimum ${fleet.bound.totalCalls}`);
console.log(`    made:    ${JSON.stringify(fleet.byOperation)}`);
console.log(`    minimum: ${JSON.stringify(fleet.bound.calls)}`);
console.log(`  read errors: ${fleet.readErrors.length ? fleet.readErrors.join(", ") : "none"}`);
console.log(`  findings: ${fleet.findings}; runs: ${fleet.times.map((t) => ms(t)).join(", ")}`);

// Fleets (issue 14): 3 Regions x 2 accounts in one doctor, against one Region's.
const { multiRegionBench } = await import("./multi-region.js");
const multi = await multiRegionBench(latencyMs, fleetRuns);
console.log(
  `\nFleet of Regions and accounts (the fleet scenario, in-process, ${latencyMs} ms per call, AWS quotas on, median of ${fleetRuns})`,
);
console.log(`  one Region (1 account):    ${ms(multi.oneRegionMs)}  ${multi.oneRegionStores} stores`);
console.log(
  `  3 Regions x 2 accounts:    ${ms(multi.fleetMs)}  ${multi.fleetStores} stores in ${multi.targets - multi.failedTargets} targets (+${multi.failedTargets} disabled) (${(multi.fleetMs / multi.oneRegionMs).toFixed(2)}x one Region's time)`,
);

// Big accounts (issue 11): 1k and 10k keys by default; 100k (about 8 minutes: CloudTrail's
// 2 requests/s bounds each run at 200 s) with KCS_BENCH_BIG=1.
const { bigAccountBench, bigAccountSizes } = await import("./big-account.js");
const { scalingSvg } = await import("./scaling-chart.js");
const transport = process.env.KCS_BENCH_IN_PROCESS === "1" ? "in-process" : "http";
const points = await bigAccountBench(bigAccountSizes(process.env.KCS_BENCH_BIG === "1"), transport);
console.log(
  `\nBig accounts (doctor's gather + diagnose, a process per run, simulator ${transport === "http" ? "in its own process over HTTP: RSS is kcs's alone" : "in the same process: RSS includes it"}; ${Number(process.env.KCS_BENCH_LATENCY_MS ?? 25)} ms per call, AWS quotas on; one run each)`,
);
console.log(
  "  keys     DeleteKey  lower bound  first run        repeated (cache)   repeated/first  DescribeKey first/repeated  peak RSS first/repeated (before reading)  same report",
);
for (const p of points) {
  console.log(
    `  ${String(p.keys).padEnd(8)} ${String(p.events).padEnd(10)} ${ms(p.boundMs).padEnd(12)} ${`${ms(p.first.ms)} (${(p.first.ms / p.boundMs).toFixed(2)}x)`.padEnd(16)} ${`${ms(p.repeat.ms)} (${(p.repeat.ms / p.boundMs).toFixed(2)}x)`.padEnd(18)} ${`${((100 * p.repeat.ms) / p.first.ms).toFixed(0)}%`.padEnd(15)} ${`${p.first.calls.DescribeKey ?? 0}/${p.repeat.calls.DescribeKey ?? 0}`.padEnd(27)} ${`${p.first.peakRssMb.toFixed(0)}/${p.repeat.peakRssMb.toFixed(0)} MB (${p.first.worldRssMb.toFixed(0)} MB)`.padEnd(38)} ${p.first.findingsHash === p.repeat.findingsHash ? "yes" : "NO"}`,
  );
  const errors = [...p.first.readErrors, ...p.repeat.readErrors];
  if (errors.length) console.log(`    read errors: ${errors.join(", ")}`);
}
const { mkdirSync, writeFileSync } = await import("node:fs");
mkdirSync("bench-results", { recursive: true });
writeFileSync("bench-results/scaling.svg", scalingSvg(points));
console.log("  chart: bench-results/scaling.svg");
