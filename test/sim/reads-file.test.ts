// CloudTrail's record of a run's reads waits in a file beside the world (src/sim/reads-file.ts): a
// doctor no longer rewrites and fsyncs the world at its end, and what it read is still in CloudTrail.
import {
  appendFileSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { VirtualClock } from "../../src/sim/clock.js";
import { READ_EVENTS_KEPT } from "../../src/sim/cloudtrail/api-events.js";
import { Simulator } from "../../src/sim/engine.js";
import { FileWorldStore } from "../../src/sim/persist.js";
import { appendReadLines, READS_FOLD_BYTES, readLines, readsFileOf } from "../../src/sim/reads-file.js";
import type { TrailEvent } from "../../src/sim/world.js";
import { freshWorld } from "../helpers/conformance.js";

let dir: string;
let path: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "kcs-reads-"));
  path = join(dir, "w.json");
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const world = freshWorld("healthy");
const storeAt = () => new FileWorldStore(path, () => structuredClone(world));
/** The file's identity: an atomic write replaces it, so its inode changes. */
const stamp = (p: string) => {
  const st = statSync(p);
  return `${st.ino}/${st.mtimeMs}/${st.size}`;
};
const READS_BEFORE = world.events.filter((e) => e.ReadOnly === "true").length;
/** The reads filed since the scenario was made. */
const readsIn = (store: FileWorldStore) =>
  store
    .read((w) => w.events.filter((e) => e.ReadOnly === "true").map((e) => e.EventName))
    .slice(READS_BEFORE);
const eventsOnDisk = () => (JSON.parse(readFileSync(path, "utf8")) as { events: TrailEvent[] }).events;

/** A doctor's reads, filed as its backend closes. */
async function doctorReads(store: FileWorldStore, clock?: VirtualClock): Promise<void> {
  const sim = new Simulator(store, clock ? { clock } : {});
  await sim.call("kms", "DescribeCustomKeyStores", {});
  await sim.call("kms", "ListKeys", {});
  await sim.call("cloudhsmv2", "DescribeClusters", {});
  sim.flushTrail();
}

const readEvent = (id: string, name = "DescribeKey"): TrailEvent => ({
  EventId: id,
  EventName: name,
  EventTime: world.clock.simAnchorMs,
  EventSource: "kms.amazonaws.com",
  ReadOnly: "true",
  Resources: [],
  record: { eventName: name },
});

describe("the reads file", () => {
  it("a run that only reads leaves the world file as it was, and another process sees its reads", async () => {
    storeAt().read(() => undefined);
    const before = stamp(path);
    await doctorReads(storeAt());
    expect(stamp(path)).toBe(before);
    expect(statSync(readsFileOf(path)).mode & 0o777).toBe(0o600);
    expect(readsIn(storeAt())).toEqual(["DescribeCustomKeyStores", "ListKeys", "DescribeClusters"]);
  });

  it("CloudTrail's LookupEvents in a later run finds the reads of an earlier one", async () => {
    const clock = new VirtualClock(world.clock.simAnchorMs);
    await doctorReads(storeAt(), clock);
    // CloudTrail's event history shows a call minutes after it was made.
    clock.advance(20 * 60_000);
    const out = await new Simulator(storeAt(), { clock }).call("cloudtrail", "LookupEvents", {
      LookupAttributes: [{ AttributeKey: "EventName", AttributeValue: "ListKeys" }],
    });
    expect((out.Events as unknown[]).length).toBe(1);
  });

  it("the world's next change takes the reads in, once, and removes the file", async () => {
    await doctorReads(storeAt());
    await doctorReads(storeAt());
    const store = storeAt();
    store.update((w) => {
      w.seq += 1;
    });
    expect(existsSync(readsFileOf(path))).toBe(false);
    const reads = eventsOnDisk()
      .filter((e) => e.ReadOnly === "true")
      .slice(READS_BEFORE);
    expect(reads.map((e) => e.EventName)).toEqual([
      "DescribeCustomKeyStores",
      "ListKeys",
      "DescribeClusters",
      "DescribeCustomKeyStores",
      "ListKeys",
      "DescribeClusters",
    ]);
    expect(new Set(reads.map((e) => e.EventId)).size).toBe(6);
  });

  it("reads already in the world (a writer killed before it removed the file) are not filed twice", async () => {
    await doctorReads(storeAt());
    const lines = readFileSync(readsFileOf(path));
    storeAt().update(() => undefined);
    writeFileSync(readsFileOf(path), lines, { mode: 0o600 });
    expect(readsIn(storeAt())).toHaveLength(3);
  });

  it("a line torn by a run killed mid-append is skipped, and the next run's reads still count", async () => {
    storeAt().read(() => undefined);
    appendFileSync(
      readsFileOf(path),
      `${JSON.stringify(readEvent("a"))}\n${JSON.stringify(readEvent("b")).slice(0, 40)}`,
      {
        mode: 0o600,
      },
    );
    appendReadLines(readsFileOf(path), readLines([readEvent("c", "ListAliases")]));
    expect(readsIn(storeAt())).toEqual(["DescribeKey", "ListAliases"]);
  });

  it("never puts a change into CloudTrail: a DeleteKey written into the file is not filed", () => {
    storeAt().read(() => undefined);
    const deleted = { ...readEvent("x", "ScheduleKeyDeletion"), ReadOnly: "false" };
    appendFileSync(readsFileOf(path), `${JSON.stringify(deleted)}\n${JSON.stringify({ EventId: "y" })}\n`, {
      mode: 0o600,
    });
    const ids = storeAt().read((w) => w.events.map((e) => e.EventId));
    expect(ids).not.toContain("x");
    expect(ids).not.toContain("y");
    storeAt().update(() => undefined);
    expect(eventsOnDisk().map((e) => e.EventId)).not.toContain("x");
  });

  it("is never written through a symlink planted at its name", async () => {
    storeAt().read(() => undefined);
    const target = join(dir, "elsewhere");
    writeFileSync(target, "untouched");
    symlinkSync(target, readsFileOf(path));
    const sim = new Simulator(storeAt());
    await sim.call("kms", "ListKeys", {});
    expect(() => sim.flushTrail()).toThrow();
    expect(readFileSync(target, "utf8")).toBe("untouched");
  });

  it("past its bound, a run's reads go into the world and the file goes", async () => {
    storeAt().read(() => undefined);
    const many = Array.from({ length: 2_000 }, (_, i) => readEvent(`old-${i}`));
    appendReadLines(readsFileOf(path), readLines(many));
    expect(statSync(readsFileOf(path)).size).toBeGreaterThan(READS_FOLD_BYTES);
    const before = stamp(path);
    await doctorReads(storeAt());
    expect(existsSync(readsFileOf(path))).toBe(false);
    expect(stamp(path)).not.toBe(before);
    expect(eventsOnDisk().filter((e) => e.ReadOnly === "true")).toHaveLength(READ_EVENTS_KEPT);
    expect(eventsOnDisk().at(-1)!.EventName).toBe("DescribeClusters");
  });

  it("a new world (kcs sim init) starts with no reads of the old one", async () => {
    await doctorReads(storeAt());
    storeAt().replace(structuredClone(world));
    expect(existsSync(readsFileOf(path))).toBe(false);
    expect(readsIn(storeAt())).toEqual([]);
  });

  it("the store's generation moves when another process appends reads or writes the world", async () => {
    const store = storeAt();
    const first = store.generation();
    expect(store.generation()).toBe(first);
    await doctorReads(storeAt());
    const second = store.generation();
    expect(second).not.toBe(first);
    storeAt().update(() => undefined);
    // Seen from the store's next synchronous stretch, as another process's write would be.
    await new Promise<void>((done) => setImmediate(done));
    expect(store.generation()).not.toBe(second);
  });
});
