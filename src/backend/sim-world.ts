// The simulator's world file: where it is, and a fresh one from a scenario. Apart from backend/sim.ts
// (which builds SDK clients on it) so that kcs sim status, faults and hsm load no AWS SDK.
import { resolve } from "node:path";
import { FileWorldStore } from "../sim/persist.js";
import { DEFAULT_SCENARIO, findScenario } from "../sim/scenarios/catalog.js";
import type { World } from "../sim/world.js";

export const DEFAULT_SIM_STATE = ".kcs/sim-world.json";

export function simStatePath(flag: string | undefined): string {
  return resolve(flag ?? process.env.KCS_SIM_STATE ?? DEFAULT_SIM_STATE);
}

export function buildScenario(name: string, now = Date.now()): World {
  const scenario = findScenario(name);
  if (!scenario) throw new Error(`unknown scenario ${name}`);
  const world = scenario.build(now);
  world.clock.wallAnchorMs = Date.now();
  // Tests and demos may run simulated time faster still; 120x is the default.
  const scale = Number(process.env.KCS_SIM_TIME_SCALE);
  if (Number.isFinite(scale) && scale > 0) world.clock.scale = scale;
  return world;
}

/** The persisted world; with none yet, the default broken world so a first `kcs doctor` finds something. */
export function openWorldFile(path: string): FileWorldStore {
  return new FileWorldStore(path, () => buildScenario(DEFAULT_SCENARIO));
}
