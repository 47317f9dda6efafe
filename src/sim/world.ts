// The simulator's world: plain, JSON-serialisable data. Every AWS-visible field keeps AWS's own name;
// simulator-only bookkeeping is camelCase. Timestamps are epoch milliseconds of simulated time.

import {
  CLOUDHSM_CONNECTION_ERROR_CODES,
  CONNECTION_ERROR_CODES,
  type CONNECTION_STATES,
  XKS_CONNECTION_ERROR_CODES,
} from "../core/aws-states.js";
import type { XksProxyState } from "./xks/state.js";

export const WORLD_SCHEMA = "kcs-sim-world";
/**
 * 2: password hashes are keyed by a pepper kept beside the world file, not in it.
 * 3: backups name a shared HSM image (daily backups of an unchanged cluster cost one copy).
 */
export const WORLD_VERSION = 3;

/** The simulator reports only real states and codes: the lists are AWS's (core/aws-states.ts). */
export type ConnectionState = (typeof CONNECTION_STATES)[number];
export type ConnectionErrorCode = (typeof CONNECTION_ERROR_CODES)[number];
export const ALL_CONNECTION_ERROR_CODES: readonly string[] = CONNECTION_ERROR_CODES;
export { CLOUDHSM_CONNECTION_ERROR_CODES, XKS_CONNECTION_ERROR_CODES };

export type CustomKeyStoreType = "AWS_CLOUDHSM" | "EXTERNAL_KEY_STORE";

export interface XksProxyConfiguration {
  Connectivity: "PUBLIC_ENDPOINT" | "VPC_ENDPOINT_SERVICE";
  AccessKeyId: string;
  UriEndpoint: string;
  UriPath: string;
  VpcEndpointServiceName?: string;
  /** The account that owns the VPC endpoint service (VPC_ENDPOINT_SERVICE only; default the caller's). */
  VpcEndpointServiceOwner?: string;
}

/**
 * A simulated XKS proxy (sim/xks/proxy.ts answers from it) and where it listens: KMS finds it by the
 * store's XksProxyUriEndpoint, then the store's XksProxyUriPath must match its `uriPath` prefix.
 */
export interface SimXksProxy extends XksProxyState {
  /** "https://host" (no path), as the store's XksProxyUriEndpoint names it. */
  uriEndpoint: string;
}

/**
 * A VPC endpoint service in front of a proxy, with what KMS checks of it (xks-troubleshooting): an NLB
 * in subnets of two or more Availability Zones, KMS's principal allowed, no acceptance, a verified
 * private DNS name (the store's endpoint is https://<PrivateDnsName>).
 */
export interface VpcEndpointService {
  ServiceName: string;
  ServiceId: string;
  PrivateDnsName: string;
  PrivateDnsNameVerificationState: "verified" | "pendingVerification" | "failed";
  AcceptanceRequired: boolean;
  /** Availability Zones of the network load balancer's subnets. */
  AvailabilityZones: string[];
  /** Principals allowed to create endpoints; KMS needs cks.kms.<region>.amazonaws.com. */
  AllowedPrincipals: string[];
}

/** A transition that completes at `dueAt` (simulated time). */
export interface Pending<K extends string> {
  kind: K;
  dueAt: number;
}

export interface CustomKeyStore {
  CustomKeyStoreId: string;
  CustomKeyStoreName: string;
  CustomKeyStoreType: CustomKeyStoreType;
  CloudHsmClusterId?: string;
  TrustAnchorCertificate?: string;
  ConnectionState: ConnectionState;
  ConnectionErrorCode?: ConnectionErrorCode;
  CreationDate: number;
  XksProxyConfiguration?: XksProxyConfiguration;
  /** Hash of the kmsuser password KMS believes is current (never the password itself). */
  keyStorePasswordHash?: string;
  /**
   * The proxy secret access key KMS signs XKS requests with. KMS must hold it in the clear to sign, so
   * the simulator does too; no AWS answer, event or kcs output ever carries it.
   */
  xksSecretAccessKey?: string;
  pending?: Pending<"connect" | "disconnect">;
}

export type KeyBaseState = "Enabled" | "Disabled" | "PendingDeletion";
export type KeyState = KeyBaseState | "Unavailable" | "Creating" | "PendingImport" | "Updating";
export type KeyOrigin = "AWS_KMS" | "AWS_CLOUDHSM" | "EXTERNAL_KEY_STORE";

export interface KmsKey {
  KeyId: string;
  Arn: string;
  CreationDate: number;
  Description: string;
  KeyUsage: "ENCRYPT_DECRYPT";
  KeySpec: "SYMMETRIC_DEFAULT";
  Origin: KeyOrigin;
  CustomKeyStoreId?: string;
  CloudHsmClusterId?: string;
  /** The state KMS keeps; a store-backed key *reads* Unavailable while its store is not connected. */
  baseState: KeyBaseState;
  DeletionDate?: number;
  PendingWindowInDays?: number;
  /** For AWS_KMS keys the material lives in KMS; store keys find theirs on the HSM by label. */
  materialHex?: string;
  backingKeyId?: string;
  xksKeyId?: string;
  /** When the simulator saw the backing key gone from the store's cluster (kms/material-watch.ts). */
  materialMissingSince?: number;
  /** KMS has caught up with the loss: the key reads Unavailable. */
  materialLossShown?: boolean;
  /** The key policy given at CreateKey; absent: KMS's default key policy (see kms/policy.ts). */
  policy?: string;
  /** Tags in the order they were added (ListResourceTags shows them so). */
  tags?: { TagKey: string; TagValue: string }[];
  /** Grants on the key (AWS services that use it create them); no operation here creates any. */
  grants?: Grant[];
}

export interface Grant {
  GrantId: string;
  Name?: string;
  CreationDate: number;
  GranteePrincipal: string;
  RetiringPrincipal?: string;
  IssuingAccount: string;
  Operations: string[];
  Constraints?: {
    EncryptionContextSubset?: Record<string, string>;
    EncryptionContextEquals?: Record<string, string>;
  };
}

export interface Alias {
  AliasName: string;
  TargetKeyId: string;
  CreationDate: number;
  LastUpdatedDate: number;
}

export type ClusterState =
  | "CREATE_IN_PROGRESS"
  | "UNINITIALIZED"
  | "INITIALIZE_IN_PROGRESS"
  | "INITIALIZED"
  | "ACTIVE"
  | "UPDATE_IN_PROGRESS"
  | "MODIFY_IN_PROGRESS"
  | "ROLLBACK_IN_PROGRESS"
  | "DELETE_IN_PROGRESS"
  | "DELETED"
  | "DEGRADED";

export type HsmState = "CREATE_IN_PROGRESS" | "ACTIVE" | "DEGRADED" | "DELETE_IN_PROGRESS" | "DELETED";
export type BackupState = "CREATE_IN_PROGRESS" | "READY" | "DELETED" | "PENDING_DELETION";

export interface Hsm {
  HsmId: string;
  AvailabilityZone: string;
  SubnetId: string;
  EniId: string;
  EniIp: string;
  State: HsmState;
  StateMessage?: string;
  pending?: Pending<"create" | "delete">;
}

export type HsmRole = "admin" | "crypto-user";

export interface HsmUser {
  username: string;
  role: HsmRole;
  passwordHash: string;
  failedLogins: number;
  locked: boolean;
  /** Who holds a session as this user: KMS while the store is connected, or a person on the HSM. */
  loggedInBy?: "kms" | "operator";
}

/** One key object on the HSMs, as the CloudHSM CLI shows it. */
export interface HsmKey {
  keyReference: string;
  /** Client SDK 3 key handle (decimal), as CloudTrail's older events carry it. */
  keyHandle: string;
  label: string;
  owner: string;
  backingKeyId: string;
  keyType: "aes";
  class: "secret-key";
  materialHex: string;
  createdAt: number;
}

/** What the HSMs of a cluster hold; synchronised across HSMs and copied into backups. */
export interface HsmData {
  users: HsmUser[];
  keys: HsmKey[];
  nextHandle: number;
}

export interface Cluster {
  ClusterId: string;
  State: ClusterState;
  StateMessage?: string;
  HsmType: "hsm1.medium" | "hsm2m.medium";
  VpcId: string;
  SecurityGroup: string;
  SubnetMapping: Record<string, string>;
  CreateTimestamp: number;
  SourceBackupId?: string;
  BackupPolicy: "DEFAULT";
  BackupRetentionPolicy: { Type: "DAYS"; Value: string };
  /** Clusters restored from a backup share the original's certificate: that is their lineage. */
  ClusterCertificate: string;
  /** customerCA.crt that signed the cluster certificate; KMS compares it at CreateCustomKeyStore. */
  trustAnchor: string;
  Hsms: Hsm[];
  hsm: HsmData;
  /**
   * KMS cannot reach the cluster for a reason EC2 does not show (a network ACL or a firewall): connects
   * end NETWORK_ERRORS. Security group rules are data of their own (`World.securityGroups`).
   */
  networkBlocked?: boolean;
  deletedAt?: number;
  pending?: Pending<"create" | "delete" | "initialize">;
  /** When CloudHSM's next periodic backup of this cluster falls due (daily, while it has an active HSM). */
  nextBackupAt?: number;
  /** Tags given at CreateCluster or TagResource (DescribeClusters shows them). */
  TagList?: { Key: string; Value: string }[];
  /** Absent in worlds made before CreateCluster kept them: AWS's defaults, FIPS and IPV4. */
  Mode?: ClusterMode;
  NetworkType?: "IPV4" | "DUALSTACK";
}

export type ClusterMode = "FIPS" | "NON_FIPS";

export interface Backup {
  BackupId: string;
  ClusterId: string;
  BackupState: BackupState;
  CreateTimestamp: number;
  NeverExpires: boolean;
  SourceBackup?: string;
  SourceCluster?: string;
  SourceRegion?: string;
  DeleteTimestamp?: number;
  HsmType: Cluster["HsmType"];
  ClusterCertificate: string;
  trustAnchor: string;
  /** Key of the HSM contents this backup holds, in `World.hsmImages` (users and keys as they were then). */
  hsmImage: string;
  /** Backups copied from another Region carry when they were copied. */
  CopyTimestamp?: number;
  /** Set by CloudHSM's retention policy rather than by DeleteBackup (CloudTrail names who deleted it). */
  purgedByRetention?: boolean;
  pending?: Pending<"ready">;
  /** A backup has its cluster's mode (absent: FIPS, as every cluster was before modes). */
  Mode?: ClusterMode;
  TagList?: { Key: string; Value: string }[];
}

/** One rule of a security group, as EC2's IpPermission names its members. */
export interface SecurityGroupRule {
  /** "tcp", "udp", "icmp" or "-1" (all traffic). */
  IpProtocol: string;
  FromPort?: number;
  ToPort?: number;
  /** Other groups (or the group itself) the rule allows traffic from or to. */
  UserIdGroupPairs?: { GroupId: string; UserId: string }[];
  IpRanges?: { CidrIp: string }[];
}

export interface SecurityGroup {
  GroupId: string;
  GroupName: string;
  Description: string;
  VpcId: string;
  IpPermissions: SecurityGroupRule[];
  IpPermissionsEgress: SecurityGroupRule[];
}

export interface Subnet {
  SubnetId: string;
  AvailabilityZone: string;
  VpcId: string;
  CidrBlock: string;
  freeAddresses: number;
  deleted?: boolean;
}

/** A CloudTrail trail (DescribeTrails' fields keep AWS's names; logging state is bookkeeping). */
export interface Trail {
  Name: string;
  TrailARN: string;
  HomeRegion: string;
  S3BucketName: string;
  S3KeyPrefix?: string;
  IsMultiRegionTrail: boolean;
  IncludeGlobalServiceEvents: boolean;
  LogFileValidationEnabled: boolean;
  IsOrganizationTrail: boolean;
  HasInsightSelectors: boolean;
  KmsKeyId?: string;
  isLogging: boolean;
  /** When logging last started or stopped (epoch ms of simulated time). */
  startLoggingTime?: number;
  stopLoggingTime?: number;
  /** Why the last delivery to the bucket failed (e.g. AccessDenied), if it did. */
  latestDeliveryError?: string;
  /** Basic event selectors, or advanced ones; a trail has one kind or the other. */
  eventSelectors?: EventSelector[];
  advancedEventSelectors?: AdvancedEventSelector[];
}

export interface EventSelector {
  ReadWriteType: "ReadOnly" | "WriteOnly" | "All";
  IncludeManagementEvents: boolean;
  DataResources: { Type: string; Values: string[] }[];
  ExcludeManagementEventSources: string[];
}

export interface AdvancedEventSelector {
  Name?: string;
  FieldSelectors: { Field: string; Equals?: string[]; NotEquals?: string[] }[];
}

/** A CloudTrail management event; `record` becomes the `CloudTrailEvent` JSON string on lookup. */
export interface TrailEvent {
  EventId: string;
  EventName: string;
  EventTime: number;
  EventSource: string;
  ReadOnly: "true" | "false";
  Username?: string;
  AccessKeyId?: string;
  Resources: { ResourceType: string; ResourceName: string }[];
  record: Record<string, unknown>;
}

export interface Faults {
  /** Enforce AWS's published request quotas (ThrottlingException past them). */
  quotas: boolean;
  /** Added latency per call, milliseconds of real time. */
  latencyMs: number;
  /** Fraction (0..1) of calls answered with a transient 5xx. */
  transientErrorRate: number;
  /** Next connects of every CloudHSM store end FAILED with this code (NETWORK_ERRORS, INTERNAL_ERROR...). */
  connectFailure?: ConnectionErrorCode;
  /** "service:Operation" pairs refused with AccessDenied, e.g. "cloudtrail:LookupEvents". */
  accessDenied: string[];
  /** Fraction (0..1) of changes whose answer is lost after AWS acted (the caller sees a 5xx). */
  lostAnswerRate?: number;
  /** Fraction (0..1) of calls whose connection is reset after AWS answered (the caller sees ECONNRESET). */
  resetRate?: number;
  /** Fraction (0..1) of calls whose answer is held for hangMs of real time (a hung connection). */
  hangRate?: number;
  hangMs?: number;
  /** How long a key whose backing key is gone still reads Enabled (default DURATIONS.materialLossNotice). */
  materialLossNoticeMs?: number;
}

export interface SimClockState {
  /** Simulated time at `wallAnchorMs`. */
  simAnchorMs: number;
  wallAnchorMs: number;
  /** Simulated milliseconds per real millisecond. */
  scale: number;
}

export interface World {
  schema: typeof WORLD_SCHEMA;
  version: typeof WORLD_VERSION;
  scenario: string;
  accountId: string;
  region: string;
  /**
   * The key of every password hash (HMAC-SHA256) in this world. It is never written to the world
   * file, only to its private key file beside it, so the file alone gives nothing to brute-force.
   */
  pepper: string;
  /** HMAC of a constant under the pepper: tells a world whether a key file is its own. */
  pepperCheck: string;
  /** Counter that makes generated ids deterministic for a given world. */
  seq: number;
  clock: SimClockState;
  stores: CustomKeyStore[];
  keys: KmsKey[];
  aliases: Alias[];
  clusters: Cluster[];
  backups: Backup[];
  /**
   * What backups hold, by content hash: CloudHSM backs up every cluster daily, and a month of backups
   * of an unchanged cluster is one image here.
   */
  hsmImages: Record<string, HsmData>;
  subnets: Subnet[];
  /**
   * Security groups (the one CloudHSM makes for each cluster). Optional so that worlds written before
   * they existed still load: those get their clusters' groups derived on load (persist.ts).
   */
  securityGroups?: SecurityGroup[];
  events: TrailEvent[];
  /**
   * Management (write) events past CloudTrail's 90-day event history: LookupEvents no longer shows
   * them, but a trail delivered them to S3 (kcs sim export-trail writes them as its log files).
   */
  trailArchive?: TrailEvent[];
  /** CloudTrail trails; absent in worlds made before trails were modelled (as good as none). */
  trails?: Trail[];
  faults: Faults;
  /** CloudHSM clusters allowed in this Region (4 by default; an adjustable quota). */
  clusterLimit: number;
  /** XKS proxies KMS can call, by endpoint; absent in worlds made before external stores were real. */
  xksProxies?: SimXksProxy[];
  /** VPC endpoint services fronting proxies (VPC_ENDPOINT_SERVICE connectivity); absent: none. */
  vpcEndpointServices?: VpcEndpointService[];
  /**
   * The other (account, Region) partitions of the same simulated AWS, each a world of this shape (its
   * own stores, clusters, CloudTrail and quotas), sharing this world's pepper and clock. Requests reach
   * one by their SigV4 signing Region and the caller's access key (sim/partitions.ts). Only the root
   * world has them; absent: the world is one account in one Region, answering any Region as itself.
   */
  partitions?: World[];
  /** Root only: which account each long-term access key id belongs to; absent: every key is this account's. */
  accessKeys?: Record<string, string>;
  /** Root only: refuse a long-term key `accessKeys` does not list (absent: it is the root account's). */
  onlyListedKeys?: boolean;
  /** Root only: the IAM roles STS lets any known caller assume (member accounts' audit roles). */
  roles?: SimRole[];
  /** Root only: opt-in Regions an account has not enabled (its requests there are refused as AWS does). */
  disabledRegions?: { accountId: string; region: string }[];
}

/** A role the simulated STS lets a caller assume; with `externalId`, only when the caller gives it. */
export interface SimRole {
  Arn: string;
  externalId?: string;
}

export const DEFAULT_FAULTS: Faults = {
  quotas: true,
  latencyMs: 0,
  transientErrorRate: 0,
  accessDenied: [],
};
