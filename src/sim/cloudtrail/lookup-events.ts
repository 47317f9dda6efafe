import { DURATIONS } from "../clock.js";
import type { OpContext } from "../context.js";
import { awsError } from "../errors.js";
import { decodeToken, encodeToken, type Input, Params } from "../input.js";
import type { TrailEvent } from "../world.js";

const ATTRIBUTE_KEYS = [
  "EventId",
  "EventName",
  "ReadOnly",
  "Username",
  "ResourceType",
  "ResourceName",
  "EventSource",
  "AccessKeyId",
] as const;

const invalid = (code: string, message: string) => awsError(code, message);

function matches(e: TrailEvent, key: string, value: string): boolean {
  switch (key) {
    case "EventId":
      return e.EventId === value;
    case "EventName":
      return e.EventName === value;
    case "ReadOnly":
      return e.ReadOnly === value;
    case "Username":
      return e.Username === value;
    case "EventSource":
      return e.EventSource === value;
    case "AccessKeyId":
      return e.AccessKeyId === value;
    case "ResourceType":
      return e.Resources.some((r) => r.ResourceType === value);
    case "ResourceName":
      return e.Resources.some((r) => r.ResourceName === value);
    default:
      return false;
  }
}

export function eventView(e: TrailEvent) {
  return {
    EventId: e.EventId,
    EventName: e.EventName,
    ReadOnly: e.ReadOnly,
    ...(e.AccessKeyId ? { AccessKeyId: e.AccessKeyId } : {}),
    EventTime: e.EventTime / 1000,
    EventSource: e.EventSource,
    ...(e.Username ? { Username: e.Username } : {}),
    Resources: e.Resources,
    CloudTrailEvent: JSON.stringify(e.record),
  };
}

const LOOKUP_ERRORS: Record<string, string> = {
  MaxResults: "InvalidMaxResultsException",
  NextToken: "InvalidNextTokenException",
  StartTime: "InvalidTimeRangeException",
  EndTime: "InvalidTimeRangeException",
  EventCategory: "InvalidEventCategoryException",
};

export function lookupEvents(ctx: OpContext, input: Input) {
  // LookupEvents names its errors after the member at fault; its model has no InvalidParameterException.
  const p = new Params(input, (field, _v, constraint) =>
    invalid(LOOKUP_ERRORS[field] ?? "InvalidLookupAttributesException", `${field}: ${constraint}`),
  );
  const attrs = p.list("LookupAttributes") ?? [];
  if (attrs.length > 1) {
    throw invalid(
      "InvalidLookupAttributesException",
      "You can specify only one lookup attribute per request.",
    );
  }
  let filter: { key: string; value: string } | undefined;
  if (attrs.length === 1) {
    const a = attrs[0] as { AttributeKey?: unknown; AttributeValue?: unknown };
    if (
      typeof a.AttributeKey !== "string" ||
      !(ATTRIBUTE_KEYS as readonly string[]).includes(a.AttributeKey)
    ) {
      throw invalid(
        "InvalidLookupAttributesException",
        `AttributeKey must be one of ${ATTRIBUTE_KEYS.join(", ")}.`,
      );
    }
    if (
      typeof a.AttributeValue !== "string" ||
      a.AttributeValue.length < 1 ||
      a.AttributeValue.length > 2000
    ) {
      throw invalid("InvalidLookupAttributesException", "AttributeValue must be 1 to 2000 characters.");
    }
    filter = { key: a.AttributeKey, value: a.AttributeValue };
  }
  const start = p.time("StartTime");
  const end = p.time("EndTime");
  if (start !== undefined && end !== undefined && start > end) {
    throw invalid("InvalidTimeRangeException", "StartTime must be before EndTime.");
  }
  const category = p.str("EventCategory");
  if (category !== undefined && category !== "insight") {
    throw invalid("InvalidEventCategoryException", "EventCategory must be 'insight'.");
  }
  const max = input.MaxResults === undefined ? 50 : p.int("MaxResults", { min: 1, max: 50 })!;
  const token = p.str("NextToken");
  const bind = JSON.stringify([filter, start, end, category]);
  const offset = token === undefined ? 0 : decodeToken(token, bind);
  if (offset === undefined) {
    throw invalid(
      "InvalidNextTokenException",
      "The NextToken is not valid for this request. Repeat the request with the same parameters.",
    );
  }
  if (category === "insight") return { Events: [] };
  const oldest = ctx.now - DURATIONS.trailRetention;
  const found = ctx.world.events
    .filter(
      (e) =>
        e.EventTime >= oldest &&
        // CloudTrail's event history shows a call minutes after it was made.
        e.EventTime + DURATIONS.trailDelivery <= ctx.now &&
        (start === undefined || e.EventTime >= start) &&
        (end === undefined || e.EventTime <= end) &&
        (!filter || matches(e, filter.key, filter.value)),
    )
    .sort((a, b) => b.EventTime - a.EventTime);
  const more = offset + max < found.length;
  return {
    Events: found.slice(offset, offset + max).map(eventView),
    ...(more ? { NextToken: encodeToken(offset + max, bind) } : {}),
  };
}
