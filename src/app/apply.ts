import { randomUUID } from "node:crypto";
import type { Backend } from "../backend/backend.js";
import type { HsmOperator } from "../backend/hsm-operator.js";
import type { Budget } from "../core/budget.js";
import type { RunClock } from "../core/clock.js";
import type { ProxyCredential } from "../core/proxy-credential.js";
import { Secret } from "../core/secret.js";
import { type Finding, needsAttention } from "../diagnose/finding.js";
import type { XksProbeCredential } from "../gather/xks-sign.js";
import { t } from "../i18n/index.js";
import { executePlan, type RendererChoice } from "../remediate/executor.js";
import type { Ledger } from "../remediate/ledger.js";
import type { Plan } from "../remediate/plan.js";
import { StepFailure } from "../remediate/step-context.js";
import { StoreWatch } from "../remediate/store-watch.js";
import { PROBE_ONLY, remainingFor, unprobed } from "../remediate/verify.js";
import type { FixResult } from "./fix-result-schema.js";
import { type AccountMemory, type Observation, observe } from "./observe.js";

export interface ApplyOptions {
  /** Tags what the run creates (default: a new UUID). */
  runId?: string;
  /** What kcs saw before the plan ran: what the run is judged against. */
  before: Observation;
  backend: Backend;
  ledger: Ledger;
  operator: HsmOperator;
  password?: Secret;
  /** The XKS proxy credential KMS is to be told (update-xks-proxy-credential). */
  xksCredential?: ProxyCredential;
  /** Proxy credentials the checks after each change probe XKS proxies with (as doctor --probe). */
  xksProbeCredentials?: XksProbeCredential[];
  pollIntervalMs: number;
  /** --timeout: overrides every wait's own. */
  timeoutMs?: number;
  renderer: RendererChoice;
  /** Where "lines" and "json" progress go (default: stderr). */
  progress?: (line: string) => void;
  clock: RunClock;
  /** --max-time: the steps and their verifications (the final diagnosis always runs). */
  budget?: Budget;
  /** --stop-before-manual */
  stopBeforeManual?: boolean;
  /** The --store selection, for the diagnosis that ends the run. */
  stores?: string[];
  /** What earlier runs remembered of the account: the run's own checks use it too. */
  memory?: AccountMemory;
  /** --cloudtrail-dir: the run's checks see the old events its plan was made from. */
  cloudtrailDirs?: string[];
}

export interface Applied {
  result: FixResult;
  /** Why the run is not a fix, in one line: the step that failed, where the store was left, how to resume. */
  problem?: string;
  /** The run stopped on purpose before a manual step: exit status 3, not 1. */
  stoppedBeforeManual?: boolean;
}

/** Findings no runbook repairs and that need attention: a person decides. */
function needsPerson(observation: Observation) {
  return [
    ...new Set(
      observation.findings.filter((f) => f.runbook === null && needsAttention(f)).map((f) => f.code),
    ),
  ];
}

/** What a plan with nothing to do amounts to. */
export function nothingToDo(plan: Plan, observation: Observation): FixResult {
  return {
    schemaVersion: 1,
    kind: "kcs-fix-result",
    ok: true,
    plan,
    outcomes: [],
    remaining: [],
    needsPerson: needsPerson(observation),
  };
}

const findingKey = (f: Finding) => `${f.customKeyStoreId} ${f.code} ${String(f.evidence.backingKeyId ?? "")}`;

/** Errors on these stores that `before` did not have: what a run broke, whatever it set out to fix. */
export function newErrors(before: Observation, after: Observation, stores: ReadonlySet<string>): Finding[] {
  const had = new Set(before.findings.map(findingKey));
  return after.findings.filter(
    (f) => stores.has(f.customKeyStoreId) && f.severity === "error" && !had.has(findingKey(f)),
  );
}

/** Keys of these stores that were Enabled before and are not now: data their users can no longer reach. */
export function keysNoLongerEnabled(
  before: Observation,
  after: Observation,
  stores: ReadonlySet<string>,
): string[] {
  const now = new Map(after.snapshot.keys.map((k) => [k.keyId, k.keyState]));
  return before.snapshot.keys
    .filter((k) => stores.has(k.customKeyStoreId) && k.keyState === "Enabled")
    .filter((k) => now.has(k.keyId) && now.get(k.keyId) !== "Enabled")
    .map((k) => k.keyId);
}

/**
 * Runs a confirmed plan, then diagnoses again: ok only when every step ran and nothing it targeted
 * is still found by a diagnosis whose every read succeeded.
 */
export async function apply(plan: Plan, opts: ApplyOptions): Promise<Applied> {
  // The proxy credential the run tells KMS is the proxy's own: when the plan targets what only a probe
  // shows, the checks after it probe with it too. Not otherwise: KMS's CONNECTED is the verdict there,
  // and kcs's host may not reach a proxy KMS reaches (a VPC endpoint service, a simulator's name).
  const needsProbe = plan.actions.some((a) => a.findings.some((c) => PROBE_ONLY.includes(c)));
  const probeCredentials: XksProbeCredential[] = [
    ...(opts.xksProbeCredentials ?? []),
    ...(opts.xksCredential && needsProbe
      ? [
          {
            accessKeyId: opts.xksCredential.accessKeyId.reveal(),
            secretAccessKey: new Secret(opts.xksCredential.secretAccessKey.reveal()),
          },
        ]
      : []),
  ];
  // The final diagnosis reads even when the budget is spent: the run must say where it left each store.
  const see = (stores: string[] | undefined, budget: Budget | null = opts.budget ?? null) =>
    observe(opts.backend, opts.ledger, {
      ...(stores?.length ? { stores } : {}),
      now: new Date(opts.clock.now()),
      timer: opts.clock,
      record: true,
      // A store kcs changed is checked as --probe would: a key that lost its backing key (a restore
      // from a backup older than it) still reads Enabled for a while, and only Encrypt tells.
      probe: true,
      probeKeys: true,
      xksCredentials: probeCredentials,
      ...(opts.memory ? { memory: opts.memory } : {}),
      ...(opts.cloudtrailDirs?.length ? { cloudtrailDirs: opts.cloudtrailDirs } : {}),
      ...(budget ? { budget } : {}),
    });
  const run = await executePlan(
    plan,
    {
      runId: opts.runId ?? randomUUID(),
      clients: opts.backend.clients,
      operator: opts.operator,
      ...(opts.password ? { password: opts.password } : {}),
      ...(opts.xksCredential ? { xksCredential: opts.xksCredential } : {}),
      pollIntervalMs: opts.pollIntervalMs,
      ...(opts.stopBeforeManual ? { stopBeforeManual: true } : {}),
      ...(opts.timeoutMs ? { timeoutMs: opts.timeoutMs } : {}),
      ...(opts.budget ? { budget: opts.budget } : {}),
      outputs: {},
      burned: new Set(),
      storePassword: new Map(),
      passwordSetOn: new Set(),
      ledger: opts.ledger,
      watch: new StoreWatch(opts.before.snapshot.stores),
      verify: async (action) => {
        const again = await see([action.customKeyStoreId]);
        const e = again.snapshot.errors[0];
        if (e)
          throw new StepFailure(
            t("fix.problem.cannotConfirmRead", { call: `${e.service}:${e.operation}`, code: e.code }),
            t("fix.problem.cannotConfirmReadHint"),
          );
        const blind = unprobed(action, again.snapshot);
        if (blind)
          throw new StepFailure(
            t("fix.problem.cannotConfirmBlind", { blind }),
            t("fix.problem.cannotConfirmBlindHint"),
          );
        // Targeted findings still there, and any error this run brought to the store.
        const store = new Set([action.customKeyStoreId]);
        return {
          remaining: remainingFor(action, again.findings),
          introduced: newErrors(opts.before, again, store),
        };
      },
      now: opts.clock.now,
      sleep: opts.clock.sleep,
    },
    opts.renderer,
    ...(opts.progress ? [opts.progress] : []),
  );
  // The stores the plan touched, diagnosed in full: fixed means the targeted findings are gone, no
  // new error appeared and every key usable before still is.
  const touched = new Set(plan.actions.map((a) => a.customKeyStoreId));
  const after = await see(opts.stores?.length ? [...new Set([...opts.stores, ...touched])] : undefined, null);
  const remaining = plan.actions.flatMap((a) => remainingFor(a, after.findings));
  const broke = newErrors(opts.before, after, touched);
  const lost = keysNoLongerEnabled(opts.before, after, touched);
  // A diagnosis with failed reads cannot confirm anything is gone.
  const unconfirmed = after.snapshot.errors[0];
  const blind = plan.actions.map((a) => unprobed(a, after.snapshot)).find((why) => why !== undefined);
  const ok =
    run.ok && remaining.length === 0 && broke.length === 0 && lost.length === 0 && !unconfirmed && !blind;
  const result: FixResult = {
    schemaVersion: 1,
    kind: "kcs-fix-result",
    ok,
    plan,
    outcomes: run.outcomes,
    remaining,
    newFindings: broke,
    keysNoLongerEnabled: lost,
    needsPerson: needsPerson(after),
  };
  if (ok) return { result };
  const f = run.failure;
  if (f?.stoppedBeforeManual) {
    const store = after.snapshot.stores.find((s) => s.customKeyStoreId === f.action.customKeyStoreId);
    const step = f.action.steps.find((s) => s.id === f.stepId);
    return {
      result,
      stoppedBeforeManual: true,
      problem: t("fix.problem.stoppedBeforeManual", {
        step: f.stepId,
        runbook: f.action.runbook,
        name: f.action.customKeyStoreName,
        message: f.message,
        state: store?.connectionState ?? t("fix.problem.gone"),
        where: step?.action.startsWith("xks.") ? t("fix.problem.onProxy") : t("fix.problem.onHsm"),
        commands: (step?.commands ?? []).filter((c) => !c.startsWith("#")).join(" ; "),
      }),
    };
  }
  if (f) {
    const store = after.snapshot.stores.find((s) => s.customKeyStoreId === f.action.customKeyStoreId);
    const where = store
      ? t("fix.problem.nowState", {
          state: store.connectionState,
          code: store.connectionErrorCode ? ` (${store.connectionErrorCode})` : "",
        })
      : "";
    // The hint is in the run's language, and so is how it says "run kcs fix again".
    const resume = f.hint?.includes(t("fix.problem.resumeSaid")) ? "" : t("fix.problem.resume");
    return {
      result,
      problem: t("fix.problem.stepFailed", {
        step: f.stepId,
        runbook: f.action.runbook,
        name: f.action.customKeyStoreName,
        message: f.message.replace(/\.$/, ""),
        where,
        hint: f.hint ? t("fix.problem.hint", { hint: f.hint }) : "",
        resume,
      }),
    };
  }
  if (blind) return { result, problem: t("fix.problem.blind", { blind }) };
  if (unconfirmed) {
    return {
      result,
      problem: t("fix.problem.unconfirmed", {
        call: `${unconfirmed.service}:${unconfirmed.operation}`,
        code: unconfirmed.code,
      }),
    };
  }
  if (broke.length || lost.length) {
    const what = [
      ...(broke.length
        ? [t("fix.problem.newCodes", { codes: [...new Set(broke.map((f) => f.code))].join(", ") })]
        : []),
      ...(lost.length
        ? [
            t("fix.problem.lostKeys", {
              count: lost.length,
              keys: `${lost.slice(0, 3).join(", ")}${lost.length > 3 ? " …" : ""}`,
            }),
          ]
        : []),
    ].join(t("fix.problem.and"));
    return {
      result,
      problem: t("fix.problem.left", { what }),
    };
  }
  return {
    result,
    problem: t("fix.problem.stillFinds", { codes: remaining.map((r) => r.code).join(", ") }),
  };
}
