/** One catalog of finding codes: severity, title and the runbook that fixes each (null: a person decides). */
export type Severity = "error" | "warning" | "info";

export interface CatalogEntry {
  severity: Severity;
  title: string;
  runbook: string | null;
}

export const CATALOG = {
  STORE_DISCONNECTED: {
    severity: "error",
    title: "The custom key store is disconnected: every KMS key in it is Unavailable",
    runbook: "reconnect",
  },
  CONNECTION_IN_PROGRESS: {
    severity: "info",
    title: "The custom key store is connecting or disconnecting",
    runbook: "await-connection",
  },
  INVALID_CREDENTIALS: {
    severity: "error",
    title: "KMS cannot log in as kmsuser: the store's kmsuser password is wrong",
    runbook: "rotate-kmsuser-password",
  },
  USER_LOCKED_OUT: {
    severity: "error",
    title: "kmsuser is locked out of the cluster after too many failed logins",
    runbook: "rotate-kmsuser-password",
  },
  USER_NOT_FOUND: {
    severity: "error",
    title: "The cluster has no kmsuser crypto user",
    runbook: "create-kmsuser",
  },
  USER_LOGGED_IN: {
    severity: "error",
    title: "kmsuser is logged in to the cluster, so KMS cannot connect",
    runbook: "logout-kmsuser",
  },
  CLUSTER_NOT_FOUND: {
    severity: "error",
    title: "The store's CloudHSM cluster is deleted or missing",
    runbook: "restore-cluster-from-backup",
  },
  NO_ACTIVE_HSMS: {
    severity: "error",
    title: "The store's cluster has no active HSM",
    runbook: "add-hsms",
  },
  INSUFFICIENT_HSMS: {
    severity: "warning",
    title: "Fewer than two active HSMs in different Availability Zones: creating KMS keys will fail",
    runbook: "add-hsms",
  },
  NETWORK_ERRORS: {
    severity: "error",
    title: "KMS cannot reach the cluster over the network",
    runbook: "retry-connection",
  },
  SUBNET_NOT_FOUND: {
    severity: "error",
    title: "A subnet of the cluster no longer exists",
    runbook: "restore-cluster-to-new-subnets",
  },
  INSUFFICIENT_FREE_ADDRESSES_IN_SUBNET: {
    severity: "error",
    title: "A subnet of the cluster has no free IP address for KMS",
    runbook: "restore-cluster-to-new-subnets",
  },
  INTERNAL_ERROR: {
    severity: "error",
    title: "The connection failed with a KMS internal error",
    runbook: "reconnect",
  },
  CONNECTION_FAILED: {
    severity: "error",
    title: "The connection failed for a reason KMS did not name",
    runbook: "reconnect",
  },
  KEY_MATERIAL_MISSING: {
    severity: "error",
    title: "KMS keys are Unavailable in a connected store: their backing keys are gone from the cluster",
    runbook: "recover-key-material",
  },
  ORPHANED_KEY_MATERIAL: {
    severity: "warning",
    title: "A deleted KMS key left its key material on the cluster",
    runbook: "delete-orphaned-key-material",
  },
  PENDING_DELETION_KEYS: {
    severity: "info",
    title: "KMS keys are pending deletion in a store that is not connected",
    runbook: null,
  },
  DIAGNOSER_FAILED: {
    severity: "error",
    title: "A check crashed: its part of the diagnosis is missing",
    runbook: null,
  },
} as const satisfies Record<string, CatalogEntry>;

export type FindingCode = keyof typeof CATALOG;
export const FINDING_CODES = Object.keys(CATALOG) as FindingCode[];

/** ConnectionErrorCode → the finding it means. */
export const CONNECTION_ERROR_FINDINGS: Record<string, FindingCode> = {
  INVALID_CREDENTIALS: "INVALID_CREDENTIALS",
  USER_LOCKED_OUT: "USER_LOCKED_OUT",
  USER_NOT_FOUND: "USER_NOT_FOUND",
  USER_LOGGED_IN: "USER_LOGGED_IN",
  CLUSTER_NOT_FOUND: "CLUSTER_NOT_FOUND",
  INSUFFICIENT_CLOUDHSM_HSMS: "NO_ACTIVE_HSMS",
  NETWORK_ERRORS: "NETWORK_ERRORS",
  SUBNET_NOT_FOUND: "SUBNET_NOT_FOUND",
  INSUFFICIENT_FREE_ADDRESSES_IN_SUBNET: "INSUFFICIENT_FREE_ADDRESSES_IN_SUBNET",
  INTERNAL_ERROR: "INTERNAL_ERROR",
};
