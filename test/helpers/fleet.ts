import { join } from "node:path";
import type { Backend } from "../../src/backend/backend.js";
import { type Fleet, openTargets } from "../../src/backend/fleet.js";
import { type FleetArgs, fleetFlags } from "../../src/backend/fleet-flags.js";
import { simXksTransport } from "../../src/backend/sim-xks-transport.js";
import { PartitionStore } from "../../src/sim/partitions.js";
import { SimulatorRequestHandler } from "../../src/sim/wire/request-handler.js";
import { tempDir } from "./cli.js";
import type { Harness } from "./sim.js";

/** The root account's key in the fleet scenario (the sim backend's). */
export const ROOT_CREDENTIALS = { accessKeyId: "AKIAKCSSIMULATOR0001", secretAccessKey: "x" };

/**
 * A fleet run's targets on a harness's simulator, as kcs opens them (fleet.ts): in process, or over
 * HTTP as `--backend aws --endpoint-url` would reach `kcs sim serve`. Each target's ledger lives in
 * its own temporary folder (KCS_LEDGER is not set in tests).
 */
export async function fleetOn(
  h: Harness,
  args: FleetArgs,
): Promise<Fleet & { ledgers: Map<Backend, string> }> {
  const ledgers = new Map<Backend, string>();
  const fleet = await openTargets(
    fleetFlags(args),
    {
      kind: h.url ? "aws" : "sim",
      ...(h.url
        ? { endpoint: h.url }
        : { endpoint: "http://kcs-sim.invalid", requestHandler: new SimulatorRequestHandler(h.sim) }),
      defaultCredentials: ROOT_CREDENTIALS,
    },
    h.world().region,
    (clients, region, account, via) => {
      clients.region = region;
      const backend: Backend = {
        kind: h.url ? "aws" : "sim",
        clients,
        region,
        account,
        ...(via ? { via } : {}),
        fleet: true,
        ...(h.url ? { endpoint: h.url } : {}),
        xks: simXksTransport(new PartitionStore(h.store, { accountId: account, region })),
        close: () => clients.destroy(),
      };
      ledgers.set(backend, join(tempDir("kcs-fleet-"), "ledger.json"));
      return backend;
    },
  );
  return { ...fleet, ledgers };
}
