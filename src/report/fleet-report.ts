// One doctor report for a fleet: each (account, Region)'s report, merged. The headline counts across
// the fleet, stores stay worst first across it, and an account or Region kcs could not read at all is
// an `errors` entry and a failed target, while the rest is reported.

import type { TargetAccess } from "../backend/fleet-flags.js";
import type { BackendKind } from "../core/backend-options.js";
import { UsageError } from "../core/errors.js";
import { byCodeUnit } from "../core/order.js";
import type { Finding } from "../diagnose/finding.js";
import type { Snapshot } from "../gather/snapshot.js";
import { t } from "../i18n/index.js";
import { buildReport, type DoctorReport } from "./doctor-report.js";
import { worstFirst } from "./triage.js";

/** What one (account, Region) showed. */
export interface TargetObservation {
  account: string;
  region: string;
  /** How the account was reached, when not by the default credentials. */
  via?: TargetAccess;
  snapshot: Snapshot;
  findings: Finding[];
}

/** An (account, Region) that could not be read at all. */
export interface FailedTarget {
  account: string;
  region: string;
  service: DoctorReport["errors"][number]["service"];
  operation: string;
  code: string;
  message: string;
}

const SEVERITY_RANK = { error: 0, warning: 1, info: 2 } as const;
const placeOf = (x: { account?: string | undefined; region?: string | undefined }, id: string) =>
  `${x.account ?? ""}/${x.region ?? ""}/${id}`;

export function buildFleetReport(
  parts: TargetObservation[],
  failed: FailedTarget[],
  meta: { backend: BackendKind; generatedAt: string },
): DoctorReport {
  const reports = parts.map((p) => buildReport(p.snapshot, p.findings, { account: p.account }));
  const findings = reports.flatMap((r) => r.findings);
  const severity = new Map<string, number>();
  for (const f of findings) {
    const key = placeOf(f, f.customKeyStoreId);
    severity.set(key, Math.min(severity.get(key) ?? 3, SEVERITY_RANK[f.severity]));
  }
  const stores = worstFirst(
    reports.flatMap((r) => r.stores),
    (s) => severity.get(placeOf(s, s.customKeyStoreId)) ?? 3,
  );
  const order = new Map(stores.map((s, i) => [placeOf(s, s.customKeyStoreId), i]));
  const ordered = findings
    .map((f, i) => ({ f, i }))
    .sort(
      (a, b) =>
        (order.get(placeOf(a.f, a.f.customKeyStoreId)) ?? 0) -
          (order.get(placeOf(b.f, b.f.customKeyStoreId)) ?? 0) || a.i - b.i,
    )
    .map(({ f }) => f);
  const errors = [
    ...failed.map(({ account, region, service, operation, code, message }) => ({
      service,
      operation,
      code,
      message,
      account,
      region,
    })),
    ...reports.flatMap((r, i) =>
      r.errors.map((e) => ({ ...e, account: parts[i]!.account, region: parts[i]!.region })),
    ),
  ];
  const targets = [
    ...parts.map((p, i) => ({
      account: p.account,
      region: p.region,
      status: "read" as const,
      stores: reports[i]!.stores.length,
      ...(p.via ? { via: p.via } : {}),
    })),
    ...failed.map((f) => ({ account: f.account, region: f.region, status: "failed" as const, stores: 0 })),
  ].sort((a, b) => byCodeUnit(a.account, b.account) || byCodeUnit(a.region, b.region));
  return {
    schemaVersion: 1,
    kind: "kcs-doctor-report",
    backend: meta.backend,
    region: targets[0]?.region ?? "",
    targets,
    generatedAt: meta.generatedAt,
    summary: {
      stores: stores.length,
      needAttention: reports.reduce((n, r) => n + r.summary.needAttention, 0),
      unavailableKeys: reports.reduce((n, r) => n + r.summary.unavailableKeys, 0),
    },
    stores,
    findings: ordered,
    errors,
  };
}

/**
 * A fleet report narrowed to the stores `selectors` name (ids or names). Ids and names are unique only
 * within an account and Region: a selector that matches stores in two of them is refused, as is one
 * that matches none.
 */
export function selectFleetStores(report: DoctorReport, selectors: string[]): DoctorReport {
  const keep = new Set<string>();
  for (const sel of selectors) {
    const matches = report.stores.filter((s) => s.customKeyStoreId === sel || s.customKeyStoreName === sel);
    const places = [...new Set(matches.map((s) => `${s.account ?? ""} ${s.region ?? ""}`))];
    if (places.length === 0)
      throw new UsageError(t("doctor.error.noStoreInFleet", { store: sel, n: report.targets?.length ?? 1 }));
    if (places.length > 1)
      throw new UsageError(t("doctor.error.storeInSeveralPlaces", { store: sel, places: places.join(", ") }));
    for (const s of matches) keep.add(placeOf(s, s.customKeyStoreId));
  }
  const stores = report.stores.filter((s) => keep.has(placeOf(s, s.customKeyStoreId)));
  const kept = new Set(stores.map((s) => `${s.account ?? ""}/${s.region ?? ""}`));
  return {
    ...report,
    summary: {
      stores: stores.length,
      needAttention: stores.filter((s) => s.status === "needs-attention").length,
      unavailableKeys: stores.reduce((n, s) => n + s.unavailableKeyCount, 0),
    },
    stores,
    findings: report.findings.filter((f) => keep.has(placeOf(f, f.customKeyStoreId))),
    // A failed target might hold the store: its error stays; a read one's only if it holds a kept store.
    errors: report.errors.filter(
      (e) =>
        report.targets?.some(
          (t) => t.status === "failed" && t.account === e.account && t.region === e.region,
        ) || kept.has(`${e.account ?? ""}/${e.region ?? ""}`),
    ),
  };
}
