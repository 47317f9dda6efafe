import { CATALOG, type FindingCode, type RunbookId, type Severity } from "./catalog.js";

export interface Finding {
  code: FindingCode;
  severity: Severity;
  customKeyStoreId: string;
  cloudHsmClusterId: string | null;
  keyIds: string[];
  title: string;
  detail: string;
  evidence: Record<string, unknown>;
  runbook: RunbookId | null;
}

/** Builds a finding from the catalog, so severity, title and runbook are never restated. */
export function finding(
  code: FindingCode,
  at: { customKeyStoreId: string; cloudHsmClusterId?: string | undefined },
  detail: string,
  evidence: Record<string, unknown>,
  keyIds: string[] = [],
): Finding {
  const entry = CATALOG[code];
  return {
    code,
    severity: entry.severity,
    customKeyStoreId: at.customKeyStoreId,
    cloudHsmClusterId: at.cloudHsmClusterId ?? null,
    keyIds,
    title: entry.title,
    detail,
    evidence,
    runbook: entry.runbook,
  };
}

export const needsAttention = (f: Finding) => f.severity === "error" || f.severity === "warning";
