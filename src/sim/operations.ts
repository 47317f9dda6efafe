import * as backups from "./cloudhsm/backups.js";
import * as clusters from "./cloudhsm/clusters.js";
import { initializeCluster } from "./cloudhsm/initialize.js";
import { modifyCluster } from "./cloudhsm/modify.js";
import * as hsmTags from "./cloudhsm/tags.js";
import { lookupEvents } from "./cloudtrail/lookup-events.js";
import * as trails from "./cloudtrail/trails.js";
import type { OpContext } from "./context.js";
import { describeNetworkInterfaces } from "./ec2/network-interfaces.js";
import { describeRegions } from "./ec2/regions.js";
import { describeSecurityGroups } from "./ec2/security-groups.js";
import { describeSubnets } from "./ec2/subnets.js";
import { describeVpcs } from "./ec2/vpcs.js";
import type { ServiceName } from "./errors.js";
import type { Input } from "./input.js";
import * as aliases from "./kms/aliases.js";
import * as crypto from "./kms/crypto.js";
import * as stores from "./kms/custom-key-stores.js";
import { listGrants } from "./kms/grants.js";
import * as keys from "./kms/keys.js";
import { getKeyPolicy } from "./kms/policy.js";
import * as tags from "./kms/tags.js";

export type Handler = (ctx: OpContext, input: Input) => Record<string, unknown>;

export interface Operation {
  handler: Handler;
  /** Changes the world (and so must be persisted). */
  mutating: boolean;
  /** AWS's published requests per second for this operation (per account and Region), if any. */
  rps?: number;
  /** Operations sharing one quota name share one bucket. */
  quota?: string;
}

const SYMMETRIC_CRYPTO = { rps: 5_500, quota: "kms:symmetric-crypto" };
/** EC2 throttles every non-mutating action of an account from one bucket, refilled at 20 a second. */
const EC2_DESCRIBE = { rps: 20, quota: "ec2:non-mutating" };

/**
 * The other KMS quotas are the KMS Developer Guide's "Request quotas for each AWS KMS API operation":
 * CreateAlias, UpdateAlias, DeleteAlias, TagResource, UntagResource and UpdateKeyDescription 5/s,
 * GetKeyPolicy and GetKeyRotationStatus 1,000/s, ListGrants and ListResourceTags 100/s; ReEncrypt and
 * GenerateDataKeyWithoutPlaintext share "Cryptographic operations (symmetric) request rate".
 */
const KMS_WRITE = 5;

/** CloudTrail's quotas ("Quotas in AWS CloudTrail"): get, describe and list APIs 10 TPS each. */
const CLOUDTRAIL_READ = 10;

export const OPERATIONS: Record<ServiceName, Record<string, Operation>> = {
  kms: {
    DescribeCustomKeyStores: { handler: stores.describeCustomKeyStores, mutating: false, rps: 5 },
    ConnectCustomKeyStore: { handler: stores.connectCustomKeyStore, mutating: true, rps: 5 },
    DisconnectCustomKeyStore: { handler: stores.disconnectCustomKeyStore, mutating: true, rps: 5 },
    UpdateCustomKeyStore: { handler: stores.updateCustomKeyStore, mutating: true, rps: 5 },
    CreateCustomKeyStore: { handler: stores.createCustomKeyStore, mutating: true, rps: 5 },
    DeleteCustomKeyStore: { handler: stores.deleteCustomKeyStore, mutating: true, rps: 5 },
    ListKeys: { handler: keys.listKeys, mutating: false, rps: 500 },
    DescribeKey: { handler: keys.describeKey, mutating: false, rps: 2_000 },
    ListAliases: { handler: keys.listAliases, mutating: false, rps: 500 },
    CreateKey: { handler: keys.createKey, mutating: true, rps: 5 },
    ScheduleKeyDeletion: { handler: keys.scheduleKeyDeletion, mutating: true, rps: 15 },
    CancelKeyDeletion: { handler: keys.cancelKeyDeletion, mutating: true, rps: 5 },
    EnableKey: { handler: keys.enableKey, mutating: true, rps: 5 },
    DisableKey: { handler: keys.disableKey, mutating: true, rps: 5 },
    Encrypt: { handler: crypto.encrypt, mutating: false, ...SYMMETRIC_CRYPTO },
    Decrypt: { handler: crypto.decrypt, mutating: false, ...SYMMETRIC_CRYPTO },
    GenerateDataKey: { handler: crypto.generateDataKey, mutating: false, ...SYMMETRIC_CRYPTO },
    GenerateRandom: { handler: crypto.generateRandom, mutating: false, ...SYMMETRIC_CRYPTO },
    ReEncrypt: { handler: crypto.reEncrypt, mutating: false, ...SYMMETRIC_CRYPTO },
    GenerateDataKeyWithoutPlaintext: {
      handler: crypto.generateDataKeyWithoutPlaintext,
      mutating: false,
      ...SYMMETRIC_CRYPTO,
    },
    GetKeyPolicy: { handler: getKeyPolicy, mutating: false, rps: 1_000 },
    GetKeyRotationStatus: { handler: keys.getKeyRotationStatus, mutating: false, rps: 1_000 },
    ListGrants: { handler: listGrants, mutating: false, rps: 100 },
    ListResourceTags: { handler: tags.listResourceTags, mutating: false, rps: 100 },
    CreateAlias: { handler: aliases.createAlias, mutating: true, rps: KMS_WRITE },
    UpdateAlias: { handler: aliases.updateAlias, mutating: true, rps: KMS_WRITE },
    DeleteAlias: { handler: aliases.deleteAlias, mutating: true, rps: KMS_WRITE },
    TagResource: { handler: tags.tagResource, mutating: true, rps: KMS_WRITE },
    UntagResource: { handler: tags.untagResource, mutating: true, rps: KMS_WRITE },
    UpdateKeyDescription: { handler: keys.updateKeyDescription, mutating: true, rps: KMS_WRITE },
  },
  // CloudHSM publishes no control-plane request quotas.
  cloudhsmv2: {
    DescribeClusters: { handler: clusters.describeClusters, mutating: false },
    DescribeBackups: { handler: backups.describeBackups, mutating: false },
    DeleteBackup: { handler: backups.deleteBackup, mutating: true },
    RestoreBackup: { handler: backups.restoreBackup, mutating: true },
    ModifyBackupAttributes: { handler: backups.modifyBackupAttributes, mutating: true },
    CopyBackupToRegion: { handler: backups.copyBackupToRegion, mutating: true },
    CreateCluster: { handler: clusters.createCluster, mutating: true },
    CreateHsm: { handler: clusters.createHsm, mutating: true },
    DeleteHsm: { handler: clusters.deleteHsm, mutating: true },
    DeleteCluster: { handler: clusters.deleteCluster, mutating: true },
    ModifyCluster: { handler: modifyCluster, mutating: true },
    InitializeCluster: { handler: initializeCluster, mutating: true },
    TagResource: { handler: hsmTags.tagResource, mutating: true },
    UntagResource: { handler: hsmTags.untagResource, mutating: true },
    ListTags: { handler: hsmTags.listTags, mutating: false },
  },
  cloudtrail: {
    LookupEvents: { handler: lookupEvents, mutating: false, rps: 2 },
    DescribeTrails: { handler: trails.describeTrails, mutating: false, rps: CLOUDTRAIL_READ },
    GetTrailStatus: { handler: trails.getTrailStatus, mutating: false, rps: CLOUDTRAIL_READ },
    ListTrails: { handler: trails.listTrails, mutating: false, rps: CLOUDTRAIL_READ },
    GetEventSelectors: { handler: trails.getEventSelectors, mutating: false, rps: CLOUDTRAIL_READ },
  },
  // Read-only, and not recorded in the simulated CloudTrail (kcs never looks up EC2 events).
  ec2: {
    DescribeSubnets: { handler: describeSubnets, mutating: false, ...EC2_DESCRIBE },
    DescribeSecurityGroups: { handler: describeSecurityGroups, mutating: false, ...EC2_DESCRIBE },
    DescribeNetworkInterfaces: { handler: describeNetworkInterfaces, mutating: false, ...EC2_DESCRIBE },
    DescribeVpcs: { handler: describeVpcs, mutating: false, ...EC2_DESCRIBE },
    DescribeRegions: { handler: describeRegions, mutating: false, ...EC2_DESCRIBE },
  },
};

export function findOperation(service: ServiceName, name: string): Operation | undefined {
  return Object.hasOwn(OPERATIONS[service], name) ? OPERATIONS[service][name] : undefined;
}
