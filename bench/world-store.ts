import { MemoryWorldStore } from "../src/sim/engine.js";
import type { World } from "../src/sim/world.js";

/**
 * The simulator's world for one bench run, changed only through the simulator: it can tell when the
 * world changed (so the simulator need not scan 100,000 keys for timed transitions on every call),
 * and skips the rollback copy MemoryWorldStore takes before each change (doctor's only changes are
 * the simulator filing CloudTrail's record of its reads, which do not fail; the world is thrown away).
 */
export class BenchWorldStore extends MemoryWorldStore {
  private changes = 0;
  override update<T>(fn: (world: World) => T): T {
    this.changes++;
    return fn(this.world);
  }
  generation(): number {
    return this.changes;
  }
}
