import type { ConnectionErrorCode } from "../core/aws-states.js";

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

export const CATALOG = {
  STORE_DISCONNECTED: {
    docs: `${FIX}#fix-unavailable-cmks`,
    severity: "error",
    title: "The custom key store is disconnected: every KMS key in it is Unavailable",
    runbook: "reconnect",
  },
  CONNECTION_IN_PROGRESS: {
    docs: `${KMSDG}/disconnect-keystore.html`,
    severity: "info",
    title: "The custom key store is connecting or disconnecting",
    runbook: "await-connection",
  },
  INVALID_CREDENTIALS: {
    docs: `${FIX}#fix-keystore-password`,
    severity: "error",
    title: "KMS cannot log in as kmsuser: the store's kmsuser password is wrong",
    runbook: "rotate-kmsuser-password",
    externalRunbook: "update-xks-proxy-credential",
    connectionErrorCode: "INVALID_CREDENTIALS",
  },
  USER_LOCKED_OUT: {
    docs: `${FIX}#fix-keystore-failed`,
    severity: "error",
    title: "kmsuser is locked out of the cluster after too many failed logins",
    runbook: "rotate-kmsuser-password",
    connectionErrorCode: "USER_LOCKED_OUT",
  },
  USER_NOT_FOUND: {
    docs: `${FIX}#fix-keystore-failed`,
    severity: "error",
    title: "The cluster has no kmsuser crypto user",
    runbook: "create-kmsuser",
    connectionErrorCode: "USER_NOT_FOUND",
  },
  USER_LOGGED_IN: {
    docs: `${FIX}#fix-keystore-failed`,
    severity: "error",
    title: "kmsuser is logged in to the cluster, so KMS cannot connect",
    runbook: "logout-kmsuser",
    connectionErrorCode: "USER_LOGGED_IN",
  },
  CLUSTER_NOT_FOUND: {
    docs: `${FIX}#fix-keystore-failed`,
    severity: "error",
    title: "The store's CloudHSM cluster is deleted or missing",
    runbook: "restore-cluster-from-backup",
    connectionErrorCode: "CLUSTER_NOT_FOUND",
  },
  NO_ACTIVE_HSMS: {
    docs: `${FIX}#fix-keystore-failed`,
    severity: "error",
    title: "The store's cluster has no active HSM",
    runbook: "add-hsms",
    connectionErrorCode: "INSUFFICIENT_CLOUDHSM_HSMS",
    impliedBy: ["CLUSTER_NOT_FOUND"],
  },
  INSUFFICIENT_HSMS: {
    docs: `${FIX}#fix-cmk-failed`,
    severity: "warning",
    title: "Fewer than two active HSMs in different Availability Zones: creating KMS keys will fail",
    runbook: "add-hsms",
    impliedBy: ["CLUSTER_NOT_FOUND", "NO_ACTIVE_HSMS"],
  },
  NETWORK_ERRORS: {
    docs: `${FIX}#fix-keystore-failed`,
    severity: "error",
    title: "KMS cannot reach the cluster over the network",
    runbook: "retry-connection",
    // retry-connection's advice is the cluster's security group; an external store just reconnects.
    externalRunbook: "reconnect",
    connectionErrorCode: "NETWORK_ERRORS",
  },
  SUBNET_NOT_FOUND: {
    docs: `${FIX}#fix-keystore-failed`,
    severity: "error",
    title: "A subnet of the cluster no longer exists",
    runbook: "restore-cluster-to-new-subnets",
    connectionErrorCode: "SUBNET_NOT_FOUND",
  },
  INSUFFICIENT_FREE_ADDRESSES_IN_SUBNET: {
    docs: `${FIX}#fix-keystore-failed`,
    severity: "error",
    title: "A subnet of the cluster has no free IP address for KMS",
    runbook: "restore-cluster-to-new-subnets",
    connectionErrorCode: "INSUFFICIENT_FREE_ADDRESSES_IN_SUBNET",
  },
  INTERNAL_ERROR: {
    docs: `${FIX}#fix-keystore-failed`,
    severity: "error",
    title: "The connection failed with a KMS internal error",
    runbook: "reconnect",
    connectionErrorCode: "INTERNAL_ERROR",
  },
  CONNECTION_FAILED: {
    docs: `${FIX}#fix-keystore-failed`,
    severity: "error",
    title: "The connection failed for a reason KMS did not name",
    runbook: "reconnect",
  },
  XKS_PROXY_ACCESS_DENIED: {
    docs: XKS_TROUBLESHOOTING,
    severity: "error",
    title: "The XKS proxy's authorization rules refuse KMS",
    runbook: "check-xks-proxy-authorization",
    connectionErrorCode: "XKS_PROXY_ACCESS_DENIED",
  },
  XKS_PROXY_INVALID_CONFIGURATION: {
    docs: XKS_TROUBLESHOOTING,
    severity: "error",
    title: "The external key store's proxy configuration is wrong (typically its URI path)",
    runbook: "correct-xks-proxy-uri",
    connectionErrorCode: "XKS_PROXY_INVALID_CONFIGURATION",
  },
  XKS_PROXY_INVALID_RESPONSE: {
    docs: XKS_TROUBLESHOOTING,
    severity: "error",
    title: "The XKS proxy answered something KMS cannot use",
    runbook: "check-xks-proxy-health",
    connectionErrorCode: "XKS_PROXY_INVALID_RESPONSE",
  },
  XKS_PROXY_INVALID_TLS_CONFIGURATION: {
    docs: XKS_TROUBLESHOOTING,
    severity: "error",
    title: "KMS cannot establish TLS with the XKS proxy (version, certificate expiry, name or issuing CA)",
    runbook: "check-xks-proxy-tls",
    connectionErrorCode: "XKS_PROXY_INVALID_TLS_CONFIGURATION",
  },
  XKS_PROXY_NOT_REACHABLE: {
    docs: XKS_TROUBLESHOOTING,
    severity: "error",
    title: "KMS cannot reach the XKS proxy, or every external key manager is unavailable",
    runbook: "check-xks-proxy-health",
    connectionErrorCode: "XKS_PROXY_NOT_REACHABLE",
    // A failed TLS handshake is what a probe sees as "cannot reach": the TLS finding says why.
    impliedBy: ["XKS_PROXY_INVALID_TLS_CONFIGURATION"],
  },
  XKS_PROXY_TIMED_OUT: {
    docs: XKS_TROUBLESHOOTING,
    severity: "error",
    title: "The XKS proxy answers slower than KMS's 250 ms limit",
    runbook: "check-xks-proxy-health",
    connectionErrorCode: "XKS_PROXY_TIMED_OUT",
  },
  XKS_VPC_ENDPOINT_SERVICE_INVALID_CONFIGURATION: {
    docs: XKS_TROUBLESHOOTING,
    severity: "error",
    title: "The XKS proxy's VPC endpoint service does not meet KMS's requirements",
    runbook: "check-xks-vpc-endpoint-service",
    connectionErrorCode: "XKS_VPC_ENDPOINT_SERVICE_INVALID_CONFIGURATION",
  },
  XKS_VPC_ENDPOINT_SERVICE_NOT_FOUND: {
    docs: XKS_TROUBLESHOOTING,
    severity: "error",
    title: "KMS cannot find the XKS proxy's VPC endpoint service",
    runbook: "check-xks-vpc-endpoint-service",
    connectionErrorCode: "XKS_VPC_ENDPOINT_SERVICE_NOT_FOUND",
  },
  XKS_PROXY_DEGRADED: {
    docs: XKS_TROUBLESHOOTING,
    severity: "warning",
    title: "Some external key managers behind the XKS proxy are degraded or unavailable",
    runbook: "check-xks-proxy-health",
  },
  XKS_KEY_UNUSABLE: {
    docs: XKS_TROUBLESHOOTING,
    severity: "error",
    title: "The external key behind a KMS key is missing, disabled or not an AES-256 encrypt/decrypt key",
    runbook: "check-xks-key",
  },
  KEY_MATERIAL_MISSING: {
    docs: `${FIX}#fix-keystore-recover-backing-key`,
    severity: "error",
    title: "KMS keys in a connected store have lost their backing keys on the cluster",
    runbook: "recover-key-material",
    impliedBy: ["CLUSTER_NOT_FOUND", "NO_ACTIVE_HSMS", "NETWORK_ERRORS"],
  },
  ORPHANED_KEY_MATERIAL: {
    docs: `${FIX}#fix-keystore-orphaned-key`,
    severity: "warning",
    title: "A deleted KMS key left its key material on the cluster",
    runbook: "delete-orphaned-key-material",
  },
  PENDING_DELETION_KEYS: {
    docs: `${FIX}#fix-unavailable-cmks`,
    severity: "info",
    title: "KMS keys are pending deletion in a store that is not connected",
    runbook: null,
  },
  DIAGNOSER_FAILED: {
    docs: FIX,
    severity: "error",
    title: "A check crashed: its part of the diagnosis is missing",
    runbook: null,
  },
} as const satisfies Record<string, CatalogEntry>;

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
