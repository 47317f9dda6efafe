import type { BackingKeyStatus, DeleteKeyEvent } from "./snapshot.js";

/** The parts of a LookupEvents `Event` kcs reads. */
export interface RawEvent {
  EventId?: string;
  EventTime?: Date;
  CloudTrailEvent?: string;
}

function parseJson(text: unknown): unknown {
  if (typeof text !== "string") return text;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const str = (v: unknown) => (typeof v === "string" && v !== "" ? v : undefined);

/**
 * Decodes a DeleteKey event: `CloudTrailEvent` is a JSON string, and inside it `backingKeys` and
 * `backingKeysDeletionStatus` are JSON strings again. Returns undefined for default-store deletions
 * (no custom key store in `additionalEventData`) and for anything that does not parse.
 */
export function parseDeleteKeyEvent(raw: RawEvent): DeleteKeyEvent | undefined {
  const record = parseJson(raw.CloudTrailEvent) as Record<string, unknown> | undefined;
  if (!record || typeof record !== "object" || record.eventName !== "DeleteKey") return undefined;
  const extra = record.additionalEventData as Record<string, unknown> | undefined;
  const storeId = str(extra?.customKeyStoreId);
  if (!extra || !storeId) return undefined;
  const response = record.responseElements as Record<string, unknown> | null | undefined;
  const resources = record.resources as { ARN?: unknown }[] | undefined;
  const keyArn = str(response?.keyId) ?? str(resources?.[0]?.ARN);
  if (!keyArn) return undefined;
  const statuses = parseJson(extra.backingKeysDeletionStatus);
  const backingKeys: BackingKeyStatus[] = [];
  if (Array.isArray(statuses)) {
    for (const s of statuses as Record<string, unknown>[]) {
      const backingKeyId = str(s?.backingKeyId);
      const deletionStatus = str(s?.deletionStatus);
      if (!backingKeyId || !deletionStatus) continue;
      const keyHandle = str(s.keyHandle);
      backingKeys.push({ backingKeyId, deletionStatus, ...(keyHandle ? { keyHandle } : {}) });
    }
  }
  const eventTime = raw.EventTime?.toISOString() ?? str(record.eventTime);
  return {
    eventId: raw.EventId ?? str(record.eventID) ?? "",
    eventTime: eventTime ?? "",
    keyArn,
    customKeyStoreId: storeId,
    ...(str(extra.clusterId) ? { cloudHsmClusterId: str(extra.clusterId) } : {}),
    backingKeys,
  };
}
