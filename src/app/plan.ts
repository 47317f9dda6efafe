import type { BackendKind } from "../core/backend-options.js";
import { UsageError } from "../core/errors.js";
import type { FindingCode } from "../diagnose/catalog.js";
import type { Finding } from "../diagnose/finding.js";
import type { Snapshot } from "../gather/snapshot.js";
import { t } from "../i18n/index.js";
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
  /** Where a new XKS proxy credential comes from (default: a prompt). */
  xksCredentialSource?: "stdin" | "env" | "prompt";
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
    // The contract (kcs fix, rule 1): refused with exit 1, never "nothing to do" with exit 0; a
    // script that asked for one repair must not read success when there was nothing it could repair.
    throw new UsageError(
      t("fix.findingAbsent", { codes: absent.join(", "), instead: foundInstead(inStores, snapshot) }),
    );
  }
  return inStores.filter(
    (f) =>
      f.runbook !== null &&
      (req.findings.length ? req.findings.includes(f.code) : req.includeWarnings || f.severity === "error"),
  );
}

/** What the selected stores have instead, by store: "INVALID_CREDENTIALS on payments-cks; ...". */
function foundInstead(findings: Finding[], snapshot: Snapshot): string {
  if (findings.length === 0) return t("fix.instead.nothing");
  const byStore = new Map<string, Set<string>>();
  for (const f of findings) {
    const store = snapshot.stores.find((s) => s.customKeyStoreId === f.customKeyStoreId);
    const name = store?.customKeyStoreName ?? f.customKeyStoreId;
    byStore.set(name, (byStore.get(name) ?? new Set()).add(f.code));
  }
  const shown = [...byStore]
    .slice(0, 4)
    .map(([name, codes]) => t("fix.instead.onStore", { codes: [...codes].join(", "), name }));
  const more = byStore.size - shown.length;
  return `${shown.join("; ")}${more > 0 ? t("fix.instead.more", { count: more }) : ""}`;
}

/**
 * A plan made from a partial picture could act on the wrong state, or miss what matters. EC2's reads
 * are the exception: they only add evidence and choose subnets, the planner refuses by itself when it
 * needs what they would have said, and --param SubnetIds stands in for them. Without ec2:Describe*
 * a fix must still do what it did before kcs read EC2.
 */
export function requireCompleteRead(snapshot: Snapshot): void {
  const e = snapshot.errors.find((x) => x.service !== "ec2");
  if (e)
    throw new UsageError(
      t("fix.incompleteRead", { call: `${e.service}:${e.operation}`, code: e.code, message: e.message }),
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
    ...(req.xksCredentialSource ? { xksCredentialSource: req.xksCredentialSource } : {}),
    createdAt: req.createdAt,
  });
}

/** The first place where two JSON values differ, as a path (actions[0].steps[2].input.ClusterId), or undefined. */
function firstDifference(a: unknown, b: unknown, path = ""): string | undefined {
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      const d = firstDifference(a[i], b[i], `${path}[${i}]`);
      if (d) return d;
    }
    return undefined;
  }
  if (a && b && typeof a === "object" && typeof b === "object" && !Array.isArray(a) && !Array.isArray(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    for (const k of keys) {
      const d = firstDifference(
        (a as Record<string, unknown>)[k],
        (b as Record<string, unknown>)[k],
        path ? `${path}.${k}` : k,
      );
      if (d) return d;
    }
    return undefined;
  }
  return JSON.stringify(a) === JSON.stringify(b) ? undefined : path || "(the plan)";
}

/** Parameters whose value is a secret taken again by each run: where it comes from is the run's business. */
const SECRET_PARAMETERS = ["KmsUserPassword", "XksProxyCredential"];

/** What a reviewer approved: the stores' basis and every action, step, input and parameter. */
function approved(plan: Plan) {
  return {
    basis: plan.basis,
    // Where the new password comes from is this run's business, not the approval's.
    actions: plan.actions.map((a) => ({
      ...a,
      parameters: a.parameters.map((p) =>
        SECRET_PARAMETERS.includes(p.name) ? { ...p, source: "(this run)" } : p,
      ),
    })),
  };
}

/**
 * A saved plan is an approval, not a program. It applies only where it was made and only while the
 * world is as it was (every store it acts on has a basis fingerprint that matches the live state), and
 * only if kcs, planning again from the live state for the same findings and parameters, makes exactly
 * the same plan. What runs is that fresh plan: kinds, calls and mutation come from kcs's own actions,
 * never from the file.
 */
export function approveSavedPlan(
  saved: Plan,
  observation: Observation,
  where: {
    backend: BackendKind;
    region: string;
    passwordSource: PlanRequest["passwordSource"];
    xksCredentialSource?: PlanRequest["xksCredentialSource"];
  },
  path: string,
): Plan {
  requireCompleteRead(observation.snapshot);
  if (saved.backend !== where.backend || saved.region !== where.region) {
    throw new UsageError(
      t("fix.saved.otherBackend", {
        path,
        savedBackend: saved.backend,
        savedRegion: saved.region,
        backend: where.backend,
        region: where.region,
      }),
    );
  }
  const uncovered = saved.actions.filter(
    (a) => !saved.basis.some((b) => b.customKeyStoreId === a.customKeyStoreId),
  );
  if (uncovered.length) {
    throw new UsageError(t("fix.saved.noBasis", { path, id: uncovered[0]!.customKeyStoreId }));
  }
  const stale = saved.basis.filter(
    (b) => fingerprint(observation.snapshot, b.customKeyStoreId) !== b.fingerprint,
  );
  if (stale.length) {
    throw new UsageError(
      t("fix.saved.stale", { path, ids: stale.map((s) => s.customKeyStoreId).join(", ") }),
    );
  }
  const fresh = makePlan(observation, {
    stores: [...new Set(saved.actions.map((a) => a.customKeyStoreId))],
    findings: [...new Set(saved.actions.flatMap((a) => a.findings))],
    params: Object.fromEntries(
      saved.actions.flatMap((a) =>
        a.parameters.filter((p) => p.source === "--param").map((p) => [p.name, p.value]),
      ),
    ),
    passwordSource: where.passwordSource,
    ...(where.xksCredentialSource ? { xksCredentialSource: where.xksCredentialSource } : {}),
    createdAt: saved.createdAt,
  });
  const differs = firstDifference(approved(saved), approved(fresh));
  if (differs) {
    throw new UsageError(t("fix.saved.differs", { path, differs }));
  }
  return fresh;
}

/**
 * The stores whose kmsuser password the plan sets. One password is never set on more than one of
 * them unless the operator asks (--same-password): a leaked password should open one cluster.
 */
export function passwordStores(plan: Plan): string[] {
  return [
    ...new Set(
      plan.actions
        .filter((a) => a.parameters.some((p) => p.name === "KmsUserPassword"))
        .map((a) => a.customKeyStoreName),
    ),
  ];
}

export function needsPassword(plan: Plan): boolean {
  return plan.actions.some((a) => a.parameters.some((p) => p.name === "KmsUserPassword"));
}

/** The stores to which the plan tells a new XKS proxy credential (one credential is one proxy's). */
export function xksCredentialStores(plan: Plan): string[] {
  return [
    ...new Set(
      plan.actions
        .filter((a) => a.parameters.some((p) => p.name === "XksProxyCredential"))
        .map((a) => a.customKeyStoreName),
    ),
  ];
}
