import type { Snapshot, StoreFacts } from "../gather/snapshot.js";
import { t } from "../i18n/index.js";
import { CATALOG, impliedBy, runbookFor } from "./catalog.js";
import { diagnoseCluster, diagnoseProbe } from "./cluster.js";
import { diagnoseConnection } from "./connection.js";
import { type Finding, finding } from "./finding.js";
import { diagnoseMissingMaterial, diagnosePendingDeletion } from "./keys.js";
import { diagnoseNetwork } from "./network.js";
import { diagnoseOrphans } from "./orphans.js";
import { diagnoseXksConnection, diagnoseXksProbe } from "./xks.js";

export type Diagnoser = (store: StoreFacts, snapshot: Snapshot) => Finding[];

export const DIAGNOSERS: Record<string, Diagnoser> = {
  connection: diagnoseConnection,
  cluster: diagnoseCluster,
  probe: diagnoseProbe,
  network: diagnoseNetwork,
  "missing-material": diagnoseMissingMaterial,
  "pending-deletion": diagnosePendingDeletion,
  orphans: diagnoseOrphans,
};

/** External key stores have no cluster, HSMs or key material kcs can see: only these run on them. */
export const XKS_DIAGNOSERS: Record<string, Diagnoser> = {
  "xks-connection": diagnoseXksConnection,
  "xks-probe": diagnoseXksProbe,
  "pending-deletion": diagnosePendingDeletion,
};

/** Findings of one code and store from two diagnosers (e.g. FAILED CLUSTER_NOT_FOUND and a DELETED cluster) become one. */
function merge(findings: Finding[]): Finding[] {
  const out: Finding[] = [];
  for (const f of findings) {
    const same =
      f.code !== "ORPHANED_KEY_MATERIAL" &&
      out.find((o) => o.code === f.code && o.customKeyStoreId === f.customKeyStoreId);
    if (!same) {
      out.push(f);
      continue;
    }
    same.evidence = { ...same.evidence, ...f.evidence };
    same.keyIds = [...new Set([...same.keyIds, ...f.keyIds])];
    // Sentences follow one another after a space in English, with none in Japanese.
    if (!same.detail.includes(f.detail))
      same.detail = `${same.detail}${t("findings.detail.nextSentence")}${f.detail}`;
  }
  return out;
}

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

/**
 * Runs the CloudHSM diagnosers on every CloudHSM store and the XKS ones on every external key store.
 * A diagnoser that throws becomes a DIAGNOSER_FAILED finding; the others still run.
 */
export function diagnose(
  snapshot: Snapshot,
  diagnosers: Record<string, Diagnoser> = DIAGNOSERS,
  xksDiagnosers: Record<string, Diagnoser> = XKS_DIAGNOSERS,
): Finding[] {
  const all: Finding[] = [];
  for (const store of snapshot.stores) {
    const external = store.customKeyStoreType === "EXTERNAL_KEY_STORE";
    let found: Finding[] = [];
    for (const [name, run] of Object.entries(external ? xksDiagnosers : diagnosers)) {
      try {
        found.push(...run(store, snapshot));
      } catch (err) {
        found.push(
          finding(
            "DIAGNOSER_FAILED",
            { customKeyStoreId: store.customKeyStoreId, cloudHsmClusterId: store.cloudHsmClusterId },
            t("findings.detail.diagnoserFailed", {
              name,
              message: err instanceof Error ? err.message : String(err),
            }),
            { diagnoser: name, error: err instanceof Error ? err.message : String(err) },
          ),
        );
      }
    }
    found = merge(found);
    const codes = new Set(found.map((f) => f.code));
    found = found.filter((f) => !impliedBy(f.code).some((c) => codes.has(c)));
    found.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
    // A code can mean another repair on an external store (INVALID_CREDENTIALS: the proxy credential).
    all.push(...found.map((f) => ({ ...f, runbook: runbookFor(f.code, store.customKeyStoreType) })));
  }
  return all;
}

export { CATALOG };
