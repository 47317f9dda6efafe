// kcs against the script an operator would otherwise write: the same reads with the aws CLI, on the
// same endpoint (a `kcs sim serve` of one world). The script is written out so anyone can rerun it:
//   bash <printed path> <endpoint>
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { median } from "./stats.js";

const KCS = resolve("bin/kcs.js");

/** The reads kcs doctor makes, one aws CLI call each; DescribeKey once per key, as ListKeys lists them. */
export const AWS_CLI_SCRIPT = `#!/usr/bin/env bash
# What kcs doctor reads, with the aws CLI: bash this-script.sh http://127.0.0.1:PORT
set -euo pipefail
aws() { command aws --endpoint-url "$1" --region eu-west-1 --output json "\${@:2}"; }
ep="$1"
aws "$ep" kms describe-custom-key-stores >/dev/null
aws "$ep" cloudhsmv2 describe-clusters >/dev/null
aws "$ep" cloudhsmv2 describe-backups >/dev/null
for key in $(aws "$ep" kms list-keys --query 'Keys[].KeyId' --output text); do
  aws "$ep" kms describe-key --key-id "$key" >/dev/null
done
aws "$ep" cloudtrail lookup-events --lookup-attributes AttributeKey=EventName,AttributeValue=DeleteKey >/dev/null
`;

/** Keys that need no secret, and none of the machine's AWS configuration: the aws CLI's and kcs's. */
export const CLI_ENV = {
  AWS_ACCESS_KEY_ID: "AKIDEXAMPLE",
  AWS_SECRET_ACCESS_KEY: "bench-needs-no-secret",
  AWS_CONFIG_FILE: "/dev/null",
  AWS_SHARED_CREDENTIALS_FILE: "/dev/null",
  AWS_EC2_METADATA_DISABLED: "true",
  AWS_PAGER: "",
  AWS_MAX_ATTEMPTS: "1",
};

/** kcs doctor on the aws backend, against an endpoint (a `kcs sim serve`). */
export const awsDoctorArgs = (url: string) => [
  "doctor",
  "-o",
  "json",
  "--backend",
  "aws",
  "--endpoint-url",
  url,
  "--region",
  "eu-west-1",
];

/** `kcs sim serve` of a world on a free port, as the aws backend's endpoint. */
export function serve(state: string): Promise<{ url: string; stop: () => void }> {
  return new Promise((done, fail) => {
    const child = spawn(
      process.execPath,
      [KCS, "sim", "serve", "--port", "0", "-o", "json", "--sim-state", state],
      {
        stdio: ["ignore", "pipe", "inherit"],
      },
    );
    let out = "";
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
      try {
        const { url } = JSON.parse(out) as { url: string };
        done({ url, stop: () => child.kill("SIGTERM") });
      } catch {
        // Not the whole line yet.
      }
    });
    child.on("error", fail);
  });
}

export interface AwsCliComparison {
  scenario: string;
  keys: number;
  scriptPath: string;
  /** The script's median, and every run of it (slowest to fastest spans its own start-up's noise). */
  awsCli?: { version: string; ms: number; runs: number[] };
  kcsMs: number;
}

/** How many times the aws CLI script runs: each takes seconds, and one run was a coin toss. */
const SCRIPT_RUNS = Number(process.env.KCS_BENCH_AWS_CLI_RUNS ?? 3);

/**
 * Median wall time of kcs doctor against the endpoint, and of the aws CLI script, interleaved: the
 * script's runs fall among kcs's, so a busy stretch of the machine slows both rather than one.
 */
export async function compareWithAwsCli(scenario: string, runs: number): Promise<AwsCliComparison> {
  const dir = mkdtempSync(join(tmpdir(), "kcs-bench-cli-"));
  const state = join(dir, "world.json");
  spawnSync(process.execPath, [KCS, "sim", "init", "--scenario", scenario, "--sim-state", state]);
  const scriptPath = join(dir, "doctor-reads.sh");
  writeFileSync(scriptPath, AWS_CLI_SCRIPT, { mode: 0o755 });
  const server = await serve(state);
  try {
    const env = { ...process.env, ...CLI_ENV, NO_COLOR: "1" };
    const probe = spawnSync("aws", ["--version"], { env, encoding: "utf8" });
    const scriptRuns = probe.status === 0 ? SCRIPT_RUNS : 0;
    const kcs: number[] = [];
    const script: number[] = [];
    // Every few kcs runs, one of the script's, spread over the whole measurement.
    const every = Math.max(1, Math.floor(runs / Math.max(1, scriptRuns)));
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      spawnSync(process.execPath, [KCS, ...awsDoctorArgs(server.url)], {
        env: { ...env, KCS_LEDGER: join(dir, "ledger.json") },
      });
      kcs.push(performance.now() - t0);
      if (script.length < scriptRuns && i % every === every - 1) {
        const t1 = performance.now();
        const res = spawnSync("bash", [scriptPath, server.url], { env, encoding: "utf8" });
        if (res.status !== 0) throw new Error(`the aws CLI script failed: ${res.stderr}`);
        script.push(performance.now() - t1);
      }
      // LookupEvents allows 2 requests a second per account, and the simulator enforces it: runs back
      // to back would be throttled by the run before, which an operator's runs (or the aws CLI's
      // seconds-long script) never are. The pause is not timed.
      await new Promise((resolve) => setTimeout(resolve, 1_100));
    }
    const keys = Number(
      spawnSync(
        "bash",
        ["-c", `aws --endpoint-url ${server.url} --region eu-west-1 kms list-keys --query 'length(Keys)'`],
        {
          env,
          encoding: "utf8",
        },
      ).stdout.trim() || 0,
    );
    if (script.length === 0) return { scenario, keys, scriptPath, kcsMs: median(kcs) };
    const version = `${probe.stdout}${probe.stderr}`.trim().split(" ")[0] ?? "aws-cli";
    return {
      scenario,
      keys,
      scriptPath,
      awsCli: { version, ms: median(script), runs: script },
      kcsMs: median(kcs),
    };
  } finally {
    server.stop();
  }
}
