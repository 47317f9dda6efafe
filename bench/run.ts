import { coldStart } from "./cold-start.js";
import { fleetBench } from "./fleet.js";
import { ms } from "./stats.js";

// Prints figures and asserts nothing: machines here are noisy, so read medians and ratios.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
const runs = Number(process.env.KCS_BENCH_RUNS ?? 7);

console.log(`kcs benchmark (node ${process.version}, median of ${runs} runs)\n`);
const cold = coldStart(runs);
console.log("Cold start (whole processes)");
console.log(`  node -e 0             ${ms(cold.nodeBaseline)}`);
console.log(`  kcs --help            ${ms(cold.help)}`);
console.log(`  kcs sim status        ${ms(cold.simStatus)}`);
console.log(`  kcs doctor -o json    ${ms(cold.doctorSmall)}  (one store, 6 keys)`);
console.log(`  kcs doctor -o json    ${ms(cold.doctorJson)}  (default fleet world: 6 stores, 233 keys)\n`);

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
