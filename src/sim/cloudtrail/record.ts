import type { OpContext } from "../context.js";
import { newUuid } from "../ids.js";
import type { TrailEvent, World } from "../world.js";

export const SOURCES = { kms: "kms.amazonaws.com", cloudhsmv2: "cloudhsm.amazonaws.com" } as const;

export interface ApiCall {
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
  return push(ctx.world, apiCallEvent(ctx, call, newUuid(ctx.world, "event")));
}

/**
 * The event of a caller's call, without recording it: reads build theirs without touching the world
 * (the engine files them later, see engine.ts).
 */
export function apiCallEvent(ctx: OpContext, call: ApiCall, eventId: string): TrailEvent {
  const { world, caller } = ctx;
  const record: Record<string, unknown> = {
    eventVersion: "1.08",
    userIdentity: {
      type: "IAMUser",
      principalId: principalIdOf(caller.userName),
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
  return {
    EventId: eventId,
    EventName: call.eventName,
    EventTime: ctx.now,
    EventSource: SOURCES[call.service],
    ReadOnly: call.readOnly ? "true" : "false",
    Username: caller.userName,
    AccessKeyId: caller.accessKeyId,
    Resources: (call.resources ?? []).map((r) => ({ ResourceType: r.type, ResourceName: r.ARN })),
    record,
  };
}

/** IAM's principal ids are stable per user: derived from the name so one user reads as one principal. */
function principalIdOf(userName: string): string {
  let h = 0;
  for (const ch of userName) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return `AIDA${h.toString(36).toUpperCase().padStart(8, "Q")}EXAMPLE`;
}

export interface ServiceEvent {
  service: keyof typeof SOURCES;
  eventName: string;
  requestParameters: Record<string, unknown> | null;
  responseElements: Record<string, unknown> | null;
  additionalEventData?: Record<string, unknown>;
  resources: { type: string; ARN: string }[];
}

/** Something AWS did by itself (KMS deleting a key, CloudHSM expiring a backup): an `AwsServiceEvent`. */
export function recordServiceEvent(world: World, at: number, e: ServiceEvent): TrailEvent {
  const eventId = newUuid(world, "event");
  const record: Record<string, unknown> = {
    eventVersion: "1.08",
    userIdentity: { accountId: world.accountId, invokedBy: "AWS Internal" },
    eventTime: isoSeconds(at),
    eventSource: SOURCES[e.service],
    eventName: e.eventName,
    awsRegion: world.region,
    sourceIPAddress: "AWS Internal",
    userAgent: "AWS Internal",
    requestParameters: e.requestParameters,
    responseElements: e.responseElements,
    ...(e.additionalEventData ? { additionalEventData: e.additionalEventData } : {}),
    eventID: eventId,
    readOnly: false,
    resources: e.resources.map((r) => ({ accountId: world.accountId, ...r })),
    eventType: "AwsServiceEvent",
    recipientAccountId: world.accountId,
    managementEvent: true,
    eventCategory: "Management",
  };
  return push(world, {
    EventId: eventId,
    EventName: e.eventName,
    EventTime: at,
    EventSource: SOURCES[e.service],
    ReadOnly: "false",
    Resources: e.resources.map((r) => ({ ResourceType: r.type, ResourceName: r.ARN })),
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
  return recordServiceEvent(world, at, {
    service: "kms",
    eventName: "DeleteKey",
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
    resources: [{ type: "AWS::KMS::Key", ARN: keyArn }],
  });
}

function push(world: World, event: TrailEvent): TrailEvent {
  world.events.push(event);
  return event;
}

export function isoSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(".000Z", "Z");
}
