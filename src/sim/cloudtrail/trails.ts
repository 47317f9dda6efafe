import { MINUTE } from "../clock.js";
import type { OpContext } from "../context.js";
import { awsError } from "../errors.js";
import { decodeToken, encodeToken, type Input, Params } from "../input.js";
import type { EventSelector, Trail, World } from "../world.js";
import { isoSeconds } from "./record.js";

/** What a trail records when no one chose otherwise: every management event, read and write. */
export const DEFAULT_EVENT_SELECTOR: EventSelector = {
  ReadWriteType: "All",
  IncludeManagementEvents: true,
  DataResources: [],
  ExcludeManagementEventSources: [],
};

/** The trail an account usually has: multi-Region, management events, digests validated. */
export function managementTrail(world: World, since: number): Trail {
  const name = "management-events";
  return {
    Name: name,
    TrailARN: trailArn(world.region, world.accountId, name),
    HomeRegion: world.region,
    S3BucketName: `aws-cloudtrail-logs-${world.accountId}-management`,
    IsMultiRegionTrail: true,
    IncludeGlobalServiceEvents: true,
    LogFileValidationEnabled: true,
    IsOrganizationTrail: false,
    HasInsightSelectors: false,
    isLogging: true,
    startLoggingTime: since,
    eventSelectors: [structuredClone(DEFAULT_EVENT_SELECTOR)],
  };
}

const trailArn = (region: string, account: string, name: string) =>
  `arn:aws:cloudtrail:${region}:${account}:trail/${name}`;

const TRAIL_ARN = /^arn:aws[a-z-]*:cloudtrail:([a-z0-9-]+):(\d{12}):trail\/(.+)$/;

/**
 * CreateTrail's naming rules: 3 to 128 ASCII letters, digits, periods, underscores and dashes,
 * starting and ending with a letter or digit, no two of `._-` side by side, not an IP address.
 */
function validName(name: string): boolean {
  return (
    /^[A-Za-z0-9][A-Za-z0-9._-]{1,126}[A-Za-z0-9]$/.test(name) &&
    !/[._-]{2}/.test(name) &&
    !/^\d{1,3}(\.\d{1,3}){3}$/.test(name)
  );
}

/** Trails this Region shows: its own, and the copies ("shadow trails") of multi-Region trails. */
const visible = (world: World) =>
  (world.trails ?? []).filter((t) => t.HomeRegion === world.region || t.IsMultiRegionTrail);

/**
 * A trail named by name (a trail of this Region) or by ARN (also another Region's multi-Region
 * trail), or undefined when there is none. A malformed name or ARN is the caller's error.
 */
function lookup(world: World, nameOrArn: string): Trail | undefined {
  if (nameOrArn.startsWith("arn:")) {
    const m = TRAIL_ARN.exec(nameOrArn);
    if (!m || !validName(m[3]!))
      throw awsError("CloudTrailARNInvalidException", `${nameOrArn} is not a valid CloudTrail trail ARN.`);
    return visible(world).find((t) => t.TrailARN === nameOrArn);
  }
  if (!validName(nameOrArn))
    throw awsError(
      "InvalidTrailNameException",
      `Trail name ${nameOrArn} is not valid: use 3 to 128 letters, digits, periods, underscores or dashes, starting and ending with a letter or digit.`,
    );
  return (world.trails ?? []).find((t) => t.Name === nameOrArn && t.HomeRegion === world.region);
}

function findTrail(world: World, nameOrArn: string): Trail {
  const trail = lookup(world, nameOrArn);
  if (!trail)
    throw awsError("TrailNotFoundException", `Unknown trail: ${nameOrArn} for the user: ${world.accountId}`);
  return trail;
}

const isDefault = (s: EventSelector[] | undefined) =>
  s === undefined || (s.length === 1 && JSON.stringify(s[0]) === JSON.stringify(DEFAULT_EVENT_SELECTOR));

function trailView(t: Trail) {
  return {
    Name: t.Name,
    S3BucketName: t.S3BucketName,
    ...(t.S3KeyPrefix ? { S3KeyPrefix: t.S3KeyPrefix } : {}),
    IncludeGlobalServiceEvents: t.IncludeGlobalServiceEvents,
    IsMultiRegionTrail: t.IsMultiRegionTrail,
    HomeRegion: t.HomeRegion,
    TrailARN: t.TrailARN,
    LogFileValidationEnabled: t.LogFileValidationEnabled,
    ...(t.KmsKeyId ? { KmsKeyId: t.KmsKeyId } : {}),
    HasCustomEventSelectors: t.advancedEventSelectors !== undefined || !isDefault(t.eventSelectors),
    HasInsightSelectors: t.HasInsightSelectors,
    IsOrganizationTrail: t.IsOrganizationTrail,
  };
}

export function describeTrails(ctx: OpContext, input: Input) {
  const p = new Params(input, (field) => awsError("InvalidTrailNameException", `${field} is not valid.`));
  const names = (p.list("trailNameList") ?? []).map(String);
  const shadows = p.bool("includeShadowTrails") ?? true;
  const { world } = ctx;
  const trails =
    names.length === 0
      ? visible(world).filter((t) => shadows || t.HomeRegion === world.region)
      : // Names that match no trail are left out, not refused.
        names.flatMap((n) => {
          const t = lookup(world, n);
          return t && (shadows || t.HomeRegion === world.region) ? [t] : [];
        });
  return { trailList: [...new Set(trails)].map(trailView) };
}

/** CloudTrail documents no page size for ListTrails; the simulator pages by 50. */
export const LIST_TRAILS_PAGE = 50;

export function listTrails(ctx: OpContext, input: Input) {
  const p = new Params(input, (field, _v, constraint) =>
    awsError("ValidationException", `${field}: ${constraint}`),
  );
  const token = p.str("NextToken");
  const start = token === undefined ? 0 : decodeToken(token, "trails");
  // ListTrails' model lists no token error: a token CloudTrail did not issue is a ValidationException.
  if (start === undefined)
    throw awsError("ValidationException", "The NextToken is not valid for ListTrails.");
  const trails = visible(ctx.world);
  const more = start + LIST_TRAILS_PAGE < trails.length;
  return {
    Trails: trails
      .slice(start, start + LIST_TRAILS_PAGE)
      .map((t) => ({ TrailARN: t.TrailARN, Name: t.Name, HomeRegion: t.HomeRegion })),
    ...(more ? { NextToken: encodeToken(start + LIST_TRAILS_PAGE, "trails") } : {}),
  };
}

/** CloudTrail delivers a trail's log files to its bucket about every five minutes. */
const DELIVERY_EVERY = 5 * MINUTE;
/** Digest files, for log file validation, every hour. */
const DIGEST_EVERY = 60 * MINUTE;

export function getTrailStatus(ctx: OpContext, input: Input) {
  const p = new Params(input, () => awsError("InvalidTrailNameException", "Name is not valid."));
  const trail = findTrail(ctx.world, p.str("Name", { required: true }));
  const started = trail.startLoggingTime;
  const until = trail.isLogging ? ctx.now : (trail.stopLoggingTime ?? ctx.now);
  const delivered =
    started !== undefined && until - started >= DELIVERY_EVERY
      ? Math.floor(until / DELIVERY_EVERY) * DELIVERY_EVERY
      : undefined;
  const digest =
    trail.LogFileValidationEnabled && started !== undefined && until - started >= DIGEST_EVERY
      ? Math.floor(until / DIGEST_EVERY) * DIGEST_EVERY
      : undefined;
  const ok = delivered !== undefined && !trail.latestDeliveryError;
  return {
    IsLogging: trail.isLogging,
    ...(trail.latestDeliveryError ? { LatestDeliveryError: trail.latestDeliveryError } : {}),
    ...(ok ? { LatestDeliveryTime: delivered / 1000 } : {}),
    ...(started !== undefined ? { StartLoggingTime: started / 1000 } : {}),
    ...(!trail.isLogging && trail.stopLoggingTime !== undefined
      ? { StopLoggingTime: trail.stopLoggingTime / 1000 }
      : {}),
    ...(digest !== undefined ? { LatestDigestDeliveryTime: digest / 1000 } : {}),
    // The string members repeat the times as ISO text, and are empty strings when there is none.
    LatestDeliveryAttemptTime: delivered !== undefined ? isoSeconds(delivered) : "",
    LatestNotificationAttemptTime: "",
    LatestNotificationAttemptSucceeded: "",
    LatestDeliveryAttemptSucceeded: ok ? isoSeconds(delivered) : "",
    TimeLoggingStarted: started !== undefined ? isoSeconds(started) : "",
    TimeLoggingStopped:
      !trail.isLogging && trail.stopLoggingTime !== undefined ? isoSeconds(trail.stopLoggingTime) : "",
  };
}

export function getEventSelectors(ctx: OpContext, input: Input) {
  const p = new Params(input, () => awsError("InvalidTrailNameException", "TrailName is not valid."));
  const trail = findTrail(ctx.world, p.str("TrailName", { required: true }));
  // A trail uses basic or advanced selectors, never both; GetEventSelectors shows the kind it has.
  return trail.advancedEventSelectors
    ? { TrailARN: trail.TrailARN, AdvancedEventSelectors: trail.advancedEventSelectors }
    : { TrailARN: trail.TrailARN, EventSelectors: trail.eventSelectors ?? [DEFAULT_EVENT_SELECTOR] };
}
