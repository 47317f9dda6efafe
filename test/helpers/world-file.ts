import { buildScenario, openWorldFile } from "../../src/backend/sim.js";
import { ScaledWallClock } from "../../src/sim/clock.js";
import { Simulator } from "../../src/sim/engine.js";
import { summarise, type WorldSummary } from "../../src/sim/summary.js";

/**
 * Writes a scenario's world file in this process: what `kcs sim init` does, without spawning a kcs
 * for it (its own CLI tests cover the command). `scale` speeds simulated time up past the default
 * 120x, as KCS_SIM_TIME_SCALE does.
 */
export function initWorld(path: string, scenario: string, scale?: number): string {
  const world = buildScenario(scenario);
  if (scale) world.clock.scale = scale;
  openWorldFile(path).replace(world);
  return path;
}

/** What `kcs sim status -o json` shows of a world file, read in this process. */
export function worldStatus(path: string): WorldSummary {
  const store = openWorldFile(path);
  new Simulator(store).settle();
  return store.read((w) => summarise(w, new ScaledWallClock(w.clock).now()));
}
