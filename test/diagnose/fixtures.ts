import { createHash } from "node:crypto";
/**
 * Small builders for Snapshot objects (and the raw CloudTrail events behind them), so diagnosis
 * tests state only what matters to them. Every builder returns a fresh object.
 */
import type { ConnectionState, HsmState, KeyState } from "../../src/core/aws-states.js";
import type { RawEvent } from "../../src/gather/deletekey-events.js";
import type {
  BackingKeyStatus,
  ClusterFacts,
  DeleteKeyEvent,
  HsmFacts,
  KeyFacts,
  NetworkFacts,
  ProbeResult,
  ReadError,
  SecurityGroupFacts,
  Snapshot,
  StoreFacts,
  SubnetFacts,
} from "../../src/gather/snapshot.js";

export const REGION = "eu-west-1";
export const ACCOUNT = "111122223333";
export const STORE_ID = "cks-1234567890abcdef0";
export const STORE_NAME = "ExampleKeyStore";
export const CLUSTER_ID = "cluster-2a23b4cdefg";
export const OTHER_STORE_ID = "cks-0fedcba0987654321";
export const OTHER_CLUSTER_ID = "cluster-7z76y6xwvut";
export const GENERATED_AT = "2026-11-28T12:00:00.000Z";

export const keyArn = (keyId: string) => `arn:aws:kms:${REGION}:${ACCOUNT}:key/${keyId}`;

/** A CloudHSM store, CONNECTED to CLUSTER_ID unless told otherwise. */
export function store(over: Partial<StoreFacts> = {}): StoreFacts {
  return {
    customKeyStoreId: STORE_ID,
    customKeyStoreName: STORE_NAME,
    customKeyStoreType: "AWS_CLOUDHSM",
    connectionState: "CONNECTED",
    cloudHsmClusterId: CLUSTER_ID,
    creationDate: "2026-01-01T00:00:00.000Z",
    ...over,
  };
}

/** A store in `state` (FAILED stores usually also get a connectionErrorCode). */
export function storeIn(
  state: ConnectionState,
  connectionErrorCode?: string,
  over: Partial<StoreFacts> = {},
) {
  return store({ connectionState: state, ...(connectionErrorCode ? { connectionErrorCode } : {}), ...over });
}

export function externalStore(over: Partial<StoreFacts> = {}): StoreFacts {
  const { cloudHsmClusterId: _drop, ...base } = store();
  return {
    ...base,
    customKeyStoreId: "cks-00000000000000xks",
    customKeyStoreName: "ExternalStore",
    customKeyStoreType: "EXTERNAL_KEY_STORE",
    ...over,
  };
}

let hsmSeq = 0;
export function hsm(availabilityZone: string, state: HsmState = "ACTIVE"): HsmFacts {
  hsmSeq += 1;
  return { hsmId: `hsm-${String(hsmSeq).padStart(11, "a")}`, availabilityZone, state };
}

/** An ACTIVE cluster; by default with two ACTIVE HSMs in two Availability Zones (healthy). */
export function cluster(hsms?: HsmFacts[], over: Partial<ClusterFacts> = {}): ClusterFacts {
  return {
    clusterId: CLUSTER_ID,
    state: "ACTIVE",
    hsmType: "hsm1.medium",
    vpcId: VPC_ID,
    securityGroup: GROUP_ID,
    subnetMapping: { "eu-west-1a": "subnet-0a0a0a0a", "eu-west-1b": "subnet-0b0b0b0b" },
    hsms: hsms ?? [hsm("eu-west-1a"), hsm("eu-west-1b")],
    ...over,
  };
}

export const VPC_ID = "vpc-0123456789abcdef0";
export const GROUP_ID = "sg-0123456789abcdef0";

/** A subnet as DescribeSubnets shows it, in the fixture cluster's VPC unless `over` says otherwise. */
export function subnet(
  subnetId: string,
  availabilityZone: string,
  availableIpAddresses = 240,
  over: Partial<SubnetFacts> = {},
): SubnetFacts {
  return {
    subnetId,
    vpcId: VPC_ID,
    availabilityZone,
    cidrBlock: "10.0.10.0/24",
    availableIpAddresses,
    ...over,
  };
}

/** The TCP 2223-2225 rule to itself CloudHSM gives a cluster's group, in either direction. */
export const selfRule = (groupId = GROUP_ID) => ({
  ipProtocol: "tcp",
  fromPort: 2223,
  toPort: 2225,
  groupIds: [groupId],
});

/** The cluster's security group as DescribeSecurityGroups shows it: CloudHSM's rules unless `over` says otherwise. */
export function securityGroup(over: Partial<SecurityGroupFacts> = {}): SecurityGroupFacts {
  return {
    groupId: GROUP_ID,
    groupName: `cloudhsm-cluster-${CLUSTER_ID}-sg`,
    inbound: [selfRule()],
    outbound: [selfRule()],
    ...over,
  };
}

/** What gather read from EC2: the fixture VPC's subnets and the groups given. */
export function network(
  subnets: SubnetFacts[] | undefined,
  groups: NetworkFacts["securityGroups"] = {},
): NetworkFacts {
  return { vpcIds: [VPC_ID], ...(subnets ? { subnets } : {}), securityGroups: groups };
}

let keySeq = 0;
/** A key of STORE_ID (unless `over` says otherwise) in `keyState`. */
export function key(keyState: KeyState, over: Partial<KeyFacts> = {}): KeyFacts {
  keySeq += 1;
  const keyId = over.keyId ?? `1234abcd-12ab-34cd-56ef-${String(keySeq).padStart(12, "0")}`;
  return {
    keyId,
    arn: keyArn(keyId),
    keyState,
    customKeyStoreId: STORE_ID,
    cloudHsmClusterId: CLUSTER_ID,
    creationDate: "2026-02-01T00:00:00.000Z",
    ...(keyState === "PendingDeletion" ? { deletionDate: "2026-12-05T00:00:00.000Z" } : {}),
    ...over,
  };
}

export function backingKey(deletionStatus: "SUCCESS" | "FAILURE", keyHandle?: string, id?: string) {
  const status: BackingKeyStatus = {
    // 64 hex digits, as KMS writes them; the same status and handle give the same id.
    backingKeyId:
      id ??
      createHash("sha256")
        .update(`${deletionStatus}-${keyHandle ?? "nohandle"}`)
        .digest("hex"),
    deletionStatus,
  };
  if (keyHandle !== undefined) status.keyHandle = keyHandle;
  return status;
}

/** A parsed DeleteKey event of STORE_ID on CLUSTER_ID. */
export function deleteKeyEvent(backingKeys: BackingKeyStatus[], over: Partial<DeleteKeyEvent> = {}) {
  const event: DeleteKeyEvent = {
    eventId: "0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0",
    eventTime: "2026-11-20T10:00:00.000Z",
    keyArn: keyArn("deadbeef-0000-4000-8000-000000000001"),
    customKeyStoreId: STORE_ID,
    cloudHsmClusterId: CLUSTER_ID,
    backingKeys,
    ...over,
  };
  return event;
}

export function probe(ok: boolean, over: Partial<ProbeResult> = {}): ProbeResult {
  return {
    customKeyStoreId: STORE_ID,
    operation: "GenerateRandom",
    ok,
    ...(ok
      ? {}
      : {
          code: "CustomKeyStoreInvalidStateException",
          message: "KMS cannot communicate with your CloudHSM cluster",
        }),
    ...over,
  };
}

export function readError(over: Partial<ReadError> = {}): ReadError {
  return {
    service: "cloudtrail",
    operation: "LookupEvents",
    code: "AccessDeniedException",
    message: "User is not authorized to perform: cloudtrail:LookupEvents",
    ...over,
  };
}

/**
 * A snapshot: one healthy CONNECTED store on a healthy cluster unless `over` says otherwise. Passing
 * `stores` without `clusters` still gives CLUSTER_ID its healthy cluster.
 */
export function snapshot(over: Partial<Snapshot> = {}): Snapshot {
  return {
    backend: "aws",
    region: REGION,
    generatedAt: GENERATED_AT,
    since: "2026-08-30T12:00:00.000Z",
    stores: [store()],
    clusters: { [CLUSTER_ID]: cluster() },
    backups: [],
    keys: [],
    deleteKeyEvents: [],
    probes: [],
    errors: [],
    ...over,
  };
}

// ---- raw CloudTrail LookupEvents events (what the SDK returns) ----

export interface RawDeleteKeyOptions {
  eventId?: string;
  eventTime?: Date;
  keyArn?: string;
  /** Absent = a default-store DeleteKey (no additionalEventData). */
  customKeyStoreId?: string;
  clusterId?: string;
  backingKeys?: BackingKeyStatus[];
  /** `responseElements` as CloudTrail wrote it (null before Dec 2022). Default: `{ keyId: keyArn }`. */
  responseElements?: Record<string, unknown> | null;
  eventSource?: string;
}

/** A LookupEvents `Event` for a DeleteKey, with the JSON-in-JSON record CloudTrail really writes. */
export function rawDeleteKey(
  o: RawDeleteKeyOptions = {},
): RawEvent & { EventSource: string; EventName: string } {
  const arn = o.keyArn ?? keyArn("deadbeef-0000-4000-8000-000000000001");
  const eventId = o.eventId ?? "0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0";
  const eventTime = o.eventTime ?? new Date("2026-11-20T10:00:00Z");
  const source = o.eventSource ?? "kms.amazonaws.com";
  const backingKeys = o.backingKeys ?? [];
  const record = {
    eventVersion: "1.08",
    userIdentity: { accountId: ACCOUNT, invokedBy: "AWS Internal" },
    eventTime: eventTime.toISOString().replace(".000Z", "Z"),
    eventSource: source,
    eventName: "DeleteKey",
    awsRegion: REGION,
    sourceIPAddress: "AWS Internal",
    userAgent: "AWS Internal",
    requestParameters: null,
    responseElements: o.responseElements === undefined ? { keyId: arn } : o.responseElements,
    ...(o.customKeyStoreId
      ? {
          additionalEventData: {
            customKeyStoreId: o.customKeyStoreId,
            clusterId: o.clusterId ?? CLUSTER_ID,
            backingKeys: JSON.stringify(
              backingKeys.map(({ keyHandle, backingKeyId }) => ({ keyHandle, backingKeyId })),
            ),
            backingKeysDeletionStatus: JSON.stringify(backingKeys),
          },
        }
      : {}),
    eventID: eventId,
    readOnly: false,
    resources: [{ accountId: ACCOUNT, type: "AWS::KMS::Key", ARN: arn }],
    eventType: "AwsServiceEvent",
    recipientAccountId: ACCOUNT,
    managementEvent: true,
    eventCategory: "Management",
  };
  return {
    EventId: eventId,
    EventName: "DeleteKey",
    EventTime: eventTime,
    EventSource: source,
    CloudTrailEvent: JSON.stringify(record),
  };
}
