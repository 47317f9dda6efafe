// Cold start of this build against another commit's, in the same interleaved rounds: how the README's
// "against the build the session started from" figures are taken.
//   npm run bench:compare -- <commit> [rounds]
// Each round runs `node -e 0`, then every command once per build, each doctor on a fresh copy of a
// world made by this build (with its key and digest files), so neither build finds the other's reads.
// The aws backend's doctor asks a `kcs sim serve` of this build, one per build, as the aws CLI
// comparison of `npm run bench` does. The other build must read this build's worlds (the same world
// version).
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { awsDoctorArgs, CLI_ENV, serve } from "./aws-cli-compare.js";
import { median } from "./stats.js";

const [ref, roundsArg] = process.argv.slice(2);
if (!ref) {
  console.error("usage: npm run bench:compare -- <commit> [rounds]");
  process.exit(1);
}
const rounds = Number(roundsArg ?? 15);
const here = resolve(".");
const dir = mkdtempSync(join(tmpdir(), "kcs-compare-"));
const other = join(dir, "other");
const stops: (() => void)[] = [];

// The other build: a worktree of the commit, this checkout's node_modules, built as npm run build does.
execFileSync("git", ["worktree", "add", "--detach", other, ref], { stdio: "ignore" });
try {
  symlinkSync(join(here, "node_modules"), join(other, "node_modules"));
  execFileSync("npm", ["run", "build"], { cwd: other, stdio: "ignore" });
  const builds: [string, string][] = [
    [ref, join(other, "bin/kcs.js")],
    ["this build", join(here, "bin/kcs.js")],
  ];

  const worlds = new Map<string, string>();
  for (const scenario of ["healthy", "network-errors"]) {
    const pristine = join(dir, `${scenario}.json`);
    spawnSync(process.execPath, [
      join(here, "bin/kcs.js"),
      "sim",
      "init",
      "--scenario",
      scenario,
      "--sim-state",
      pristine,
    ]);
    worlds.set(scenario, pristine);
  }
  /** A fresh copy of a world, beside its own caches (the account caches stay, as a user's would). */
  const freshWorld = (scenario: string, build: number) => {
    const pristine = worlds.get(scenario)!;
    const copy = join(dir, `${build}-${scenario}`, "w.json");
    mkdirSync(join(dir, `${build}-${scenario}`), { recursive: true });
    for (const ext of ["", ".key", ".checked"])
      if (existsSync(`${pristine}${ext}`)) copyFileSync(`${pristine}${ext}`, `${copy}${ext}`);
    rmSync(`${copy}.reads`, { force: true });
    return copy;
  };

  // One endpoint per build: a build's run then finds its server's LookupEvents quota (2 a second) spent
  // only by its own run a round earlier, seconds ago.
  const servers = await Promise.all(
    builds.map(async (_, b) => {
      const state = join(dir, `served-${b}`, "w.json");
      mkdirSync(join(dir, `served-${b}`));
      spawnSync(process.execPath, [
        join(here, "bin/kcs.js"),
        "sim",
        "init",
        "--scenario",
        "invalid-credentials",
        "--sim-state",
        state,
      ]);
      return serve(state);
    }),
  );
  stops.push(...servers.map((s) => s.stop));
  const commands: [string, (build: number) => string[]][] = [
    ["kcs --version", () => ["--version"]],
    ["kcs --help", () => ["--help"]],
    ["kcs sim status", (b) => ["sim", "status", "--sim-state", freshWorld("healthy", b)]],
    [
      "kcs doctor -o json (healthy)",
      (b) => ["doctor", "-o", "json", "--sim-state", freshWorld("healthy", b)],
    ],
    [
      "kcs doctor -o json (network-errors)",
      (b) => ["doctor", "-o", "json", "--sim-state", freshWorld("network-errors", b)],
    ],
    ["kcs doctor --backend aws (sim serve)", (b) => awsDoctorArgs(servers[b]!.url)],
  ];
  // Each build's own code cache, made by a first run of every command that is not timed.
  const env = (b: number) => ({
    ...process.env,
    ...CLI_ENV,
    NO_COLOR: "1",
    KCS_CODE_CACHE_DIR: join(dir, `cache-${b}`),
    KCS_LEDGER: join(dir, `ledger-${b}.json`),
  });
  const times = new Map<string, number[]>();
  const time = (key: string, file: string, args: string[], b: number, keep: boolean) => {
    const t0 = performance.now();
    const res = spawnSync(process.execPath, [file, ...args], { env: env(b), encoding: "utf8" });
    if (res.status !== 0 && res.status !== 2) throw new Error(`${key} exited ${res.status}: ${res.stderr}`);
    if (keep) times.set(key, [...(times.get(key) ?? []), performance.now() - t0]);
  };
  for (let round = -1; round < rounds; round++) {
    const keep = round >= 0;
    const t0 = performance.now();
    spawnSync(process.execPath, ["-e", "0"]);
    if (keep) times.set("node", [...(times.get("node") ?? []), performance.now() - t0]);
    // Which build goes first alternates by round: on these VMs the second of two runs in a row was
    // faster often enough to tilt a row's medians.
    const order = [...builds.entries()];
    if (round % 2 === 1) order.reverse();
    for (const [name, args] of commands)
      for (const [b, [label, file]] of order) time(`${name}|${label}`, file, args(b), b, keep);
  }

  const node = median(times.get("node")!);
  console.log(
    `Cold start, ${rounds} interleaved rounds: medians, and their ratio to node -e 0 (${node.toFixed(0)} ms)`,
  );
  console.log(`${"".padEnd(38)}${builds.map(([l]) => l.slice(0, 12).padStart(22)).join("")}`);
  for (const [name] of commands) {
    const cells = builds.map(([label]) => {
      const m = median(times.get(`${name}|${label}`)!);
      return `${m.toFixed(0)} ms (${(m / node).toFixed(2)}x)`.padStart(22);
    });
    console.log(`${name.padEnd(38)}${cells.join("")}`);
  }
} finally {
  for (const stop of stops) stop();
  execFileSync("git", ["worktree", "remove", "--force", other], { stdio: "ignore" });
  rmSync(dir, { recursive: true, force: true });
}
