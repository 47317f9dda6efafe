// The CloudTrail events of calls whose handlers record nothing themselves: reads, cryptographic calls
// and failed calls. AWS logs all of them as management events (KMS's Decrypt is `readOnly: true`;
// a refused call carries `errorCode`), so a trail is far busier than the changes in it.
import type { OpContext } from "../context.js";
import type { ServiceName } from "../errors.js";
import type { Input } from "../input.js";
import { findKey } from "../lookup.js";
import type { TrailEvent, World } from "../world.js";
import { apiCallEvent, SOURCES } from "./record.js";

/** Members CloudTrail never shows: secrets, and data that is not the call's to log. */
const UNLOGGED = new Set([
  "KeyStorePassword",
  "XksProxyAuthenticationCredential",
  "Plaintext",
  "CiphertextBlob",
  "NextToken",
  "Marker",
]);

/**
 * Read-only events the simulator keeps (newest first): AWS keeps 90 days of them, which for a busy
 * account is millions; the bound keeps a world file small enough to read on every call. A doctor of a
 * scenario's world files about 13 reads, and each took about 1.1 KB of the file: at 2,000, a practice
 * world grew from 0.36 MB to 2.6 MB over a day's runs, which every later run parsed and digested. 500
 * is the seeded history of the largest scenario (fleet, 300) and the last few dozen runs' reads.
 */
export const READ_EVENTS_KEPT = 500;

export function isRecorded(service: ServiceName): service is keyof typeof SOURCES {
  return Object.hasOwn(SOURCES, service);
}

/** requestParameters as CloudTrail writes them: member names in camelCase, unlogged ones left out. */
export function requestParametersOf(input: Input): Record<string, unknown> | null {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(input)) {
    if (UNLOGGED.has(k) || v === undefined) continue;
    out[k.charAt(0).toLowerCase() + k.slice(1)] = v;
  }
  return Object.keys(out).length > 0 ? out : null;
}

function keyResource(world: World, input: Input): { type: string; ARN: string }[] | undefined {
  if (typeof input.KeyId !== "string") return undefined;
  try {
    return [{ type: "AWS::KMS::Key", ARN: findKey(world, input.KeyId).Arn }];
  } catch {
    return undefined;
  }
}

/**
 * A cryptographic call on a key in an external key store names the store and the external key
 * (additionalEventData customKeyStoreId and xksKeyId), as KMS logs them.
 */
function externalKeyData(world: World, input: Input): Record<string, unknown> | undefined {
  if (typeof input.KeyId !== "string") return undefined;
  try {
    const key = findKey(world, input.KeyId);
    return key.xksKeyId && key.CustomKeyStoreId
      ? { customKeyStoreId: key.CustomKeyStoreId, xksKeyId: key.xksKeyId }
      : undefined;
  } catch {
    return undefined;
  }
}

export interface CallOutcome {
  readOnly: boolean;
  error?: { code: string; message: string };
}

/** The event of one call, as CloudTrail would show it. */
export function callEvent(
  ctx: OpContext,
  service: keyof typeof SOURCES,
  operation: string,
  input: Input,
  eventId: string,
  outcome: CallOutcome,
): TrailEvent {
  const resources = keyResource(ctx.world, input);
  const external = externalKeyData(ctx.world, input);
  return apiCallEvent(
    ctx,
    {
      service,
      eventName: operation,
      requestParameters: requestParametersOf(input),
      responseElements: null,
      readOnly: outcome.readOnly,
      ...(resources ? { resources } : {}),
      ...(external ? { additionalEventData: external } : {}),
      ...(outcome.error ? { errorCode: outcome.error.code, errorMessage: outcome.error.message } : {}),
    },
    eventId,
  );
}

/** Files events into the world, keeping at most READ_EVENTS_KEPT read-only ones. */
export function fileEvents(world: World, events: readonly TrailEvent[]): void {
  if (events.length === 0) return;
  // One by one: spreading a large batch into push() overflows the call stack.
  for (const e of events) world.events.push(e);
  let reads = 0;
  for (const e of world.events) if (e.ReadOnly === "true") reads++;
  if (reads <= READ_EVENTS_KEPT) return;
  let drop = reads - READ_EVENTS_KEPT;
  const oldestFirst = [...world.events].sort((a, b) => a.EventTime - b.EventTime);
  const dropped = new Set<TrailEvent>();
  for (const e of oldestFirst) {
    if (drop === 0) break;
    if (e.ReadOnly === "true") {
      dropped.add(e);
      drop--;
    }
  }
  world.events = world.events.filter((e) => !dropped.has(e));
}
