// `kcs sim status` settles the world before it shows it; a world with nothing due must not be
// rewritten for that (it was written and fsynced on every look), and one with something due must be.
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { VirtualClock } from "../../src/sim/clock.js";
import { Simulator } from "../../src/sim/engine.js";
import { FileWorldStore } from "../../src/sim/persist.js";
import { freshWorld } from "../helpers/conformance.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "kcs-settle-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** The file's identity: an atomic write replaces it, so its inode changes. */
const stamp = (path: string) => {
  const st = statSync(path);
  return `${st.ino}/${st.mtimeMs}/${st.size}`;
};

describe("Simulator.settle", () => {
  it("leaves the world file alone when nothing is due, and writes it when something is", async () => {
    const path = join(dir, "w.json");
    const world = freshWorld("healthy");
    const store = new FileWorldStore(path, () => structuredClone(world));
    const clock = new VirtualClock(world.clock.simAnchorMs);
    const sim = new Simulator(store, { clock });
    store.read(() => undefined);
    const before = stamp(path);
    sim.settle();
    sim.settle();
    expect(stamp(path)).toBe(before);

    const cluster = world.clusters[0]!;
    const az = Object.keys(cluster.SubnetMapping)[0]!;
    await sim.call("cloudhsmv2", "CreateHsm", { ClusterId: cluster.ClusterId, AvailabilityZone: az });
    const created = stamp(path);
    expect(created).not.toBe(before);
    clock.advance(60 * 60_000);
    sim.settle();
    expect(stamp(path)).not.toBe(created);
    const states = store.read((w) => w.clusters[0]!.Hsms.map((h) => h.State));
    expect(states).not.toContain("CREATE_IN_PROGRESS");
  });
});
