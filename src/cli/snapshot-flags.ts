import type { Argv } from "yargs";
import type { Observation } from "../app/observe.js";
import { UsageError } from "../core/errors.js";
import type { Snapshot } from "../gather/snapshot.js";
import { t } from "../i18n/index.js";
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
    describe: command === "doctor" ? t("doctor.help.fromSnapshotDoctor") : t("doctor.help.fromSnapshotFix"),
  });
  if (command === "fix") return from;
  return from.option("save-snapshot", {
    type: "string",
    describe: t("doctor.help.saveSnapshot"),
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
  if (args.saveSnapshot !== undefined) throw new UsageError(t("doctor.error.saveAndFrom"));
  if (args.probe) throw new UsageError(t("doctor.error.probeFromSnapshot"));
  if (args.since !== undefined) throw new UsageError(t("doctor.error.sinceFromSnapshot"));
  if (command === "fix" && args.plan !== undefined) throw new UsageError(t("doctor.error.planFromSnapshot"));
  if (command === "fix" && !args.dryRun) throw new UsageError(t("doctor.error.fixFromSnapshotDryRun"));
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
