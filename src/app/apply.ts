import type { Backend } from "../backend/backend.js";
import type { HsmOperator } from "../backend/hsm-operator.js";
import type { RunClock } from "../core/clock.js";
import type { Secret } from "../core/secret.js";
import { needsAttention } from "../diagnose/finding.js";
import { executePlan, type RendererChoice } from "../remediate/executor.js";
import type { Ledger } from "../remediate/ledger.js";
import type { Plan } from "../remediate/plan.js";
import { StepFailure } from "../remediate/step-context.js";
import { remainingFor } from "../remediate/verify.js";
import type { FixResult } from "./fix-result-schema.js";
import { type Observation, observe } from "./observe.js";

export interface ApplyOptions {
  backend: Backend;
  ledger: Ledger;
  operator: HsmOperator;
  password?: Secret;
  pollIntervalMs: number;
  /** --timeout: overrides every wait's own. */
  timeoutMs?: number;
  renderer: RendererChoice;
  clock: RunClock;
  /** The --store selection, for the diagnosis that ends the run. */
  stores?: string[];
}

export interface Applied {
  result: FixResult;
  /** Why the run is not a fix, in one line: the step that failed, where the store was left, how to resume. */
  problem?: string;
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

/**
 * Runs a confirmed plan, then diagnoses again: ok only when every step ran and nothing it targeted
 * is still found by a diagnosis whose every read succeeded.
 */
export async function apply(plan: Plan, opts: ApplyOptions): Promise<Applied> {
  const see = (stores: string[] | undefined) =>
    observe(opts.backend, opts.ledger, {
      ...(stores?.length ? { stores } : {}),
      now: new Date(opts.clock.now()),
      timer: opts.clock,
      record: true,
    });
  const run = await executePlan(
    plan,
    {
      clients: opts.backend.clients,
      operator: opts.operator,
      ...(opts.password ? { password: opts.password } : {}),
      pollIntervalMs: opts.pollIntervalMs,
      ...(opts.timeoutMs ? { timeoutMs: opts.timeoutMs } : {}),
      outputs: {},
      burned: new Set(),
      storePassword: new Map(),
      passwordSetOn: new Set(),
      ledger: opts.ledger,
      verify: async (action) => {
        const again = await see([action.customKeyStoreId]);
        const e = again.snapshot.errors[0];
        if (e)
          throw new StepFailure(
            `cannot confirm: ${e.service}:${e.operation} failed (${e.code})`,
            "Run kcs doctor once the read works.",
          );
        return remainingFor(action, again.findings);
      },
      now: opts.clock.now,
      sleep: opts.clock.sleep,
    },
    opts.renderer,
  );
  const after = await see(opts.stores);
  const remaining = plan.actions.flatMap((a) => remainingFor(a, after.findings));
  // A diagnosis with failed reads cannot confirm anything is gone.
  const unconfirmed = after.snapshot.errors[0];
  const ok = run.ok && remaining.length === 0 && !unconfirmed;
  const result: FixResult = {
    schemaVersion: 1,
    kind: "kcs-fix-result",
    ok,
    plan,
    outcomes: run.outcomes,
    remaining,
    needsPerson: needsPerson(after),
  };
  if (ok) return { result };
  const f = run.failure;
  if (f) {
    const store = after.snapshot.stores.find((s) => s.customKeyStoreId === f.action.customKeyStoreId);
    const where = store
      ? ` The store is now ${store.connectionState}${store.connectionErrorCode ? ` (${store.connectionErrorCode})` : ""}.`
      : "";
    const resume = f.hint?.includes("kcs fix again")
      ? ""
      : " Running kcs fix again continues from the live state.";
    return {
      result,
      problem: `step ${f.stepId} of ${f.action.runbook} on ${f.action.customKeyStoreName} failed: ${f.message}.${where}${f.hint ? ` ${f.hint}` : ""}${resume}`,
    };
  }
  if (unconfirmed) {
    return {
      result,
      problem: `the steps ran, but ${unconfirmed.service}:${unconfirmed.operation} failed (${unconfirmed.code}), so kcs cannot confirm the repair; run kcs doctor once the read works.`,
    };
  }
  return {
    result,
    problem: `the steps ran but kcs doctor still finds ${remaining.map((r) => r.code).join(", ")}; run kcs doctor for the evidence.`,
  };
}
