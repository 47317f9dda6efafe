// Issue 11, goal 3: a repeated doctor reads CloudTrail only past the DeleteKey events it remembers.
import { describe, expect, it } from "vitest";
import {
  DELIVERY_MARGIN_MS,
  lookupWindow,
  mergeDeletes,
  type RememberedDeletes,
} from "../../src/gather/remembered-deletes.js";
import type { DeleteKeyEvent } from "../../src/gather/snapshot.js";

const DAY = 86_400_000;
const NOW = new Date("2026-11-30T12:00:00.000Z");
const at = (daysAgo: number) => new Date(NOW.getTime() - daysAgo * DAY);
const SINCE = at(90);

const event = (id: string, time: Date | string): DeleteKeyEvent => ({
  eventId: id,
  eventTime: typeof time === "string" ? time : time.toISOString(),
  keyArn: `arn:aws:kms:eu-west-1:111122223333:key/${id}`,
  customKeyStoreId: "cks-1234567890abcdef0",
  backingKeys: [{ backingKeyId: `bk-${id}`, deletionStatus: "FAILURE" }],
});

const memory = (from: Date, until: Date, events: DeleteKeyEvent[]): RememberedDeletes => ({
  from: from.toISOString(),
  until: until.toISOString(),
  events,
});

describe("lookupWindow", () => {
  it("reads everything when nothing is remembered", () => {
    expect(lookupWindow(SINCE, undefined)).toEqual({ start: SINCE, known: [] });
  });

  it("reads from where the remembered events end, and hands back those in the window", () => {
    const old = event("a", at(100));
    const inWindow = event("b", at(30));
    const w = lookupWindow(SINCE, memory(at(120), at(2), [old, inWindow]));
    expect(w.start).toEqual(at(2));
    expect(w.known).toEqual([inWindow]);
  });

  it("ignores a memory that starts after the window: its front would be a hole", () => {
    expect(lookupWindow(SINCE, memory(at(10), at(1), [event("a", at(5))]))).toEqual({
      start: SINCE,
      known: [],
    });
  });

  it("reads from `since` when the memory ends before it (--since shorter than the last run's)", () => {
    const w = lookupWindow(at(1), memory(at(90), at(3), [event("a", at(5))]));
    expect(w.start).toEqual(at(1));
    expect(w.known).toEqual([]);
  });

  it("ignores a memory whose times do not parse, or that ends before it starts", () => {
    expect(lookupWindow(SINCE, { from: "yesterday", until: at(1).toISOString(), events: [] }).known).toEqual(
      [],
    );
    expect(lookupWindow(SINCE, memory(at(91), at(95), [])).start).toEqual(SINCE);
  });

  it("drops a remembered event whose time does not parse, or that is past the memory's end", () => {
    const w = lookupWindow(SINCE, memory(at(90), at(5), [event("bad", "soon"), event("late", at(1))]));
    expect(w.known).toEqual([]);
  });
});

describe("mergeDeletes", () => {
  it("first run: remembers what it read up to an hour before the newest event CloudTrail showed", () => {
    const read = [event("new", at(0.5)), event("old", at(40))];
    const w = lookupWindow(SINCE, undefined);
    const { events, remember } = mergeDeletes(w, SINCE, read, at(0.5), NOW);
    expect(events.map((e) => e.eventId)).toEqual(["new", "old"]);
    expect(remember.from).toBe(SINCE.toISOString());
    expect(remember.until).toBe(new Date(at(0.5).getTime() - DELIVERY_MARGIN_MS).toISOString());
    // "new" is the newest itself: inside the margin, so read again next time rather than trusted.
    expect(remember.events.map((e) => e.eventId)).toEqual(["old"]);
  });

  it("an event within the margin of the newest is not remembered: it is read again next time", () => {
    const newest = at(1);
    const justBefore = new Date(newest.getTime() - DELIVERY_MARGIN_MS / 2);
    const read = [event("newest", newest), event("close", justBefore), event("far", at(3))];
    const { remember } = mergeDeletes(lookupWindow(SINCE, undefined), SINCE, read, newest, NOW);
    expect(remember.events.map((e) => e.eventId)).toEqual(["far"]);
  });

  it("trusts this machine's clock only when it is behind CloudTrail's", () => {
    const ahead = new Date(NOW.getTime() + DAY);
    const { remember } = mergeDeletes(lookupWindow(SINCE, undefined), SINCE, [], ahead, NOW);
    expect(remember.until).toBe(new Date(NOW.getTime() - DELIVERY_MARGIN_MS).toISOString());
  });

  it("learns nothing new when the lookup saw no event: the coverage stays where it was", () => {
    const known = memory(at(90), at(2), [event("a", at(10))]);
    const w = lookupWindow(SINCE, known);
    const { events, remember } = mergeDeletes(w, SINCE, [], undefined, NOW);
    expect(events.map((e) => e.eventId)).toEqual(["a"]);
    expect(remember).toEqual(known);
  });

  it("a repeated run adds what it read to what it remembered, each event once, newest first", () => {
    const a = event("a", at(10));
    const b = event("b", at(2));
    const w = lookupWindow(SINCE, memory(at(90), at(2), [a]));
    // CloudTrail's StartTime is inclusive: an event on the boundary may come back; it counts once.
    const { events, remember } = mergeDeletes(w, SINCE, [b, a], at(0.01), NOW);
    expect(events.map((e) => e.eventId)).toEqual(["b", "a"]);
    expect(remember.events.map((e) => e.eventId)).toEqual(["b", "a"]);
    expect(remember.from).toBe(at(90).toISOString());
  });

  it("forgets what CloudTrail no longer keeps (90 days)", () => {
    const w = lookupWindow(at(90), memory(at(120), at(1), [event("gone", at(100)), event("kept", at(50))]));
    const { remember } = mergeDeletes(w, at(90), [], undefined, NOW);
    expect(remember.from).toBe(at(90).toISOString());
    expect(remember.events.map((e) => e.eventId)).toEqual(["kept"]);
  });

  it("orders events the same whichever way they arrived, with seconds or milliseconds", () => {
    const x = event("x", "2026-11-20T10:00:00Z");
    const y = event("y", "2026-11-20T10:00:00.000Z");
    const z = event("z", "2026-11-21T10:00:00Z");
    const one = mergeDeletes(lookupWindow(SINCE, undefined), SINCE, [x, y, z], undefined, NOW).events;
    const two = mergeDeletes(lookupWindow(SINCE, undefined), SINCE, [z, y, x], undefined, NOW).events;
    expect(one.map((e) => e.eventId)).toEqual(["z", "x", "y"]);
    expect(two).toEqual(one);
  });
});
