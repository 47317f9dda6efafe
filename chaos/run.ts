import { readFileSync, writeFileSync } from "node:fs";
import {
  type ChaosBackend,
  campaign,
  emptyTally,
  FIXABLE,
  goalsMet,
  type Tally,
  tallyTable,
} from "./campaign.js";

// npm run chaos [-- --quick] [--backend sim|aws] [--kills N] [--json FILE] [--merge A.json B.json ...]
// The campaign of issue 9: prints a markdown table, and exits 1 when a goal is missed.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
const argv = process.argv.slice(2);
const flag = (name: string) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};

function merge(files: string[]): Tally {
  const total = emptyTally();
  for (const f of files) {
    const t = JSON.parse(readFileSync(f, "utf8")) as Tally;
    for (const [k, v] of Object.entries(t)) {
      const key = k as keyof Tally;
      if (typeof v === "number") (total[key] as number) += v;
      else total.problems.push(...(v as string[]));
    }
  }
  return total;
}

const started = Date.now();
let tally: Tally;
let title: string;
const mergeAt = argv.indexOf("--merge");
if (mergeAt >= 0) {
  tally = merge(argv.slice(mergeAt + 1));
  title = `kcs chaos campaign (${argv.length - mergeAt - 1} parts merged)`;
} else {
  const quick = argv.includes("--quick");
  const backend = flag("--backend") as ChaosBackend | undefined;
  const kills = flag("--kills");
  tally = await campaign({
    // Quick (CI): a password repair with a manual step, and a restore with billed creates.
    scenarios: quick ? ["invalid-credentials", "cluster-not-found"] : FIXABLE,
    backends: backend ? [backend] : ["sim", "aws"],
    kills: kills ? Number(kills) : quick ? 2 : "all",
    progress: (line) => console.error(line),
  });
  title = `kcs chaos campaign (${quick ? "quick" : "full"}${backend ? `, ${backend} backend` : ""}), ${Math.round((Date.now() - started) / 1000)} s`;
  const json = flag("--json");
  if (json) writeFileSync(json, JSON.stringify(tally));
}
console.log(`${title}\n`);
console.log(tallyTable(tally));
if (tally.problems.length) console.log(`\nProblems:\n${tally.problems.map((p) => `- ${p}`).join("\n")}`);
process.exitCode = goalsMet(tally) ? 0 : 1;
