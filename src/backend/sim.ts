import { resolve } from "node:path";
import { Simulator } from "../sim/engine.js";
import { FileWorldStore } from "../sim/persist.js";
import { DEFAULT_SCENARIO, findScenario } from "../sim/scenarios/catalog.js";
import { SimulatorRequestHandler } from "../sim/wire/request-handler.js";
import type { World } from "../sim/world.js";
import { type AwsClients, makeClients } from "./clients.js";

export const DEFAULT_SIM_STATE = ".kcs/sim-world.json";

/** Static credentials for the simulator: it checks no signature, but the SDK insists on signing. */
export const SIM_CREDENTIALS = {
  accessKeyId: "AKIAKCSSIMULATOR0001",
  secretAccessKey: "kcs-simulator-needs-no-secret",
};

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

export interface SimBackendParts {
  store: FileWorldStore;
  simulator: Simulator;
  clients: AwsClients;
  region: string;
}

export function openSimBackend(statePath: string | undefined): SimBackendParts {
  const store = openWorldFile(simStatePath(statePath));
  const callLog = process.env.KCS_SIM_CALL_LOG;
  const simulator = new Simulator(store, callLog ? { callLog } : {});
  const region = store.read((w) => w.region);
  const clients = makeClients({
    region,
    // Never contacted: the in-process handler answers every request.
    endpoint: "http://kcs-simulator.invalid",
    credentials: SIM_CREDENTIALS,
    requestHandler: new SimulatorRequestHandler(simulator),
  });
  return { store, simulator, clients, region };
}
