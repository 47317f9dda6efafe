// The sim backend's fleet: one simulator over the world file, one set of SDK clients per (account,
// Region) partition, each signed for its Region with its account's credentials, so that the world
// routes them as AWS's endpoints would (sim/partitions.ts).
import { UsageError } from "../core/errors.js";
import { t } from "../i18n/index.js";
import { Simulator } from "../sim/engine.js";
import { PartitionStore } from "../sim/partitions.js";
import { SimulatorRequestHandler } from "../sim/wire/request-handler.js";
import { type Fleet, openTargets } from "./fleet.js";
import type { FleetArgs, FleetFlags } from "./fleet-flags.js";
import { SIM_CREDENTIALS } from "./sim.js";
import { simXksTransport } from "./sim-xks-transport.js";
import { openWorldFor, type SimWorldArgs } from "./world-place.js";

export async function openSimFleet(args: SimWorldArgs & FleetArgs, flags: FleetFlags): Promise<Fleet> {
  const store = openWorldFor({ ...args, region: undefined, profile: undefined }, "use");
  if (flags.profiles.length > 0) {
    const roles = store.read((w) => (w.roles ?? []).map((r) => r.Arn));
    throw new UsageError(
      t("errors.fleet.simProfile", {
        roles: roles.length
          ? t("errors.fleet.simRoles", { roles: roles.join(", ") })
          : t("errors.fleet.simNoRoles"),
      }),
    );
  }
  const world = store.read((w) => ({
    accountId: w.accountId,
    region: w.region,
    regions: [...new Set([w.region, ...(w.partitions ?? []).map((p) => p.region)])].sort(),
  }));
  // A Region no partition of the world has is a mistake to say out loud, as for one --region.
  for (const r of flags.regions)
    if (!world.regions.includes(r))
      throw new UsageError(t("errors.fleet.simRegion", { region: r, regions: world.regions.join(", ") }));
  const callLog = process.env.KCS_SIM_CALL_LOG;
  const simulator = new Simulator(store, callLog ? { callLog } : {});
  const handler = new SimulatorRequestHandler(simulator);
  const fleet = await openTargets(
    flags,
    {
      kind: "sim",
      endpoint: "http://kcs-simulator.invalid",
      requestHandler: handler,
      defaultCredentials: SIM_CREDENTIALS,
    },
    world.region,
    (clients, region, account, via) => {
      clients.region = region;
      const key = { accountId: account, region };
      const root = account === world.accountId && region === world.region;
      return {
        kind: "sim",
        clients,
        region,
        account,
        ...(via ? { via } : {}),
        sim: { store, simulator, clients, region, ...(root ? {} : { partition: key }) },
        xks: simXksTransport(root ? store : new PartitionStore(store, key)),
        close: () => clients.destroy(),
      };
    },
  );
  return {
    ...fleet,
    close: () => {
      fleet.close();
      try {
        simulator.flushTrail();
      } catch {
        // As backend.ts: the simulator's record of reads is its bookkeeping, not the run's outcome.
      }
    },
  };
}
