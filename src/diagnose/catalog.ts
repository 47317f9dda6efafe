import type { ConnectionErrorCode } from "../core/aws-states.js";
import { t } from "../i18n/index.js";

/**
 * The one source of every finding: its severity, title, the runbook that fixes it (null: a person
 * decides), the ConnectionErrorCode that means it, and the graver findings that make it redundant.
 * Diagnosers, the planner, renderers, the runbook schema and the docs all read it from here.
 */
export type Severity = "error" | "warning" | "info";

export interface CatalogEntry {
  /** The AWS documentation a person reads for it (JSON `docs`; text prints it under the finding). */
  docs: string;
  severity: Severity;
  title: string;
  runbook: string | null;
  /**
   * The runbook on an external key store, where the code means something else (INVALID_CREDENTIALS:
   * the XKS proxy refused KMS's proxy credential, not kmsuser's password) or the CloudHSM runbook's
   * advice is about the cluster. Absent: `runbook` fits both kinds of store.
   */
  externalRunbook?: string;
  /** A store FAILED with this ConnectionErrorCode has this finding. */
  connectionErrorCode?: ConnectionErrorCode;
  /** Findings on the same store that already imply this one: it is not reported next to them. */
  impliedBy?: readonly string[];
}

const KMSDG = "https://docs.aws.amazon.com/kms/latest/developerguide";
/** AWS's "Troubleshooting a custom key store", whose sections kcs automates. */
const FIX = `${KMSDG}/fix-keystore.html`;
/** External key stores are troubleshot on a page of their own. */
export const XKS_TROUBLESHOOTING = `${KMSDG}/xks-troubleshooting.html`;

/** The entries as written: each one's title is a message (src/i18n/<lang>/findings.ts), read at use. */
const ENTRIES = {
  STORE_DISCONNECTED: {
    docs: `${FIX}#fix-unavailable-cmks`,
    severity: "error",
    runbook: "reconnect",
  },
  CONNECTION_IN_PROGRESS: {
    docs: `${KMSDG}/disconnect-keystore.html`,
    severity: "info",
    runbook: "await-connection",
  },
  INVALID_CREDENTIALS: {
    docs: `${FIX}#fix-keystore-password`,
    severity: "error",
    runbook: "rotate-kmsuser-password",
    externalRunbook: "update-xks-proxy-credential",
    connectionErrorCode: "INVALID_CREDENTIALS",
  },
  USER_LOCKED_OUT: {
    docs: `${FIX}#fix-keystore-failed`,
    severity: "error",
    runbook: "rotate-kmsuser-password",
    connectionErrorCode: "USER_LOCKED_OUT",
  },
  USER_NOT_FOUND: {
    docs: `${FIX}#fix-keystore-failed`,
    severity: "error",
    runbook: "create-kmsuser",
    connectionErrorCode: "USER_NOT_FOUND",
  },
  USER_LOGGED_IN: {
    docs: `${FIX}#fix-keystore-failed`,
    severity: "error",
    runbook: "logout-kmsuser",
    connectionErrorCode: "USER_LOGGED_IN",
  },
  CLUSTER_NOT_FOUND: {
    docs: `${FIX}#fix-keystore-failed`,
    severity: "error",
    runbook: "restore-cluster-from-backup",
    connectionErrorCode: "CLUSTER_NOT_FOUND",
  },
  NO_ACTIVE_HSMS: {
    docs: `${FIX}#fix-keystore-failed`,
    severity: "error",
    runbook: "add-hsms",
    connectionErrorCode: "INSUFFICIENT_CLOUDHSM_HSMS",
    impliedBy: ["CLUSTER_NOT_FOUND"],
  },
  INSUFFICIENT_HSMS: {
    docs: `${FIX}#fix-cmk-failed`,
    severity: "warning",
    runbook: "add-hsms",
    impliedBy: ["CLUSTER_NOT_FOUND", "NO_ACTIVE_HSMS"],
  },
  NETWORK_ERRORS: {
    docs: `${FIX}#fix-keystore-failed`,
    severity: "error",
    runbook: "retry-connection",
    // retry-connection's advice is the cluster's security group; an external store just reconnects.
    externalRunbook: "reconnect",
    connectionErrorCode: "NETWORK_ERRORS",
  },
  SUBNET_NOT_FOUND: {
    docs: `${FIX}#fix-keystore-failed`,
    severity: "error",
    runbook: "restore-cluster-to-new-subnets",
    connectionErrorCode: "SUBNET_NOT_FOUND",
  },
  INSUFFICIENT_FREE_ADDRESSES_IN_SUBNET: {
    docs: `${FIX}#fix-keystore-failed`,
    severity: "error",
    runbook: "restore-cluster-to-new-subnets",
    connectionErrorCode: "INSUFFICIENT_FREE_ADDRESSES_IN_SUBNET",
  },
  INTERNAL_ERROR: {
    docs: `${FIX}#fix-keystore-failed`,
    severity: "error",
    runbook: "reconnect",
    connectionErrorCode: "INTERNAL_ERROR",
  },
  CONNECTION_FAILED: {
    docs: `${FIX}#fix-keystore-failed`,
    severity: "error",
    runbook: "reconnect",
  },
  XKS_PROXY_ACCESS_DENIED: {
    docs: XKS_TROUBLESHOOTING,
    severity: "error",
    runbook: "check-xks-proxy-authorization",
    connectionErrorCode: "XKS_PROXY_ACCESS_DENIED",
  },
  XKS_PROXY_INVALID_CONFIGURATION: {
    docs: XKS_TROUBLESHOOTING,
    severity: "error",
    runbook: "correct-xks-proxy-uri",
    connectionErrorCode: "XKS_PROXY_INVALID_CONFIGURATION",
  },
  XKS_PROXY_INVALID_RESPONSE: {
    docs: XKS_TROUBLESHOOTING,
    severity: "error",
    runbook: "check-xks-proxy-health",
    connectionErrorCode: "XKS_PROXY_INVALID_RESPONSE",
  },
  XKS_PROXY_INVALID_TLS_CONFIGURATION: {
    docs: XKS_TROUBLESHOOTING,
    severity: "error",
    runbook: "check-xks-proxy-tls",
    connectionErrorCode: "XKS_PROXY_INVALID_TLS_CONFIGURATION",
  },
  XKS_PROXY_NOT_REACHABLE: {
    docs: XKS_TROUBLESHOOTING,
    severity: "error",
    runbook: "check-xks-proxy-health",
    connectionErrorCode: "XKS_PROXY_NOT_REACHABLE",
    // A failed TLS handshake is what a probe sees as "cannot reach": the TLS finding says why.
    impliedBy: ["XKS_PROXY_INVALID_TLS_CONFIGURATION"],
  },
  XKS_PROXY_TIMED_OUT: {
    docs: XKS_TROUBLESHOOTING,
    severity: "error",
    runbook: "check-xks-proxy-health",
    connectionErrorCode: "XKS_PROXY_TIMED_OUT",
  },
  XKS_VPC_ENDPOINT_SERVICE_INVALID_CONFIGURATION: {
    docs: XKS_TROUBLESHOOTING,
    severity: "error",
    runbook: "check-xks-vpc-endpoint-service",
    connectionErrorCode: "XKS_VPC_ENDPOINT_SERVICE_INVALID_CONFIGURATION",
  },
  XKS_VPC_ENDPOINT_SERVICE_NOT_FOUND: {
    docs: XKS_TROUBLESHOOTING,
    severity: "error",
    runbook: "check-xks-vpc-endpoint-service",
    connectionErrorCode: "XKS_VPC_ENDPOINT_SERVICE_NOT_FOUND",
  },
  XKS_PROXY_DEGRADED: {
    docs: XKS_TROUBLESHOOTING,
    severity: "warning",
    runbook: "check-xks-proxy-health",
  },
  XKS_KEY_UNUSABLE: {
    docs: XKS_TROUBLESHOOTING,
    severity: "error",
    runbook: "check-xks-key",
  },
  KEY_MATERIAL_MISSING: {
    docs: `${FIX}#fix-keystore-recover-backing-key`,
    severity: "error",
    runbook: "recover-key-material",
    impliedBy: ["CLUSTER_NOT_FOUND", "NO_ACTIVE_HSMS", "NETWORK_ERRORS"],
  },
  ORPHANED_KEY_MATERIAL: {
    docs: `${FIX}#fix-keystore-orphaned-key`,
    severity: "warning",
    runbook: "delete-orphaned-key-material",
  },
  PENDING_DELETION_KEYS: {
    docs: `${FIX}#fix-unavailable-cmks`,
    severity: "info",
    runbook: null,
  },
  DIAGNOSER_FAILED: {
    docs: FIX,
    severity: "error",
    runbook: null,
  },
} as const satisfies Record<string, Omit<CatalogEntry, "title">>;

type EntryCode = keyof typeof ENTRIES;

/**
 * Each entry with its `title` in the run's language: a getter, because the language is chosen after
 * this module loads (src/cli/main.ts), and a title read at load would stay English.
 */
function withTitles<E extends Record<EntryCode, object>>(
  entries: E,
): { [K in keyof E]: E[K] & { readonly title: string } } {
  for (const code of Object.keys(entries) as EntryCode[])
    Object.defineProperty(entries[code], "title", {
      get: () => t(`findings.title.${code}`),
      enumerable: true,
    });
  return entries as { [K in keyof E]: E[K] & { readonly title: string } };
}

export const CATALOG = withTitles(ENTRIES);

export type FindingCode = keyof typeof CATALOG;
export const FINDING_CODES = Object.keys(CATALOG) as FindingCode[];

/** Every runbook a finding names: the runbooks/ folder holds exactly one YAML file for each. */
type Entry = (typeof CATALOG)[FindingCode];
/** Distributes over the entries, so each one's externalRunbook counts. */
type ExternalRunbookOf<E> = E extends { externalRunbook: infer R } ? R : never;
export type RunbookId = NonNullable<Entry["runbook"]> | ExternalRunbookOf<Entry>;
export const RUNBOOK_IDS = [
  ...new Set(
    FINDING_CODES.flatMap((c) => {
      const e: CatalogEntry = CATALOG[c];
      return [e.runbook, e.externalRunbook].filter((r): r is string => !!r);
    }),
  ),
] as RunbookId[];

export type StoreType = "AWS_CLOUDHSM" | "EXTERNAL_KEY_STORE";

/** The runbook that repairs a finding on a store of this type (null: a person decides). */
export function runbookFor(code: FindingCode, storeType: StoreType): RunbookId | null {
  const e: CatalogEntry = CATALOG[code];
  return ((storeType === "EXTERNAL_KEY_STORE" ? e.externalRunbook : undefined) ??
    e.runbook) as RunbookId | null;
}

const entries = () => Object.entries(CATALOG) as [FindingCode, CatalogEntry][];

/** ConnectionErrorCode → the finding it means (a Map: a code named like an Object member is not found). */
export const CONNECTION_ERROR_FINDINGS: ReadonlyMap<string, FindingCode> = new Map(
  entries().flatMap(([code, e]) => (e.connectionErrorCode ? [[e.connectionErrorCode, code] as const] : [])),
);

/** Finding → the graver findings on the same store that make it redundant. */
export function impliedBy(code: FindingCode): readonly FindingCode[] {
  return ((CATALOG[code] as CatalogEntry).impliedBy ?? []) as readonly FindingCode[];
}
