import { type Finding, needsAttention } from "../diagnose/finding.js";
import type { Snapshot } from "../gather/snapshot.js";
import type { DoctorReport } from "./doctor-report-schema.js";

export type { DoctorReport, StoreReport } from "./doctor-report-schema.js";

export function buildReport(snapshot: Snapshot, findings: Finding[]): DoctorReport {
  return {
    schemaVersion: 1,
    kind: "kcs-doctor-report",
    backend: snapshot.backend,
    region: snapshot.region,
    generatedAt: snapshot.generatedAt,
    stores: snapshot.stores.map((s) => ({
      customKeyStoreId: s.customKeyStoreId,
      customKeyStoreName: s.customKeyStoreName,
      customKeyStoreType: s.customKeyStoreType,
      connectionState: s.reportedConnectionState ?? s.connectionState,
      connectionErrorCode: s.connectionErrorCode ?? null,
      cloudHsmClusterId: s.cloudHsmClusterId ?? null,
      keyCount: snapshot.keys.filter((k) => k.customKeyStoreId === s.customKeyStoreId).length,
      healthy: !findings.some((f) => f.customKeyStoreId === s.customKeyStoreId && needsAttention(f)),
    })),
    findings,
    errors: snapshot.errors,
  };
}

/** 0 nothing needs attention; 2 a finding needs attention; 1 when reads failed and nothing else explains it. */
export function doctorExitCode(report: DoctorReport): 0 | 1 | 2 {
  if (report.findings.some(needsAttention)) return 2;
  return report.errors.length > 0 ? 1 : 0;
}
