import { Simulator } from "../sim/engine.js";
import type { FileWorldStore } from "../sim/persist.js";
import { SimulatorRequestHandler } from "../sim/wire/request-handler.js";
import { type AwsClients, makeClients } from "./clients.js";
import { openWorldFile, simStatePath } from "./sim-world.js";

// The world file's helpers live apart so that `kcs sim` commands load no AWS SDK.
export { buildScenario, DEFAULT_SIM_STATE, openWorldFile, simStatePath } from "./sim-world.js";

/** Static credentials for the simulator: it checks no signature, but the SDK insists on signing. */
export const SIM_CREDENTIALS = {
  accessKeyId: "AKIAKCSSIMULATOR0001",
  secretAccessKey: "kcs-simulator-needs-no-secret",
};

export interface SimBackendParts {
  store: FileWorldStore;
  simulator: Simulator;
  clients: AwsClients;
  region: string;
  /** A fleet run's target in another partition of the world than its root (absent: the root). */
  partition?: import("../sim/partitions.js").PartitionKey;
}

/** The sim backend on a world file (`store`: one a caller has opened and checked already). */
export function openSimBackend(
  statePath: string | undefined,
  store: FileWorldStore = openWorldFile(simStatePath(statePath)),
  /** Another Region of the root account (a partition of the world); absent: the world's own. */
  inRegion?: string,
): SimBackendParts {
  const callLog = process.env.KCS_SIM_CALL_LOG;
  const simulator = new Simulator(store, callLog ? { callLog } : {});
  const home = store.read((w) => ({ region: w.region, accountId: w.accountId }));
  const region = inRegion ?? home.region;
  const partition = region === home.region ? undefined : { accountId: home.accountId, region };
  const clients = makeClients({
    region,
    // Never contacted: the in-process handler answers every request.
    endpoint: "http://kcs-simulator.invalid",
    credentials: SIM_CREDENTIALS,
    requestHandler: new SimulatorRequestHandler(simulator),
    hermetic: true,
  });
  return { store, simulator, clients, region, ...(partition ? { partition } : {}) };
}
