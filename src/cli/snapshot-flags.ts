import type { Argv } from "yargs";
import type { Observation } from "../app/observe.js";
import { UsageError } from "../core/errors.js";
import type { Snapshot } from "../gather/snapshot.js";
import type { DoctorReport } from "../report/doctor-report.js";
import { checkOutFile } from "./validate-files.js";

/** doctor's and fix's flags for kcs-snapshot files, and what they do before and after the read. */

export interface SnapshotArgs {
  saveSnapshot?: string;
  fromSnapshot?: string;
}

export function snapshotOptions(y: Argv, command: "doctor" | "fix"): Argv {
  const from = y.option("from-snapshot", {
    type: "string",
    describe:
      command === "doctor"
        ? "Diagnose a kcs-snapshot file instead of reading AWS (no AWS call, no credentials): a support bundle, an incident review"
        : "With --dry-run: plan from a kcs-snapshot file instead of reading AWS (save it with --out; --plan applies it after checking the live state)",
  });
  if (command === "fix") return from;
  return from.option("save-snapshot", {
    type: "string",
    describe:
      "Also write everything doctor read to this file (a kcs-snapshot JSON document, 0600, no secrets), for kcs doctor --from-snapshot",
  });
}

/**
 * Combinations that cannot mean anything, refused before anything is read. A snapshot is a past
 * read: nothing can be probed or read again from it (--since, --probe), and saving it again would
 * only copy the file.
 */
export function checkSnapshotFlags(
  args: SnapshotArgs & { probe?: boolean; since?: string; dryRun?: boolean; plan?: string; out?: string },
  command: "doctor" | "fix",
): void {
  if (args.saveSnapshot !== undefined) checkOutFile(args.saveSnapshot, "snapshot");
  if (args.fromSnapshot === undefined) return;
  if (args.saveSnapshot !== undefined)
    throw new UsageError(
      "--save-snapshot writes what doctor reads from AWS, and --from-snapshot reads nothing from AWS: use one of them (copy the file to keep it).",
    );
  if (args.probe)
    throw new UsageError(
      "--probe calls AWS, and --from-snapshot makes no AWS call: drop --probe (a snapshot saved by doctor --probe holds its probes).",
    );
  if (args.since !== undefined)
    throw new UsageError(
      "--since chooses how far back CloudTrail is read, and a snapshot cannot be read again: drop --since (the snapshot says since when it read CloudTrail).",
    );
  if (command === "fix" && args.plan !== undefined)
    throw new UsageError(
      "--plan applies a saved plan to the live state; --from-snapshot plans: use one of them.",
    );
  if (command === "fix" && !args.dryRun)
    throw new UsageError(
      "kcs fix --from-snapshot only plans: add --dry-run (with --out PLAN.json to save the plan; kcs fix --plan PLAN.json applies it after checking the live state). Nothing was changed.",
    );
}

/** The snapshot file's one target, diagnosed, and where the report says it came from. */
export async function observeFromSnapshot(
  path: string,
  stores: string[],
  cloudtrailDirs: string[] = [],
): Promise<{
  observation: Observation;
  source: NonNullable<DoctorReport["source"]>;
  /** The account the snapshot was read in, when it knew (reports carry it, as a live one does). */
  account: string | undefined;
}> {
  const { readSnapshotFile, onlyTarget, selectStores, observeSnapshot } = await import(
    "../app/snapshot-file.js"
  );
  const file = readSnapshotFile(path);
  const target = onlyTarget(file, path);
  let snapshot = target.snapshot;
  if (cloudtrailDirs.length) {
    // Log files exported later may hold what the snapshot's LookupEvents could no longer show.
    const { readTrailFiles, withTrailFiles } = await import("../gather/trail-files.js");
    const files = await readTrailFiles(cloudtrailDirs, {
      ...(target.account ? { account: target.account } : {}),
      region: snapshot.region,
    });
    snapshot = withTrailFiles(snapshot, files);
  }
  return {
    account: target.account,
    observation: observeSnapshot(selectStores(snapshot, stores, path)),
    source: {
      kind: "snapshot",
      readAt: target.readAt,
      createdAt: file.createdAt,
      generatedBy: file.generatedBy,
    },
  };
}

export async function saveSnapshot(path: string, snapshot: Snapshot, version: string): Promise<void> {
  const { snapshotFile, writeSnapshotFile } = await import("../app/snapshot-file.js");
  writeSnapshotFile(path, snapshotFile([snapshot], `kcs ${version}`, new Date()));
}
