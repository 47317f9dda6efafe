import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { buildScenario, openWorldFile } from "../src/backend/sim.js";
import { SCENARIOS } from "../src/sim/scenarios/catalog.js";
import type { World } from "../src/sim/world.js";
import { damage, filesHolding, readWorld } from "./invariants.js";
import { calls, mutations, type Ran, runKcs, type Server, serve } from "./processes.js";

export type ChaosBackend = "sim" | "aws";

/** Every scenario with something to fix. */
export const FIXABLE = SCENARIOS.map((s) => s.name).filter((n) => n !== "healthy");
const MOVES_CLUSTER = new Set(["subnet-not-found", "insufficient-free-addresses-in-subnet"]);
const PASSWORD = "Chaos7Passw0rdXyz";
const HOOK = resolve("test/fixtures/sim-hsm-hook.mjs");
/** Simulated time runs this much faster than the wall clock, so a restore takes seconds. */
const TIME_SCALE = 1200;
/** What the network does to a run under faults: transient 5xx, lost answers, resets, hangs, latency. */
const FAULTS = [
  "--error-rate",
  "0.1",
  "--lost-answer-rate",
  "0.2",
  "--reset-rate",
  "0.05",
  "--hang-rate",
  "0.02",
  "--hang",
  "3s",
  "--latency",
  "2ms",
  "--quotas",
  "on",
];
const FAULT_CODES = /Internal|Throttl|ServiceUnavailable/;

export interface Tally {
  cases: number;
  runs: number;
  faultsInjected: number;
  kills: number;
  killsCompleted: number;
  worlds: number;
  worldsHealthy: number;
  duplicates: number;
  lockouts: number;
  failedLogins: number;
  materialLost: number;
  secretsFound: number;
  dryRunAndRefusalMutations: number;
  tamperedPlans: number;
  tamperedRefused: number;
  concurrentPairs: number;
  concurrentHealthy: number;
  /** What went wrong, one line each, for the report. */
  problems: string[];
}

export const emptyTally = (): Tally => ({
  cases: 0,
  runs: 0,
  faultsInjected: 0,
  kills: 0,
  killsCompleted: 0,
  worlds: 0,
  worldsHealthy: 0,
  duplicates: 0,
  lockouts: 0,
  failedLogins: 0,
  materialLost: 0,
  secretsFound: 0,
  dryRunAndRefusalMutations: 0,
  tamperedPlans: 0,
  tamperedRefused: 0,
  concurrentPairs: 0,
  concurrentHealthy: 0,
  problems: [],
});

/** One scenario on one backend, in its own folder: a world, its call log, its ledger. */
class Case {
  readonly dir = mkdtempSync(join(tmpdir(), "kcs-chaos-"));
  readonly world = join(this.dir, "world.json");
  readonly log = join(this.dir, "calls.jsonl");
  readonly ledger = join(this.dir, "ledger.json");
  readonly outputs: string[] = [];
  private server?: Server;
  private initial?: World;

  constructor(
    readonly scenario: string,
    readonly backend: ChaosBackend,
    private readonly tally: Tally,
  ) {}

  /** A fresh copy of the scenario; the call log and the ledger start empty. */
  async init(): Promise<void> {
    const w = buildScenario(this.scenario);
    w.clock.scale = TIME_SCALE;
    openWorldFile(this.world).replace(w);
    this.initial = readWorld(this.world);
    this.subnetParams = this.chooseParams();
    for (const f of [this.log, this.ledger, `${this.world}.ledger.json`]) rmSync(f, { force: true });
    if (this.backend === "aws" && !this.server)
      this.server = await serve(this.world, { KCS_SIM_CALL_LOG: this.log });
  }

  private backendArgs(): string[] {
    return this.backend === "sim"
      ? ["--sim-state", this.world]
      : ["--backend", "aws", "--endpoint-url", this.server!.url, "--region", "eu-west-1"];
  }

  private env(): Record<string, string> {
    return this.backend === "sim"
      ? { KCS_SIM_CALL_LOG: this.log }
      : {
          AWS_ACCESS_KEY_ID: "AKIDCHAOS",
          AWS_SECRET_ACCESS_KEY: "not-a-secret",
          KCS_LEDGER: this.ledger,
          KCS_HOOK_SIM_STATE: this.world,
        };
  }

  /** The scenario's --param, chosen once from the fresh world: an operator re-runs with the same one. */
  params(): string[] {
    return this.subnetParams;
  }

  private subnetParams: string[] = [];

  private chooseParams(): string[] {
    if (!MOVES_CLUSTER.has(this.scenario)) return [];
    const w = readWorld(this.world);
    const used = new Set(
      w.clusters.filter((c) => c.State !== "DELETED").flatMap((c) => Object.values(c.SubnetMapping)),
    );
    const free = w.subnets.filter(
      (s) => !s.deleted && !used.has(s.SubnetId) && s.freeAddresses > 0 && /[ab]$/.test(s.AvailabilityZone),
    );
    return ["--param", `SubnetIds=${free.map((s) => s.SubnetId).join(",")}`];
  }

  async kcs(args: string[], killWhen?: () => boolean): Promise<Ran> {
    this.tally.runs++;
    const ran = await runKcs([...this.backendArgs(), "--request-timeout", "2s", ...args], {
      env: this.env(),
      input: `${PASSWORD}\n`,
      ...(killWhen ? { killWhen } : {}),
    });
    this.outputs.push(ran.stdout, ran.stderr);
    return ran;
  }

  fix(extra: string[] = [], killWhen?: () => boolean): Promise<Ran> {
    const hook = this.backend === "aws" ? ["--hsm-hook", HOOK] : [];
    return this.kcs(
      [
        "fix",
        "--yes",
        "--include-warnings",
        "--password-stdin",
        // A fleet's stores would each need their own password otherwise; the campaign gives one.
        "--same-password",
        "--poll-interval",
        "50ms",
        ...hook,
        ...this.params(),
        ...extra,
      ],
      killWhen,
    );
  }

  faults(args: string[]): Promise<Ran> {
    return runKcs(["sim", "faults", "--sim-state", this.world, ...args], { env: {} });
  }

  /** Runs fix until one succeeds (a run may stop on a fault; the next continues), at most `tries`. */
  async fixUntilDone(tries: number): Promise<boolean> {
    for (let i = 0; i < tries; i++) if ((await this.fix()).code === 0) return true;
    return false;
  }

  /** Judges the world now: healthy by kcs doctor, and undamaged by the world's own record. */
  async judge(what: string): Promise<boolean> {
    await this.faults(["--clear"]);
    const doctor = await this.kcs(["doctor", "-o", "json"]);
    const d = damage(this.initial!, readWorld(this.world));
    this.tally.worlds++;
    this.tally.duplicates += d.duplicates;
    this.tally.lockouts += d.lockouts;
    this.tally.failedLogins += d.failedLogins;
    this.tally.materialLost += d.materialLost;
    const healthy = doctor.code === 0;
    if (healthy) this.tally.worldsHealthy++;
    const bad = !healthy || d.duplicates || d.lockouts || d.materialLost;
    if (bad)
      this.tally.problems.push(
        `${this.scenario} (${this.backend}) ${what}: doctor exit ${doctor.code}${healthy ? "" : ` (${codesOf(doctor.stdout)})`}${d.duplicates ? `, ${d.duplicates} duplicated` : ""}${d.lockouts ? `, ${d.lockouts} locked out` : ""}${d.materialLost ? `, ${d.materialLost} keys lost material` : ""}`,
      );
    return !bad;
  }

  countFaults(): void {
    this.tally.faultsInjected += calls(this.log).filter((c) => c.error && FAULT_CODES.test(c.error)).length;
  }

  async close(): Promise<void> {
    await this.server?.stop();
    const secret = [
      ...filesHolding(this.dir, PASSWORD),
      ...(this.outputs.some((o) => o.includes(PASSWORD)) ? ["output"] : []),
    ];
    this.tally.secretsFound += secret.length;
    if (secret.length)
      this.tally.problems.push(`${this.scenario} (${this.backend}): password found in ${secret.join(", ")}`);
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** The finding codes of a doctor -o json report, for a problem line. */
function codesOf(json: string): string {
  try {
    const report = JSON.parse(json) as { findings?: { code: string }[]; errors?: { code: string }[] };
    return [
      ...(report.findings ?? []).map((f) => f.code),
      ...(report.errors ?? []).map((e) => `read error ${e.code}`),
    ].join(", ");
  } catch {
    return "no report";
  }
}

/** A dry run and a refusal (no --yes, no terminal) change nothing. */
async function dryRunAndRefusal(c: Case, tally: Tally): Promise<void> {
  await c.init();
  await c.kcs(["fix", "--dry-run", "--include-warnings", ...c.params()]);
  await c.kcs(["fix", "--include-warnings", ...c.params()]);
  const made = mutations(c.log).length;
  tally.dryRunAndRefusalMutations += made;
  if (made)
    tally.problems.push(`${c.scenario} (${c.backend}): ${made} mutating calls in a dry run or refusal`);
}

/** Saved plans edited after review are refused before any change. */
async function tamperedPlans(c: Case, tally: Tally): Promise<void> {
  const edits: [string, (plan: { actions: { steps: Record<string, unknown>[] }[] }) => void][] = [
    [
      "step input",
      (p) =>
        ((p.actions[0]!.steps[0]!.input as Record<string, unknown>).CustomKeyStoreId =
          "cks-0123456789abcdef0"),
    ],
    ["mutation flag", (p) => (p.actions[0]!.steps[0]!.mutating = !p.actions[0]!.steps[0]!.mutating)],
    ["added step", (p) => p.actions[0]!.steps.push({ ...p.actions[0]!.steps[0]!, id: "extra" })],
  ];
  for (const [what, edit] of edits) {
    await c.init();
    const planPath = join(c.dir, "plan.json");
    const dry = await c.kcs(["fix", "--dry-run", "--include-warnings", "--out", planPath, ...c.params()]);
    // Exit 0: the world settled by itself (a connect in progress ended) and there is nothing to tamper with.
    if (dry.code === 0) continue;
    if (dry.code !== 2) {
      tally.problems.push(
        `${c.scenario} (${c.backend}): the dry run to save a plan exited ${dry.code}: ${dry.stderr.trim().slice(0, 200)}`,
      );
      continue;
    }
    const plan = JSON.parse(readFileSync(planPath, "utf8"));
    // A world that settled by itself (a connect in progress ended) has nothing to tamper with.
    if (!plan.actions?.[0]?.steps?.length) continue;
    edit(plan);
    writeFileSync(planPath, JSON.stringify(plan));
    const before = mutations(c.log).length;
    const ran = await c.kcs(["fix", "--plan", planPath, "--yes", "--password-stdin"]);
    tally.tamperedPlans++;
    if (ran.code === 1 && mutations(c.log).length === before) tally.tamperedRefused++;
    else
      tally.problems.push(
        `${c.scenario} (${c.backend}): a plan with an edited ${what} ran (exit ${ran.code})`,
      );
  }
}

/** Under transient errors, lost answers, resets and hangs, runs of kcs fix end with a healthy world. */
async function underFaults(c: Case): Promise<void> {
  await c.init();
  await c.faults(FAULTS);
  await c.fixUntilDone(6);
  c.countFaults();
  await c.judge("under faults");
}

/** kill -9 after each change kcs makes, then a plain re-run: it must finish the repair. */
async function kills(c: Case, tally: Tally, sample: "all" | number): Promise<void> {
  await c.init();
  await c.fix();
  const total = mutations(c.log).length;
  const points = Array.from({ length: total }, (_, i) => i + 1);
  const chosen =
    sample === "all" || points.length <= sample
      ? points
      : Array.from(
          { length: sample },
          (_, i) => points[Math.round((i * (points.length - 1)) / Math.max(1, sample - 1))]!,
        );
  for (const k of chosen) {
    await c.init();
    const killed = await c.fix([], () => mutations(c.log).length >= k);
    if (killed.signal !== "SIGKILL") continue; // the run ended before its k-th change
    tally.kills++;
    await c.fixUntilDone(3);
    if (await c.judge(`killed after change ${k}`)) tally.killsCompleted++;
  }
}

/** Two fixes at once on one account and Region: one waits or refuses; then the world is repaired once. */
async function concurrent(c: Case, tally: Tally): Promise<void> {
  await c.init();
  await Promise.all([c.fix(), c.fix()]);
  await c.fixUntilDone(2);
  tally.concurrentPairs++;
  if (await c.judge("after two concurrent runs")) tally.concurrentHealthy++;
}

export interface CampaignOptions {
  scenarios: string[];
  backends: ChaosBackend[];
  /** kill -9 points per case: every change, or this many spread over them. */
  kills: "all" | number;
  progress?: (line: string) => void;
}

export async function campaign(opts: CampaignOptions): Promise<Tally> {
  const tally = emptyTally();
  let reported = 0;
  for (const backend of opts.backends) {
    for (const scenario of opts.scenarios) {
      const c = new Case(scenario, backend, tally);
      tally.cases++;
      try {
        await dryRunAndRefusal(c, tally);
        await tamperedPlans(c, tally);
        await underFaults(c);
        await kills(c, tally, opts.kills);
        await concurrent(c, tally);
      } finally {
        await c.close();
      }
      for (const p of tally.problems.slice(reported)) opts.progress?.(`  problem: ${p}`);
      reported = tally.problems.length;
      opts.progress?.(
        `${scenario} (${backend}): ${tally.runs} runs so far, ${tally.problems.length} problems`,
      );
    }
  }
  return tally;
}

/** The goals: nothing lost, nothing duplicated, no lockout, no secret, every interruption completed. */
export function goalsMet(t: Tally): boolean {
  return (
    t.problems.length === 0 &&
    t.duplicates === 0 &&
    t.lockouts === 0 &&
    t.materialLost === 0 &&
    t.secretsFound === 0 &&
    t.dryRunAndRefusalMutations === 0 &&
    t.tamperedRefused === t.tamperedPlans &&
    t.killsCompleted === t.kills &&
    t.worldsHealthy === t.worlds
  );
}

export function tallyTable(t: Tally): string {
  const row = (what: string, value: string | number, goal: string) => `| ${what} | ${value} | ${goal} |`;
  return [
    "| measure | result | goal |",
    "| --- | --- | --- |",
    row("scenario × backend cases", t.cases, ""),
    row("kcs runs", t.runs, ""),
    row("faults injected (5xx, lost answers, resets, throttling)", t.faultsInjected, ""),
    row("kill -9 after a change, then a re-run", `${t.killsCompleted} of ${t.kills} completed`, "all"),
    row("worlds ending healthy (kcs doctor exit 0)", `${t.worldsHealthy} of ${t.worlds}`, "all"),
    row("duplicated billed resources", t.duplicates, "0"),
    row("kmsuser lockouts", t.lockouts, "0"),
    row("failed kmsuser logins left at the end", t.failedLogins, "—"),
    row("key material of live keys lost", t.materialLost, "0"),
    row("secrets found in output or files", t.secretsFound, "0"),
    row("mutating calls in dry runs and refusals", t.dryRunAndRefusalMutations, "0"),
    row("tampered saved plans refused", `${t.tamperedRefused} of ${t.tamperedPlans}`, "all"),
    row("two concurrent runs, then healthy", `${t.concurrentHealthy} of ${t.concurrentPairs}`, "all"),
  ].join("\n");
}
