import type { BackendKind } from "../core/backend-options.js";
import { UsageError } from "../core/errors.js";
import type { FindingCode } from "../diagnose/catalog.js";
import type { Finding } from "../diagnose/finding.js";
import type { Snapshot } from "../gather/snapshot.js";
import { fingerprint } from "../remediate/fingerprint.js";
import type { Plan } from "../remediate/plan.js";
import { buildPlan } from "../remediate/planner.js";
import { loadRunbooks } from "../remediate/runbooks.js";
import type { Observation } from "./observe.js";

export interface PlanRequest {
  /** --store: ids or names; empty = every store. */
  stores: string[];
  /** --finding: codes; empty = every finding of severity error that has a runbook. */
  findings: FindingCode[];
  /** --include-warnings: without --finding, repair warnings and info too. */
  includeWarnings?: boolean;
  /** --param NAME=VALUE */
  params: Record<string, string>;
  passwordSource: "stdin" | "env" | "prompt";
  createdAt: string;
}

/**
 * The findings the request selects that a runbook can repair. Without --finding only errors are
 * repaired: a warning's runbook may take a working store offline (the contract, kcs fix rule 1).
 */
export function selectFindings(
  observation: Observation,
  req: Pick<PlanRequest, "stores" | "findings" | "includeWarnings">,
): Finding[] {
  const { snapshot, findings } = observation;
  const inStores = findings.filter((f) => {
    const store = snapshot.stores.find((s) => s.customKeyStoreId === f.customKeyStoreId);
    return (
      req.stores.length === 0 ||
      req.stores.some((w) => w === f.customKeyStoreId || w === store?.customKeyStoreName)
    );
  });
  const absent = req.findings.filter((code) => !inStores.some((f) => f.code === code));
  if (absent.length) {
    throw new UsageError(
      `--finding ${absent.join(", ")}: no selected store has it now. Nothing was changed; kcs doctor shows what each store has.`,
    );
  }
  return inStores.filter(
    (f) =>
      f.runbook !== null &&
      (req.findings.length ? req.findings.includes(f.code) : req.includeWarnings || f.severity === "error"),
  );
}

/** A plan made from a partial picture could act on the wrong state, or miss what matters. */
export function requireCompleteRead(snapshot: Snapshot): void {
  const e = snapshot.errors[0];
  if (e)
    throw new UsageError(
      `kcs fix needs a complete diagnosis, but ${e.service}:${e.operation} failed (${e.code}: ${e.message}). Nothing was changed; kcs doctor shows every read that failed.`,
    );
}

/** A new plan from what kcs observes now. */
export function makePlan(observation: Observation, req: PlanRequest): Plan {
  requireCompleteRead(observation.snapshot);
  return buildPlan({
    snapshot: observation.snapshot,
    findings: selectFindings(observation, req),
    runbooks: loadRunbooks(),
    params: req.params,
    passwordSource: req.passwordSource,
    createdAt: req.createdAt,
  });
}

/**
 * A saved plan is applied only where it was made and only while the world is as it was: every store
 * it acts on must have a basis fingerprint, and every fingerprint must match the live state.
 */
export function checkSavedPlan(
  plan: Plan,
  observation: Observation,
  where: { backend: BackendKind; region: string },
  path: string,
): Plan {
  requireCompleteRead(observation.snapshot);
  if (plan.backend !== where.backend || plan.region !== where.region) {
    throw new UsageError(
      `${path} was made for ${plan.backend} in ${plan.region}, not ${where.backend} in ${where.region}. Nothing was changed.`,
    );
  }
  const uncovered = plan.actions.filter(
    (a) => !plan.basis.some((b) => b.customKeyStoreId === a.customKeyStoreId),
  );
  if (uncovered.length) {
    throw new UsageError(
      `${path} acts on ${uncovered[0]!.customKeyStoreId} without a basis fingerprint for it: not a plan kcs made. Nothing was changed.`,
    );
  }
  const stale = plan.basis.filter(
    (b) => fingerprint(observation.snapshot, b.customKeyStoreId) !== b.fingerprint,
  );
  if (stale.length) {
    throw new UsageError(
      `${path} is stale: ${stale.map((s) => s.customKeyStoreId).join(", ")} changed since the plan was made. Nothing was changed; make a new plan with kcs fix --dry-run.`,
    );
  }
  return plan;
}

export function needsPassword(plan: Plan): boolean {
  return plan.actions.some((a) => a.parameters.some((p) => p.name === "KmsUserPassword"));
}
