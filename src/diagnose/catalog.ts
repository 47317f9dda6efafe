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
    runbook: null,
    connectionErrorCode: "XKS_PROXY_ACCESS_DENIED",
  },
  XKS_PROXY_INVALID_CONFIGURATION: {
    docs: XKS_TROUBLESHOOTING,
    severity: "error",
    title: "The external key store's proxy configuration is wrong (typically its URI path)",
    runbook: null,
    connectionErrorCode: "XKS_PROXY_INVALID_CONFIGURATION",
  },
  XKS_PROXY_INVALID_RESPONSE: {
    docs: XKS_TROUBLESHOOTING,
    severity: "error",
    title: "The XKS proxy answered something KMS cannot use",
    runbook: null,
    connectionErrorCode: "XKS_PROXY_INVALID_RESPONSE",
  },
  XKS_PROXY_INVALID_TLS_CONFIGURATION: {
    docs: XKS_TROUBLESHOOTING,
    severity: "error",
    title: "KMS cannot establish TLS with the XKS proxy (version, certificate expiry, name or issuing CA)",
    runbook: null,
    connectionErrorCode: "XKS_PROXY_INVALID_TLS_CONFIGURATION",
  },
  XKS_PROXY_NOT_REACHABLE: {
    docs: XKS_TROUBLESHOOTING,
    severity: "error",
    title: "KMS cannot reach the XKS proxy, or every external key manager is unavailable",
    runbook: null,
    connectionErrorCode: "XKS_PROXY_NOT_REACHABLE",
  },
  XKS_PROXY_TIMED_OUT: {
    docs: XKS_TROUBLESHOOTING,
    severity: "error",
    title: "The XKS proxy answers slower than KMS's 250 ms limit",
    runbook: null,
    connectionErrorCode: "XKS_PROXY_TIMED_OUT",
  },
  XKS_VPC_ENDPOINT_SERVICE_INVALID_CONFIGURATION: {
    docs: XKS_TROUBLESHOOTING,
    severity: "error",
    title: "The XKS proxy's VPC endpoint service does not meet KMS's requirements",
    runbook: null,
    connectionErrorCode: "XKS_VPC_ENDPOINT_SERVICE_INVALID_CONFIGURATION",
  },
  XKS_VPC_ENDPOINT_SERVICE_NOT_FOUND: {
    docs: XKS_TROUBLESHOOTING,
    severity: "error",
    title: "KMS cannot find the XKS proxy's VPC endpoint service",
    runbook: null,
    connectionErrorCode: "XKS_VPC_ENDPOINT_SERVICE_NOT_FOUND",
  },
  XKS_PROXY_DEGRADED: {
    docs: XKS_TROUBLESHOOTING,
    severity: "warning",
    title: "Some external key managers behind the XKS proxy are degraded or unavailable",
    runbook: null,
  },
  XKS_KEY_UNUSABLE: {
    docs: XKS_TROUBLESHOOTING,
    severity: "error",
    title: "The external key behind a KMS key is missing, disabled or not an AES-256 encrypt/decrypt key",
    runbook: null,
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
export type RunbookId = NonNullable<(typeof CATALOG)[FindingCode]["runbook"]>;
export const RUNBOOK_IDS = [
  ...new Set(FINDING_CODES.flatMap((c) => (CATALOG[c].runbook ? [CATALOG[c].runbook] : []))),
] as RunbookId[];

const entries = () => Object.entries(CATALOG) as [FindingCode, CatalogEntry][];

/** ConnectionErrorCode → the finding it means (a Map: a code named like an Object member is not found). */
export const CONNECTION_ERROR_FINDINGS: ReadonlyMap<string, FindingCode> = new Map(
  entries().flatMap(([code, e]) => (e.connectionErrorCode ? [[e.connectionErrorCode, code] as const] : [])),
);

/** Finding → the graver findings on the same store that make it redundant. */
export function impliedBy(code: FindingCode): readonly FindingCode[] {
  return ((CATALOG[code] as CatalogEntry).impliedBy ?? []) as readonly FindingCode[];
}
