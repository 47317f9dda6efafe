import { CATALOG, type CatalogEntry, XKS_TROUBLESHOOTING } from "../diagnose/catalog.js";
import { type Finding, needsAttention } from "../diagnose/finding.js";
import type { ConnectEvent, Snapshot, StoreFacts } from "../gather/snapshot.js";

/**
 * What a person in an incident reads first: how bad (stores needing attention, keys unusable now),
 * which store is worst, since when, and where AWS documents it. Pure over the snapshot and findings.
 */

/** `healthy` only when CONNECTED, with no error or warning, and every read succeeded. */
export const STORE_STATUSES = [
  "needs-attention",
  "unknown",
  "disconnecting",
  "connecting",
  "healthy",
] as const;
export type StoreStatus = (typeof STORE_STATUSES)[number];

export function storeStatus(store: StoreFacts, findings: Finding[], readsFailed: boolean): StoreStatus {
  if (findings.some((f) => f.customKeyStoreId === store.customKeyStoreId && needsAttention(f)))
    return "needs-attention";
  // A failed read (ReadError names no store) may hide a finding about any store.
  if (readsFailed) return "unknown";
  if (store.connectionState === "CONNECTING") return "connecting";
  if (store.connectionState === "DISCONNECTING") return "disconnecting";
  return store.connectionState === "CONNECTED" ? "healthy" : "needs-attention";
}

/** Keys that cannot be used now: KMS shows them Unavailable. */
export function unavailableKeys(snapshot: Snapshot, storeId: string): number {
  return snapshot.keys.filter((k) => k.customKeyStoreId === storeId && k.keyState === "Unavailable").length;
}

export function docsFor(finding: Finding, store: StoreFacts | undefined): string {
  const entry = (CATALOG as Record<string, CatalogEntry | undefined>)[finding.code];
  // External key stores share some codes, but AWS troubleshoots them on a page of their own.
  if (store?.customKeyStoreType === "EXTERNAL_KEY_STORE") return XKS_TROUBLESHOOTING;
  return entry?.docs ?? XKS_TROUBLESHOOTING;
}

const latest = (events: ConnectEvent[] | undefined, storeId: string) =>
  events?.find((e) => e.customKeyStoreId === storeId)?.eventTime;

/** Findings that mean the store's last connect failed (FAILED with a ConnectionErrorCode, or none). */
const CONNECT_FAILURES = new Set<string>([
  "CONNECTION_FAILED",
  ...Object.entries(CATALOG as Record<string, CatalogEntry>).flatMap(([code, e]) =>
    e.connectionErrorCode ? [code] : [],
  ),
]);

/**
 * Since when the finding holds, as far as AWS shows it (ISO time), or null. A FAILED store has failed
 * since its last connect call; a DISCONNECTED one since its last disconnect (or the connect that
 * failed before it); an orphan since its DeleteKey. CloudTrail shows calls about 5 minutes late.
 */
export function findingSince(finding: Finding, snapshot: Snapshot): string | null {
  if (finding.code === "ORPHANED_KEY_MATERIAL") {
    const t = finding.evidence.eventTime;
    return typeof t === "string" && t ? t : null;
  }
  const store = snapshot.stores.find((s) => s.customKeyStoreId === finding.customKeyStoreId);
  if (!store) return null;
  const connect = latest(snapshot.connectEvents, store.customKeyStoreId);
  const disconnect = latest(snapshot.disconnectEvents, store.customKeyStoreId);
  const newest =
    [connect, disconnect]
      .filter((t): t is string => !!t)
      .sort()
      .at(-1) ?? null;
  if (store.connectionState === "FAILED" && CONNECT_FAILURES.has(finding.code)) return connect ?? null;
  if (finding.code === "STORE_DISCONNECTED") return disconnect ?? newest;
  if (finding.code === "CONNECTION_IN_PROGRESS") return newest;
  return null;
}

/** Worst first: what needs attention (errors before warnings, more unusable keys first), then the rest. */
export function worstFirst<
  S extends { status: StoreStatus; unavailableKeyCount: number; customKeyStoreName: string },
>(stores: S[], severityOf: (store: S) => number): S[] {
  return [...stores].sort(
    (a, b) =>
      STORE_STATUSES.indexOf(a.status) - STORE_STATUSES.indexOf(b.status) ||
      severityOf(a) - severityOf(b) ||
      b.unavailableKeyCount - a.unavailableKeyCount ||
      (a.customKeyStoreName < b.customKeyStoreName
        ? -1
        : a.customKeyStoreName > b.customKeyStoreName
          ? 1
          : 0),
  );
}
