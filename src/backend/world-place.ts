// Where a command's simulator world is, and the flags that mean nothing to it, checked before the
// world is read or made: a bad --sim-state, --region or --endpoint-url is refused, never ignored.
import { existsSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { UsageError } from "../core/errors.js";
import { shellLine } from "../core/shell.js";
import { creatableProblem, folderProblem } from "../core/writable.js";
import { t } from "../i18n/index.js";
import type { FileWorldStore } from "../sim/persist.js";
import { SCENARIO_REGION } from "../sim/scenarios/story.js";
import { refuseFleetFlags } from "./fleet-flags.js";
import { DEFAULT_SIM_STATE, openWorldFile, simStatePath } from "./sim-world.js";

/** The global flags a simulator world command is given. */
export interface SimWorldArgs {
  simState?: string | undefined;
  region?: string | undefined;
  profile?: string | undefined;
  endpointUrl?: string | undefined;
}

/**
 * How a command uses its world: `init` makes it (and may make its folder: the operator named it on
 * purpose), `use` reads and writes it (every doctor, fix and sim command settles simulated time).
 */
export type WorldUse = "init" | "use";

const pasteable = (path: string) => {
  try {
    return shellLine([path]);
  } catch {
    return path;
  }
};

/**
 * The world file, once its folder is known to be writable. Only the default world's folder (.kcs in
 * the working directory) is made implicitly, so that a first `kcs doctor` on a fresh clone works: a
 * --sim-state or KCS_SIM_STATE in a folder that does not exist is a typo more often than a wish, and
 * making it (at the root, even) would hide that.
 */
export function worldPathFor(flag: string | undefined, use: WorldUse): string {
  const path = simStatePath(flag);
  const dir = dirname(path);
  const named =
    flag !== undefined ? "--sim-state" : process.env.KCS_SIM_STATE !== undefined ? "KCS_SIM_STATE" : "";
  const implicit = !named || path === resolve(DEFAULT_SIM_STATE);
  let kind: "file" | "other" | undefined;
  try {
    kind = statSync(path).isFile() ? "file" : "other";
  } catch {
    kind = undefined;
  }
  // A folder or a device is no world (and its "folder" may be /): refused before any lock is taken.
  if (kind === "other")
    throw new UsageError(
      t("errors.world.notAFile", { path, example: pasteable(join(path, "sim-world.json")) }),
    );
  const problem = use === "init" || implicit ? creatableProblem(dir) : folderProblem(dir);
  if (problem === undefined) return path;
  if (problem === t("errors.writable.missing"))
    throw new UsageError(t("errors.world.noFolder", { path, named, pasteable: pasteable(path) }));
  throw new UsageError(t("errors.world.unwritable", { dir, problem }));
}

/**
 * --endpoint-url and --profile choose how to reach AWS; the sim backend reaches nothing (its world
 * answers in this process) and needs no credentials, so either one there is a mistake to say out loud.
 */
export function refuseAwsOnlyFlags(args: SimWorldArgs): void {
  if (args.endpointUrl !== undefined) throw new UsageError(t("errors.world.endpointUrl"));
  if (args.profile !== undefined) throw new UsageError(t("errors.world.profile"));
}

/**
 * --region on the simulator. Its world has the Regions of its partitions (every bundled scenario's is
 * eu-west-1; the fleet's has three; a world file may say others) and cannot answer for any other, so
 * another is refused. The world's own Regions are accepted: they are true of the answers, and a script
 * that passes one --region to both backends (KCS_BACKEND chosen elsewhere) keeps working against it.
 */
export function refuseOtherRegion(
  region: string | undefined,
  worldRegion: string,
  others: string[] = [],
): void {
  if (region !== undefined && region !== worldRegion && !others.includes(region))
    throw new UsageError(t("errors.world.region", { region, regions: [worldRegion, ...others].join(", ") }));
}

/** A command's world, after every check above: nothing is read, made or changed before they pass. */
export function openWorldFor(
  args: SimWorldArgs,
  use: WorldUse,
  /** doctor and fix read any Region of the root account; kcs sim commands act on the root partition. */
  anyPartition = false,
): FileWorldStore {
  refuseFleetFlags(args);
  refuseAwsOnlyFlags(args);
  const path = worldPathFor(args.simState, use);
  // A world that does not exist yet will be a scenario's; check --region before it is made.
  if (use === "init" || !existsSync(path)) refuseOtherRegion(args.region, SCENARIO_REGION);
  const store = openWorldFile(path);
  if (use === "use" && args.region !== undefined)
    store.read((w) =>
      refuseOtherRegion(
        args.region,
        w.region,
        anyPartition
          ? (w.partitions ?? []).filter((p) => p.accountId === w.accountId).map((p) => p.region)
          : [],
      ),
    );
  return store;
}
