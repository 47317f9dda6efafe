import type { BackendOptions } from "../core/backend-options.js";
import type { Fleet } from "./fleet.js";
import type { FleetFlags } from "./fleet-flags.js";

/** A fleet run's backends, on the simulator's partitions or on AWS (each loaded only when used). */
export async function openFleet(
  args: Omit<BackendOptions, "region" | "profile">,
  flags: FleetFlags,
): Promise<Fleet> {
  if (args.backend === "sim") {
    const { openSimFleet } = await import("./sim-fleet.js");
    return openSimFleet(args, flags);
  }
  const { openAwsFleet } = await import("./fleet.js");
  return openAwsFleet(args, flags);
}
