import { type AwsClients, makeClients } from "../../src/backend/clients.js";
import { VirtualClock } from "../../src/sim/clock.js";
import { MemoryWorldStore, Simulator } from "../../src/sim/engine.js";
import { findScenario } from "../../src/sim/scenarios/catalog.js";
import { SimulatorRequestHandler } from "../../src/sim/wire/request-handler.js";
import { type RunningServer, serve } from "../../src/sim/wire/server.js";
import type { World } from "../../src/sim/world.js";

export const T0 = Date.parse("2026-11-28T12:00:00Z");
export const CREDENTIALS = {
  accessKeyId: "AKIDSIMULATOR000001",
  secretAccessKey: "sim-secret-not-a-real-one",
};

export interface Harness {
  sim: Simulator;
  clock: VirtualClock;
  store: MemoryWorldStore;
  clients: AwsClients;
  world(): World;
  close(): Promise<void>;
}

export type Transport = "in-process" | "http";

/** A simulator on virtual time, reached through the real SDK clients (in-process or over HTTP). */
export async function harness(world: World, transport: Transport = "in-process"): Promise<Harness> {
  const clock = new VirtualClock(world.clock.simAnchorMs);
  const store = new MemoryWorldStore(world);
  world.faults.quotas = false;
  const sim = new Simulator(store, { clock });
  let server: RunningServer | undefined;
  let clients: AwsClients;
  if (transport === "http") {
    server = await serve(sim);
    clients = makeClients({
      region: world.region,
      endpoint: server.url,
      credentials: CREDENTIALS,
      maxAttempts: 1,
    });
  } else {
    clients = makeClients({
      region: world.region,
      endpoint: "http://kcs-sim.invalid",
      credentials: CREDENTIALS,
      maxAttempts: 1,
      requestHandler: new SimulatorRequestHandler(sim),
    });
  }
  return {
    sim,
    clock,
    store,
    clients,
    world: () => store.world,
    close: async () => {
      clients.kms.destroy();
      clients.cloudhsm.destroy();
      clients.cloudtrail.destroy();
      await server?.close();
    },
  };
}

export function scenarioWorld(name: string, endAt = T0): World {
  const s = findScenario(name);
  if (!s) throw new Error(`no scenario ${name}`);
  return s.build(endAt);
}
