import { join } from "node:path";
import { type Applied, apply } from "../../src/app/apply.js";
import { type AccountMemory, type Observation, observe } from "../../src/app/observe.js";
import { makePlan, type PlanRequest } from "../../src/app/plan.js";
import type { Backend } from "../../src/backend/backend.js";
import type { HsmOperator } from "../../src/backend/hsm-operator.js";
import { simXksTransport } from "../../src/backend/sim-xks-transport.js";
import { SimulatedOperator } from "../../src/backend/simulated-operator.js";
import { Budget } from "../../src/core/budget.js";
import type { RunClock } from "../../src/core/clock.js";
import type { ProxyCredential } from "../../src/core/proxy-credential.js";
import { Secret } from "../../src/core/secret.js";
import { Ledger } from "../../src/remediate/ledger.js";
import type { Plan } from "../../src/remediate/plan.js";
import type { World } from "../../src/sim/world.js";
import { tempDir } from "./cli.js";
import { type Harness, type HarnessOptions, harness, scenarioWorld, type Transport } from "./sim.js";

export const PASSWORD = new Secret("Fix3dPassw0rd");

/**
 * kcs's application layer (observe, plan, apply) in this process, against a simulator on simulated
 * time reached through the real SDK clients, in process or over HTTP (as `--backend aws
 * --endpoint-url` would). Every wait advances the simulated clock by its poll interval and returns at
 * once: time moves only when kcs waits, never by racing a wall clock.
 */
export interface App {
  h: Harness;
  backend: Backend;
  ledger: Ledger;
  clock: RunClock;
  operator: HsmOperator;
  observe(stores?: string[], opts?: { probe?: boolean }): Promise<Observation>;
  /** probe: as `kcs fix --probe` (doctor --probe's checks before planning). */
  plan(request?: Partial<PlanRequest>, opts?: { probe?: boolean }): Promise<Plan>;
  fix(
    plan: Plan,
    opts?: {
      password?: Secret;
      /** The XKS proxy credential, as --xks-credential-stdin gives it. */
      xksCredential?: ProxyCredential;
      /** Probe XKS proxies in the checks after each change with every proxy's credential (fix --probe with KCS_XKS_*). */
      probeProxies?: boolean;
      operator?: HsmOperator;
      timeoutMs?: number;
      stopBeforeManual?: boolean;
      /** --max-time, on the simulated clock. */
      maxTimeMs?: number;
      /** What someone else does while kcs waits: called before each of the run's sleeps. */
      meanwhile?: () => Promise<void>;
      /** Progress as a log ("lines") or machines ("json") see it, written to `write`. */
      progress?: { renderer: "lines" | "json"; write: (line: string) => void };
      /** The account caches, as kcs fix passes them (absent: --no-cache). */
      memory?: AccountMemory;
    },
  ): Promise<Applied>;
  close(): Promise<void>;
}

export async function app(
  world: World,
  transport: Transport = "in-process",
  options: HarnessOptions = {},
): Promise<App> {
  const h = await harness(world, transport, options);
  const backend: Backend = {
    kind: transport === "http" ? "aws" : "sim",
    clients: h.clients,
    region: world.region,
    ...(h.url ? { endpoint: h.url } : {}),
    xks: simXksTransport(h.store),
    close: () => undefined,
  };
  const ledger = new Ledger(join(tempDir("kcs-app-"), "ledger.json"));
  const clock: RunClock = {
    now: () => h.clock.now(),
    sleep: async (ms) => h.clock.advance(ms),
  };
  const operator = new SimulatedOperator(h.store);
  const planned = new WeakMap<Plan, Observation>();
  // A probe is given every proxy's credential, as an operator holding them all would give it.
  const proxyCredentials = () =>
    h.store.read((w) =>
      (w.xksProxies ?? []).map((p) => ({
        accessKeyId: p.credential.accessKeyId,
        secretAccessKey: new Secret(p.credential.secretAccessKey),
      })),
    );
  const see = (stores?: string[], connectEvents = false, probe = false) =>
    observe(backend, ledger, {
      ...(stores ? { stores } : {}),
      now: new Date(clock.now()),
      timer: clock,
      record: true,
      connectEvents,
      ...(probe ? { probe: true, probeKeys: true, xksCredentials: proxyCredentials() } : {}),
    });
  return {
    h,
    backend,
    ledger,
    clock,
    operator,
    observe: (stores, opts = {}) => see(stores, false, opts.probe === true),
    async plan(request = {}, opts = {}) {
      const observation = await see(request.stores, true, opts.probe === true);
      const plan = makePlan(observation, {
        stores: [],
        findings: [],
        params: {},
        passwordSource: "stdin",
        createdAt: new Date(clock.now()).toISOString(),
        ...request,
      });
      planned.set(plan, observation);
      return plan;
    },
    fix: async (plan, opts = {}) =>
      apply(plan, {
        // As kcs fix does: the run is judged, and each store watched, against what the plan was made from.
        before: planned.get(plan) ?? (await see()),
        backend,
        ledger,
        operator: opts.operator ?? operator,
        // `password: undefined` runs without one, as a plan that needs none does.
        ...("password" in opts ? (opts.password ? { password: opts.password } : {}) : { password: PASSWORD }),
        ...(opts.xksCredential ? { xksCredential: opts.xksCredential } : {}),
        ...(opts.probeProxies ? { xksProbeCredentials: proxyCredentials() } : {}),
        pollIntervalMs: 15_000,
        ...(opts.timeoutMs ? { timeoutMs: opts.timeoutMs } : {}),
        ...(opts.stopBeforeManual ? { stopBeforeManual: true } : {}),
        ...(opts.memory ? { memory: opts.memory } : {}),
        ...(opts.maxTimeMs !== undefined ? { budget: new Budget(clock.now, opts.maxTimeMs) } : {}),
        renderer: opts.progress ? opts.progress.renderer : "silent",
        ...(opts.progress ? { progress: opts.progress.write } : {}),
        clock: opts.meanwhile
          ? {
              now: clock.now,
              sleep: async (ms) => {
                await opts.meanwhile?.();
                await clock.sleep(ms);
              },
            }
          : clock,
      }),
    close: () => h.close(),
  };
}

/** Free subnets in two AZs, for the scenarios that move a cluster: kcs reads no EC2 state. */
export function freeSubnets(world: World): string {
  const used = new Set(
    world.clusters.filter((c) => c.State !== "DELETED").flatMap((c) => Object.values(c.SubnetMapping)),
  );
  return world.subnets
    .filter(
      (s) => !s.deleted && !used.has(s.SubnetId) && s.freeAddresses > 0 && /[ab]$/.test(s.AvailabilityZone),
    )
    .map((s) => s.SubnetId)
    .join(",");
}

export const codesOf = (o: Observation) => [...new Set(o.findings.map((f) => f.code))].sort();

/** Runs `test` on a fresh app over a scenario's world, and closes it however the test ends. */
export async function withApp(
  scenario: string | World,
  transport: Transport,
  test: (kcs: App) => Promise<void>,
  options: HarnessOptions = {},
) {
  const kcs = await app(
    typeof scenario === "string" ? scenarioWorld(scenario) : scenario,
    transport,
    options,
  );
  try {
    await test(kcs);
  } finally {
    await kcs.close();
  }
}
