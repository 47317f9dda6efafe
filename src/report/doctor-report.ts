import { type Finding, needsAttention } from "../diagnose/finding.js";
import type { ReadError, Snapshot } from "../gather/snapshot.js";

export interface StoreReport {
  customKeyStoreId: string;
  customKeyStoreName: string;
  customKeyStoreType: string;
  connectionState: string;
  connectionErrorCode: string | null;
  cloudHsmClusterId: string | null;
  keyCount: number;
  healthy: boolean;
}

/** `kcs doctor -o json`, exactly as the CLI contract fixes it (schemaVersion 1). */
export interface DoctorReport {
  schemaVersion: 1;
  kind: "kcs-doctor-report";
  backend: "sim" | "aws";
  region: string;
  generatedAt: string;
  stores: StoreReport[];
  findings: Finding[];
  errors: ReadError[];
}

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
      connectionState: s.connectionState,
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
