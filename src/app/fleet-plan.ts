// A fleet's plan: each (account, Region)'s plan, made from its own observation, merged into one
// document whose actions and basis say where they run, with the impact summed over the fleet; and
// back again: the part of a fleet plan one target runs with its own clients and credentials.

import type { Impact, Plan } from "../remediate/plan.js";
import type { FixResult } from "./fix-result-schema.js";

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

/** The targets a fleet plan has actions for, in its order. */
export function targetsOf(plan: Plan): { account: string; region: string }[] {
  const seen = new Map<string, { account: string; region: string }>();
  for (const a of plan.actions)
    if (a.account !== undefined && a.region !== undefined)
      seen.set(`${a.account}/${a.region}`, { account: a.account, region: a.region });
  return [...seen.values()];
}

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
