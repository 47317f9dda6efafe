import type { OpContext } from "../context.js";
import { newUuid } from "../ids.js";
import type { TrailEvent, World } from "../world.js";

const SOURCES = { kms: "kms.amazonaws.com", cloudhsmv2: "cloudhsm.amazonaws.com" } as const;

interface ApiCall {
  service: keyof typeof SOURCES;
  eventName: string;
  requestParameters: Record<string, unknown> | null;
  responseElements?: Record<string, unknown> | null;
  additionalEventData?: Record<string, unknown>;
  resources?: { type: string; ARN: string }[];
  errorCode?: string;
  errorMessage?: string;
  readOnly?: boolean;
}

/** Records a caller's management call the way CloudTrail shows an `AwsApiCall`. */
export function recordApiCall(ctx: OpContext, call: ApiCall): TrailEvent {
  const { world, caller } = ctx;
  const eventId = newUuid(world, "event");
  const record: Record<string, unknown> = {
    eventVersion: "1.08",
    userIdentity: {
      type: "IAMUser",
      principalId: "AIDAJ45Q7YFFAREXAMPLE",
      arn: `arn:aws:iam::${world.accountId}:user/${caller.userName}`,
      accountId: world.accountId,
      accessKeyId: caller.accessKeyId,
      userName: caller.userName,
    },
    eventTime: isoSeconds(ctx.now),
    eventSource: SOURCES[call.service],
    eventName: call.eventName,
    awsRegion: world.region,
    sourceIPAddress: caller.sourceIp,
    userAgent: caller.userAgent,
    ...(call.errorCode ? { errorCode: call.errorCode, errorMessage: call.errorMessage } : {}),
    requestParameters: call.requestParameters,
    responseElements: call.responseElements ?? null,
    ...(call.additionalEventData ? { additionalEventData: call.additionalEventData } : {}),
    requestID: ctx.requestId,
    eventID: eventId,
    readOnly: call.readOnly ?? false,
    ...(call.resources
      ? { resources: call.resources.map((r) => ({ accountId: world.accountId, ...r })) }
      : {}),
    eventType: "AwsApiCall",
    managementEvent: true,
    recipientAccountId: world.accountId,
    eventCategory: "Management",
  };
  return push(world, {
    EventId: eventId,
    EventName: call.eventName,
    EventTime: ctx.now,
    EventSource: SOURCES[call.service],
    ReadOnly: call.readOnly ? "true" : "false",
    Username: caller.userName,
    AccessKeyId: caller.accessKeyId,
    Resources: (call.resources ?? []).map((r) => ({ ResourceType: r.type, ResourceName: r.ARN })),
    record,
  });
}

export interface BackingKeyStatus {
  keyHandle?: string;
  backingKeyId: string;
  deletionStatus: "SUCCESS" | "FAILURE";
}

/** KMS's own DeleteKey at the end of a waiting period: an `AwsServiceEvent` with JSON-in-JSON details. */
export function recordDeleteKey(
  world: World,
  at: number,
  keyArn: string,
  store?: { customKeyStoreId: string; clusterId: string; backingKeys: BackingKeyStatus[] },
): TrailEvent {
  const eventId = newUuid(world, "event");
  const record: Record<string, unknown> = {
    eventVersion: "1.08",
    userIdentity: { accountId: world.accountId, invokedBy: "AWS Internal" },
    eventTime: isoSeconds(at),
    eventSource: SOURCES.kms,
    eventName: "DeleteKey",
    awsRegion: world.region,
    sourceIPAddress: "AWS Internal",
    userAgent: "AWS Internal",
    requestParameters: null,
    responseElements: { keyId: keyArn },
    ...(store
      ? {
          additionalEventData: {
            customKeyStoreId: store.customKeyStoreId,
            clusterId: store.clusterId,
            backingKeys: JSON.stringify(
              store.backingKeys.map(({ keyHandle, backingKeyId }) => ({ keyHandle, backingKeyId })),
            ),
            backingKeysDeletionStatus: JSON.stringify(store.backingKeys),
          },
        }
      : {}),
    eventID: eventId,
    readOnly: false,
    resources: [{ accountId: world.accountId, type: "AWS::KMS::Key", ARN: keyArn }],
    eventType: "AwsServiceEvent",
    recipientAccountId: world.accountId,
    managementEvent: true,
    eventCategory: "Management",
  };
  return push(world, {
    EventId: eventId,
    EventName: "DeleteKey",
    EventTime: at,
    EventSource: SOURCES.kms,
    ReadOnly: "false",
    Resources: [{ ResourceType: "AWS::KMS::Key", ResourceName: keyArn }],
    record,
  });
}

function push(world: World, event: TrailEvent): TrailEvent {
  world.events.push(event);
  return event;
}

export function isoSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(".000Z", "Z");
}
