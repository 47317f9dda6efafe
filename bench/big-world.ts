import { isoSeconds } from "../src/sim/cloudtrail/record.js";
import { buildFleet } from "../src/sim/scenarios/fleet.js";
import type { KmsKey, TrailEvent, World } from "../src/sim/world.js";

export interface BigWorldSize {
  /** Every key in the account, default-store keys making up what the stores do not hold. */
  keys: number;
  /** DeleteKey events in the last 90 days. */
  deleteEvents: number;
}

/**
 * The fleet world (10 stores, a few hundred store keys, every failure the fleet shows), padded with
 * ordinary AWS_KMS keys and DeleteKey events by copying ones the Story made. Replaying 100,000
 * CreateKey calls through the handlers would take minutes; copies are what those calls would leave.
 */
export function buildBigWorld(endAt: number, size: BigWorldSize): World {
  const world = buildFleet(endAt, { stores: 9, keysPerStore: 33, defaultKeys: 30, deletedKeys: 200 });
  const template = world.keys.find((k) => !k.CustomKeyStoreId && k.baseState === "Enabled");
  if (!template) throw new Error("the fleet world has no default-store key to copy");
  const arnPrefix = template.Arn.slice(0, template.Arn.length - template.KeyId.length);
  for (let i = world.keys.length; i < size.keys; i++) {
    const keyId = benchId(1, i);
    const copy: KmsKey = {
      ...template,
      KeyId: keyId,
      Arn: `${arnPrefix}${keyId}`,
      Description: `application key ${i}`,
      CreationDate: endAt - ((i * 7_919) % (180 * 86_400_000)),
    };
    world.keys.push(copy);
  }
  // Routine deletions only: copying the fleet's failed ones would multiply its orphan findings.
  const deletes = world.events.filter(
    (e) => e.EventName === "DeleteKey" && keyIdOf(e) && !JSON.stringify(e.record).includes("FAILURE"),
  );
  const since = endAt - 85 * 86_400_000;
  const existing = deletes.filter((e) => e.EventTime >= since).length;
  for (let i = existing; i < size.deleteEvents; i++) {
    const from = deletes[i % deletes.length]!;
    const keyId = benchId(2, i);
    const oldId = keyIdOf(from);
    const record = JSON.parse(JSON.stringify(from.record).replaceAll(oldId, keyId)) as Record<
      string,
      unknown
    >;
    const eventId = benchId(3, i);
    const at = since + Math.floor(((i + 1) / (size.deleteEvents + 1)) * 80 * 86_400_000);
    record.eventID = eventId;
    record.eventTime = isoSeconds(at);
    const event: TrailEvent = {
      ...from,
      EventId: eventId,
      EventTime: at,
      Resources: from.Resources.map((r) => ({ ...r, ResourceName: r.ResourceName.replaceAll(oldId, keyId) })),
      record,
    };
    world.events.push(event);
  }
  world.events.sort((a, b) => a.EventTime - b.EventTime);
  return world;
}

function keyIdOf(e: TrailEvent): string {
  const response = e.record.responseElements as { keyId?: string } | null | undefined;
  const id = response?.keyId ?? "";
  return id.includes("/") ? id.slice(id.lastIndexOf("/") + 1) : id;
}

/** Ids as KMS and CloudTrail write them, the same in every build of the world. */
const benchId = (kind: number, i: number) =>
  `${kind.toString(16).padStart(8, "0")}-0000-4000-8000-${i.toString(16).padStart(12, "0")}`;
