import type { BackupState, ClusterState, ConnectionState, HsmState, KeyState } from "../core/aws-states.js";
import type { BackendKind } from "../core/backend-options.js";
import type { RuleFacts } from "../core/cluster-security-group.js";

/**
 * Everything kcs knows about the world after one read pass: plain data, no SDK types, so diagnosis
 * and planning are pure functions over it and are tested with fixtures.
 */
export interface Snapshot {
  backend: BackendKind;
  region: string;
  generatedAt: string;
  /** CloudTrail was read from this moment on (ISO). */
  since: string;
  stores: StoreFacts[];
  /**
   * Every cluster in the Region, by id, and every cluster a selected store names: null when
   * DescribeClusters does not return it;
   * no entry at all when DescribeClusters itself failed (unknown, see `errors`).
   */
  clusters: Record<string, ClusterFacts | null>;
  /** Backups of those clusters and of the backups they were created from (newest first). */
  backups: BackupFacts[];
  /** Keys whose CustomKeyStoreId is a selected store. */
  keys: KeyFacts[];
  /** DeleteKey events of custom key stores (default-store deletions are dropped while parsing). */
  deleteKeyEvents: DeleteKeyEvent[];
  probes: ProbeResult[];
  /** Per-key cryptographic checks, when they were asked for (absent: not probed). */
  keyProbes?: KeyProbe[];
  /** doctor --probe's direct calls to external key stores' proxies, one per external store (absent: not probed). */
  xksProbes?: XksProbe[];
  /**
   * ConnectCustomKeyStore calls CloudTrail still holds for the selected stores (read only for fix,
   * which needs them to know whether a backup holds the kmsuser password KMS has), newest first.
   */
  connectEvents?: ConnectEvent[];
  /** DisconnectCustomKeyStore calls, newest first: read when a selected store is not CONNECTED. */
  disconnectEvents?: ConnectEvent[];
  /**
   * What EC2 shows of the clusters' network, read only when a store needs it (its connect failed
   * with SUBNET_NOT_FOUND, INSUFFICIENT_FREE_ADDRESSES_IN_SUBNET or NETWORK_ERRORS, or a probe failed).
   */
  network?: NetworkFacts;
  /** Reads that failed after retries; the facts they would have filled are missing. */
  errors: ReadError[];
  /** "eventId/backingKeyId" of orphans kcs has already deleted (its ledger: no AWS API can see HSM keys). */
  resolvedOrphans?: string[];
  /**
   * Stores (with the cluster) whose kmsuser password KMS may not know: an interrupted kcs fix was
   * replacing it, or it had failed (its ledger).
   */
  passwordsInFlight?: { customKeyStoreId: string; cloudHsmClusterId: string }[];
  /** Stores an interrupted kcs fix was moving to a restored cluster, and the runbook doing it (its ledger). */
  movesInFlight?: { customKeyStoreId: string; runbook: string }[];
}

export interface StoreFacts {
  customKeyStoreId: string;
  customKeyStoreName: string;
  customKeyStoreType: "AWS_CLOUDHSM" | "EXTERNAL_KEY_STORE";
  connectionState: ConnectionState;
  /** What AWS said, when it is a ConnectionState kcs does not know (connectionState is then UNKNOWN). */
  reportedConnectionState?: string;
  /** Open-ended on purpose: AWS adds codes (the XKS ones came later), and an unknown one is still evidence. */
  connectionErrorCode?: string;
  cloudHsmClusterId?: string;
  creationDate?: string;
  /** External key stores only: where KMS reaches the proxy (DescribeCustomKeyStores' XksProxyConfiguration). */
  xksProxy?: XksProxyFacts;
}

/** An external key store's proxy as KMS describes it. The secret access key is never part of it. */
export interface XksProxyFacts {
  connectivity?: string;
  uriEndpoint?: string;
  uriPath?: string;
  vpcEndpointServiceName?: string;
  /** Not secret (KMS shows it); it tells which operator-given credential probes this proxy. */
  accessKeyId?: string;
}

export interface HsmFacts {
  hsmId: string;
  availabilityZone: string;
  subnetId?: string;
  state: HsmState;
}

export interface ClusterFacts {
  clusterId: string;
  state: ClusterState;
  hsmType?: string;
  vpcId?: string;
  subnetMapping: Record<string, string>;
  hsms: HsmFacts[];
  sourceBackupId?: string;
  securityGroup?: string;
}

export interface SubnetFacts {
  subnetId: string;
  vpcId: string;
  availabilityZone: string;
  cidrBlock?: string;
  /** EC2's AvailableIpAddressCount: KMS needs one in each cluster subnet, each HSM takes one. */
  availableIpAddresses: number;
}

export interface SecurityGroupFacts {
  groupId: string;
  groupName?: string;
  vpcId?: string;
  inbound: RuleFacts[];
  outbound: RuleFacts[];
}

export interface NetworkFacts {
  /** The VPCs whose subnets were read (those of the clusters that needed it). */
  vpcIds: string[];
  /** Every subnet that exists in those VPCs; absent when DescribeSubnets failed (see `errors`). */
  subnets?: SubnetFacts[];
  /**
   * The clusters' security groups that were read, by id: null when EC2 says the group does not
   * exist; no entry when it was not read or the read failed.
   */
  securityGroups: Record<string, SecurityGroupFacts | null>;
}

export interface BackupFacts {
  backupId: string;
  clusterId?: string;
  state: BackupState;
  createTimestamp?: string;
  sourceBackup?: string;
  sourceCluster?: string;
  neverExpires?: boolean;
}

export interface KeyFacts {
  keyId: string;
  arn: string;
  keyState: KeyState;
  customKeyStoreId: string;
  cloudHsmClusterId?: string;
  creationDate?: string;
  deletionDate?: string;
  description?: string;
  /** Keys of external key stores: the external key's id on the proxy (DescribeKey's XksKeyConfiguration.Id). */
  xksKeyId?: string;
}

export interface BackingKeyStatus {
  backingKeyId: string;
  keyHandle?: string;
  deletionStatus: string;
}

export interface DeleteKeyEvent {
  eventId: string;
  eventTime: string;
  keyArn: string;
  customKeyStoreId: string;
  cloudHsmClusterId?: string;
  backingKeys: BackingKeyStatus[];
  /**
   * Read only from a log file under this --cloudtrail-dir (LookupEvents did not show it): what kcs
   * fix must be given to see the event again.
   */
  cloudtrailDir?: string;
}

/**
 * A successful ConnectCustomKeyStore (or DisconnectCustomKeyStore) call. KMS changes kmsuser's
 * password each time it connects; the latest of either tells since when a store is as it is.
 */
export interface ConnectEvent {
  customKeyStoreId: string;
  eventTime: string;
}

/** One key's Encrypt of a single byte (doctor --probe; fix's checks after it changed a store). */
export interface KeyProbe {
  keyId: string;
  customKeyStoreId: string;
  ok: boolean;
  code?: string;
  message?: string;
}

export interface ProbeResult {
  customKeyStoreId: string;
  operation: "GenerateRandom";
  ok: boolean;
  code?: string;
  message?: string;
}

export interface ReadError {
  /**
   * xks-proxy: doctor --probe's own call to an external key store's proxy (the operator's credential);
   * cloudtrail-files: a CloudTrail log file of --cloudtrail-dir (the operation names the file);
   * sts: a fleet run could not assume a role or learn whose credentials it had.
   */
  service: "kms" | "cloudhsmv2" | "cloudtrail" | "ec2" | "xks-proxy" | "cloudtrail-files" | "sts";
  operation: string;
  code: string;
  message: string;
}

/** How one call to an XKS proxy went, as the probe saw it. */
export interface XksCall {
  /**
   * ok: a 200 with a usable body; unreachable: no HTTP answer (refused, reset, DNS, TLS); timeout: no
   * answer within the probe's own limit; http-error: an answer with an error status; invalid-response:
   * a 200 whose body is not what the XKS API specifies.
   */
  outcome: "ok" | "unreachable" | "timeout" | "http-error" | "invalid-response";
  /** Wall time of the call (for timeouts, how long the probe waited). */
  latencyMs: number;
  httpStatus?: number;
  /** The proxy's `errorName` (AuthenticationFailedException, KeyNotFoundException, ...). */
  errorName?: string;
  message?: string;
}

export interface XksKeyManagerHealth {
  id: string;
  model?: string;
  healthStatus: string;
}

/** The external key behind one KMS key, as GetKeyMetadata described it. */
export interface XksKeyProbe extends XksCall {
  keyId: string;
  xksKeyId: string;
  keySpec?: string;
  keyUsage?: string[];
  keyStatus?: string;
}

/** doctor --probe on one external key store: calls to its proxy, or why none was made. */
export interface XksProbe {
  customKeyStoreId: string;
  /** The probe did not run: why (no credential given for the store's access key id, no endpoint...). */
  skipped?: string;
  health?: XksCall & { keyManagers?: XksKeyManagerHealth[] };
  keys?: XksKeyProbe[];
}
