/**
 * The states AWS reports, as its API models (botocore's service-2.json for kms and cloudhsmv2) list
 * them. "UNKNOWN" stands for a value kcs did not receive or does not know.
 */
export const CONNECTION_STATES = [
  "CONNECTED",
  "CONNECTING",
  "FAILED",
  "DISCONNECTED",
  "DISCONNECTING",
] as const;
export type ConnectionState = (typeof CONNECTION_STATES)[number] | "UNKNOWN";

/** The ConnectionErrorCodes of CloudHSM key stores. */
export const CLOUDHSM_CONNECTION_ERROR_CODES = [
  "INVALID_CREDENTIALS",
  "CLUSTER_NOT_FOUND",
  "NETWORK_ERRORS",
  "INTERNAL_ERROR",
  "INSUFFICIENT_CLOUDHSM_HSMS",
  "USER_LOCKED_OUT",
  "USER_NOT_FOUND",
  "USER_LOGGED_IN",
  "SUBNET_NOT_FOUND",
  "INSUFFICIENT_FREE_ADDRESSES_IN_SUBNET",
] as const;

/** The ConnectionErrorCodes of external key stores. */
export const XKS_CONNECTION_ERROR_CODES = [
  "XKS_PROXY_ACCESS_DENIED",
  "XKS_PROXY_NOT_REACHABLE",
  "XKS_VPC_ENDPOINT_SERVICE_NOT_FOUND",
  "XKS_PROXY_INVALID_RESPONSE",
  "XKS_PROXY_INVALID_CONFIGURATION",
  "XKS_VPC_ENDPOINT_SERVICE_INVALID_CONFIGURATION",
  "XKS_PROXY_TIMED_OUT",
  "XKS_PROXY_INVALID_TLS_CONFIGURATION",
] as const;

export const CONNECTION_ERROR_CODES = [
  ...CLOUDHSM_CONNECTION_ERROR_CODES,
  ...XKS_CONNECTION_ERROR_CODES,
] as const;
export type ConnectionErrorCode = (typeof CONNECTION_ERROR_CODES)[number];

export const KEY_STATES = [
  "Creating",
  "Enabled",
  "Disabled",
  "PendingDeletion",
  "PendingImport",
  "PendingReplicaDeletion",
  "Unavailable",
  "Updating",
] as const;
export type KeyState = (typeof KEY_STATES)[number] | "UNKNOWN";

export const CLUSTER_STATES = [
  "CREATE_IN_PROGRESS",
  "UNINITIALIZED",
  "INITIALIZE_IN_PROGRESS",
  "INITIALIZED",
  "ACTIVE",
  "UPDATE_IN_PROGRESS",
  "MODIFY_IN_PROGRESS",
  "ROLLBACK_IN_PROGRESS",
  "DELETE_IN_PROGRESS",
  "DELETED",
  "DEGRADED",
] as const;
export type ClusterState = (typeof CLUSTER_STATES)[number] | "UNKNOWN";

export const HSM_STATES = [
  "CREATE_IN_PROGRESS",
  "ACTIVE",
  "DEGRADED",
  "DELETE_IN_PROGRESS",
  "DELETED",
] as const;
export type HsmState = (typeof HSM_STATES)[number] | "UNKNOWN";

export const BACKUP_STATES = ["CREATE_IN_PROGRESS", "READY", "DELETED", "PENDING_DELETION"] as const;
export type BackupState = (typeof BACKUP_STATES)[number] | "UNKNOWN";

/** A cluster in these states is gone for KMS's purposes. */
export const GONE_CLUSTER_STATES: ReadonlySet<ClusterState> = new Set(["DELETED", "DELETE_IN_PROGRESS"]);

/** Narrows what an API answered to a known value, or "UNKNOWN". */
export function known<T extends string>(values: readonly T[], value: string | undefined): T | "UNKNOWN" {
  return value !== undefined && (values as readonly string[]).includes(value) ? (value as T) : "UNKNOWN";
}
