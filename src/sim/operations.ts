import * as backups from "./cloudhsm/backups.js";
import * as clusters from "./cloudhsm/clusters.js";
import { lookupEvents } from "./cloudtrail/lookup-events.js";
import type { OpContext } from "./context.js";
import { describeNetworkInterfaces } from "./ec2/network-interfaces.js";
import { describeSecurityGroups } from "./ec2/security-groups.js";
import { describeSubnets } from "./ec2/subnets.js";
import { describeVpcs } from "./ec2/vpcs.js";
import type { ServiceName } from "./errors.js";
import type { Input } from "./input.js";
import * as crypto from "./kms/crypto.js";
import * as stores from "./kms/custom-key-stores.js";
import * as keys from "./kms/keys.js";

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
  },
  // CloudHSM publishes no control-plane request quotas.
  cloudhsmv2: {
    DescribeClusters: { handler: clusters.describeClusters, mutating: false },
    DescribeBackups: { handler: backups.describeBackups, mutating: false },
    CreateCluster: { handler: clusters.createCluster, mutating: true },
    CreateHsm: { handler: clusters.createHsm, mutating: true },
    DeleteHsm: { handler: clusters.deleteHsm, mutating: true },
    DeleteCluster: { handler: clusters.deleteCluster, mutating: true },
  },
  cloudtrail: {
    LookupEvents: { handler: lookupEvents, mutating: false, rps: 2 },
  },
  // Read-only, and not recorded in the simulated CloudTrail (kcs never looks up EC2 events).
  ec2: {
    DescribeSubnets: { handler: describeSubnets, mutating: false, ...EC2_DESCRIBE },
    DescribeSecurityGroups: { handler: describeSecurityGroups, mutating: false, ...EC2_DESCRIBE },
    DescribeNetworkInterfaces: { handler: describeNetworkInterfaces, mutating: false, ...EC2_DESCRIBE },
    DescribeVpcs: { handler: describeVpcs, mutating: false, ...EC2_DESCRIBE },
  },
};

export function findOperation(service: ServiceName, name: string): Operation | undefined {
  return Object.hasOwn(OPERATIONS[service], name) ? OPERATIONS[service][name] : undefined;
}
