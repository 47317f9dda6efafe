// A fleet's plan: each (account, Region)'s plan, made from its own observation, merged into one
// document whose actions and basis say where they run, with the impact summed over the fleet; and
// back again: the part of a fleet plan one target runs with its own clients and credentials.

import { UsageError } from "../core/errors.js";
import type { FindingCode } from "../diagnose/catalog.js";
import { t } from "../i18n/index.js";
import type { Impact, Plan } from "../remediate/plan.js";
import type { FailedTarget, TargetObservation } from "../report/fleet-report.js";
import type { FixResult } from "./fix-result-schema.js";
import { approveSavedPlan, makePlan, type PlanRequest } from "./plan.js";

export interface TargetPlan {
  account: string;
  region: string;
  plan: Plan;
}

const at = (
  x: { account?: string | undefined; region?: string | undefined },
  t: { account: string; region: string },
) => x.account === t.account && x.region === t.region;

function sumImpact(impacts: (Impact | undefined)[]): Impact {
  const present = impacts.filter((i): i is Impact => i !== undefined);
  const creates = present.flatMap((i) => i.creates ?? []);
  const leavesBehind = present.flatMap((i) => i.leavesBehind ?? []);
  return {
    storesTakenOffline: present.flatMap((i) => i.storesTakenOffline),
    keysMadeUnavailable: present.reduce((n, i) => n + i.keysMadeUnavailable, 0),
    ...(creates.length ? { creates } : {}),
    ...(leavesBehind.length ? { leavesBehind } : {}),
  };
}

export function mergePlans(parts: TargetPlan[], meta: { backend: Plan["backend"]; createdAt: string }): Plan {
  const notes = parts.flatMap((p) => (p.plan.notes ?? []).map((n) => `${p.account} ${p.region}: ${n}`));
  return {
    schemaVersion: 1,
    kind: "kcs-plan",
    createdAt: meta.createdAt,
    backend: meta.backend,
    region: parts[0]?.region ?? "",
    basis: parts.flatMap((p) => p.plan.basis.map((b) => ({ ...b, account: p.account, region: p.region }))),
    impact: sumImpact(parts.map((p) => p.plan.impact)),
    actions: parts.flatMap((p) =>
      p.plan.actions.map((a) => ({ ...a, account: p.account, region: p.region })),
    ),
    ...(notes.length ? { notes } : {}),
  };
}

/** The targets a fleet plan acts in or rests on (its basis), in its order. */
export function targetsOf(plan: Plan): { account: string; region: string }[] {
  const seen = new Map<string, { account: string; region: string }>();
  for (const x of [...plan.actions, ...plan.basis])
    if (x.account !== undefined && x.region !== undefined)
      seen.set(`${x.account}/${x.region}`, { account: x.account, region: x.region });
  return [...seen.values()];
}

/** A plan a fleet run made: its actions and basis say which account and Region each is for. */
export const isFleetPlan = (plan: Plan): boolean =>
  [...plan.actions, ...plan.basis].some((x) => x.account !== undefined);

const placesOf = (targets: { account: string; region: string }[]) =>
  targets.map((t) => `${t.account} ${t.region}`).join(", ");

/** One target's part of a fleet plan, as a plan of that account and Region alone. */
export function planForTarget(plan: Plan, target: { account: string; region: string }): Plan {
  const actions = plan.actions.filter((a) => at(a, target));
  return {
    ...plan,
    region: target.region,
    basis: plan.basis.filter((b) => at(b, target)).map(({ account: _a, region: _r, ...b }) => b),
    impact: sumImpact(actions.map((a) => a.impact)),
    actions: actions.map(({ account: _a, region: _r, ...a }) => a),
  };
}

/** The fleet's result: every target's outcomes, and ok only when every target's run is. */
export function mergeResults(
  plan: Plan,
  results: { target: { account: string; region: string }; result: FixResult }[],
): FixResult {
  const needsPerson = [...new Set(results.flatMap((r) => r.result.needsPerson ?? []))];
  const newFindings = results.flatMap((r) => r.result.newFindings ?? []);
  const keys = results.flatMap((r) => r.result.keysNoLongerEnabled ?? []);
  return {
    schemaVersion: 1,
    kind: "kcs-fix-result",
    ok: results.every((r) => r.result.ok),
    plan,
    outcomes: results.flatMap((r) => r.result.outcomes),
    remaining: results.flatMap((r) => r.result.remaining),
    ...(newFindings.length ? { newFindings } : {}),
    ...(keys.length ? { keysNoLongerEnabled: keys } : {}),
    ...(needsPerson.length ? { needsPerson } : {}),
  };
}

const names = (o: TargetObservation, sel: string) =>
  o.snapshot.stores.some((s) => s.customKeyStoreId === sel || s.customKeyStoreName === sel);

/**
 * The fleet's plan from every target's observation: each target plans its own stores (each --store
 * must name stores in exactly one account and Region; each --finding must be somewhere in scope), and
 * the parts are merged. Targets that could not be read are notes: nothing is planned there. Returns
 * the targets that planned, in order, for the caller to run each with its own backend.
 */
export function planFleet<T extends TargetObservation>(
  observed: T[],
  failed: FailedTarget[],
  req: Omit<PlanRequest, "xksCredentialSource"> & { backend: Plan["backend"] },
): { plan: Plan; planned: T[] } {
  const selected = new Map<T, string[]>();
  for (const sel of req.stores) {
    const holders = observed.filter((t) => names(t, sel));
    if (holders.length === 0)
      throw new UsageError(t("fix.fleet.noStore", { selector: sel, count: observed.length }));
    if (holders.length > 1)
      throw new UsageError(
        t("fix.fleet.ambiguous", {
          selector: sel,
          where: holders.map((h) => `${h.account} ${h.region}`).join(", "),
        }),
      );
    selected.set(holders[0]!, [...(selected.get(holders[0]!) ?? []), sel]);
  }
  const inScope = req.stores.length ? observed.filter((t) => selected.has(t)) : observed;
  const codesOf = (t: T) => {
    const stores = selected.get(t);
    return new Set(
      t.findings
        .filter((f) => {
          if (!stores) return true;
          const s = t.snapshot.stores.find((x) => x.customKeyStoreId === f.customKeyStoreId);
          return !!s && (stores.includes(s.customKeyStoreId) || stores.includes(s.customKeyStoreName));
        })
        .map((f) => f.code),
    );
  };
  for (const code of req.findings)
    if (!inScope.some((t) => codesOf(t).has(code)))
      throw new UsageError(t("fix.fleet.findingAbsent", { code }));
  const planned = inScope.flatMap((t) => {
    const findings: FindingCode[] = req.findings.filter((c) => codesOf(t).has(c));
    if (req.findings.length > 0 && findings.length === 0) return [];
    const plan = makePlan(t, { ...req, stores: selected.get(t) ?? [], findings });
    return [{ target: t, plan }];
  });
  const plan = mergePlans(
    planned.map((p) => ({ account: p.target.account, region: p.target.region, plan: p.plan })),
    { backend: req.backend, createdAt: req.createdAt },
  );
  if (failed.length)
    plan.notes = [
      ...(plan.notes ?? []),
      ...failed.map(
        (f) => `${f.account} ${f.region}: not read (${f.code}: ${f.message}); nothing is planned there`,
      ),
    ];
  return { plan, planned: planned.map((p) => p.target) };
}

/**
 * A saved fleet plan, checked against each target's live state as one Region's saved plan is (its
 * basis unchanged, the plan kcs would make now): every target it acts in or rests on must be read by
 * this run, and each part is approved on its own, or nothing runs anywhere.
 */
export function approveFleetPlan<T extends TargetObservation>(
  saved: Plan,
  observed: T[],
  failed: FailedTarget[],
  where: { backend: Plan["backend"]; passwordSource: PlanRequest["passwordSource"] },
  path: string,
): { plan: Plan; planned: T[] } {
  if (!isFleetPlan(saved)) throw new UsageError(t("fix.fleet.planForOne", { path }));
  const wanted = targetsOf(saved);
  const unread = wanted.filter((t) => !observed.some((o) => at(o, t)));
  const lost = unread.filter((t) => failed.some((f) => at(f, t)));
  if (lost.length) {
    const code = failed.find((f) => at(f, lost[0]!))!.code;
    throw new UsageError(t("fix.fleet.planLost", { path, places: placesOf(lost), code }));
  }
  if (unread.length) throw new UsageError(t("fix.fleet.planUnread", { path, places: placesOf(unread) }));
  const planned = wanted.map((t) => observed.find((o) => at(o, t))!);
  const parts = planned.map((o) => ({
    account: o.account,
    region: o.region,
    plan: approveSavedPlan(
      planForTarget(saved, o),
      o,
      { backend: where.backend, region: o.region, passwordSource: where.passwordSource },
      path,
    ),
  }));
  const plan = mergePlans(parts, { backend: saved.backend, createdAt: saved.createdAt });
  return { plan: saved.notes ? { ...plan, notes: saved.notes } : plan, planned };
}
