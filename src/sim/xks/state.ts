/**
 * One simulated XKS proxy as plain data, so later work (KMS external key stores, connect outcomes) can
 * read the same object the handler answers from, faults included.
 */

export type EkmHealth = "ACTIVE" | "DEGRADED" | "UNAVAILABLE";

export interface ExternalKeyManager {
  id: string;
  model: string;
  healthStatus: EkmHealth;
}

export interface XksKey {
  keyId: string;
  /** v1 of the spec knows only AES_256; anything else makes KMS's CreateKey fail. */
  keySpec: string;
  keyUsage: string[];
  keyStatus: "ENABLED" | "DISABLED";
  /** 32 bytes as hex: the AES-256 key the external key manager holds. */
  material: string;
}

export interface XksCredential {
  accessKeyId: string;
  secretAccessKey: string;
}

/** What a misbehaving proxy does instead of answering correctly. Key and key-manager faults live in the keys and fleet. */
export interface XksFaults {
  /** The connection is refused: KMS sees XKS_PROXY_NOT_REACHABLE. */
  unreachable?: boolean;
  /** Extra delay before answering; over 250 ms KMS times out (XKS_PROXY_TIMED_OUT). */
  latencyMs?: number;
  /** Modelled, not real TLS: the handshake is said to fail for `reason` (expired certificate, name mismatch...). */
  tls?: { failed: boolean; reason: string };
  /** Answer 401 even to a correctly signed request (INVALID_CREDENTIALS). */
  rejectCredentials?: boolean;
  /** The proxy's own authorization refuses KMS: 403 (XKS_PROXY_ACCESS_DENIED). */
  accessDenied?: boolean;
  /** Successful answers come back unusable (XKS_PROXY_INVALID_RESPONSE). */
  invalidResponse?: "malformed-json" | "missing-fields";
}

export interface XksProxyState {
  /** The store's XksProxyUriPath prefix before /kms/xks/v1, e.g. "/example"; "" for none. */
  uriPath: string;
  credential: XksCredential;
  vendor: string;
  model: string;
  ekmVendor: string;
  /** Proxy instances behind the endpoint; the spec requires more than zero. */
  fleetSize: number;
  /** 1 to 10 external key managers, as GetHealthStatus reports them. */
  keyManagers: ExternalKeyManager[];
  keys: XksKey[];
  faults: XksFaults;
}

/** The spec's rule for a proxy access key id: 20 to 30 characters of A-Z and 2-7. */
export const ACCESS_KEY_ID_PATTERN = /^[A-Z2-7]{20,30}$/;

export function isValidAccessKeyId(id: string): boolean {
  return ACCESS_KEY_ID_PATTERN.test(id);
}

/**
 * What is wrong with a proxy description, against the spec's limits; empty when it is usable. Scenario
 * authors get told here rather than by a proxy that answers what no real one could.
 */
export function xksStateProblems(state: XksProxyState): string[] {
  const problems: string[] = [];
  if (!Number.isInteger(state.fleetSize) || state.fleetSize < 1)
    problems.push("fleetSize must be an integer above 0");
  if (state.keyManagers.length < 1 || state.keyManagers.length > 10) {
    problems.push("there must be 1 to 10 external key managers");
  }
  if (!isValidAccessKeyId(state.credential.accessKeyId)) {
    problems.push("accessKeyId must be 20 to 30 characters of A-Z and 2-7");
  }
  if (state.uriPath.length > 128) problems.push("uriPath is longer than 128 characters");
  for (const key of state.keys) {
    if (!/^[0-9a-fA-F]{64}$/.test(key.material))
      problems.push(`key ${key.keyId}: material must be 32 bytes of hex`);
  }
  return problems;
}
