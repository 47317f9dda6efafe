#!/usr/bin/env node
// How much of each AWS API the simulator serves, against the operations in AWS's own models
// (src/sim/model/aws/*.json; EC2's holds only the reads kcs needs). Run after a build:
//   npm run build && node scripts/sim-coverage.mjs
import { MODELS } from "../dist/sim/model/shapes.js";
import { OPERATIONS } from "../dist/sim/operations.js";

for (const [service, ops] of Object.entries(OPERATIONS)) {
  const modelled = Object.keys(MODELS[service].operations);
  const served = Object.keys(ops);
  const missing = modelled.filter((o) => !served.includes(o));
  console.log(`${service}: ${served.length} of ${modelled.length} operations`);
  if (missing.length) console.log(`  not served: ${missing.join(", ")}`);
}
