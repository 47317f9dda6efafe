import type { Argv } from "yargs";
import type { Observation } from "../app/observe.js";
import type { FailedTarget, SnapshotTarget } from "../app/snapshot-schema.js";
import type { BackendKind } from "../core/backend-options.js";
import { UsageError } from "../core/errors.js";
import { byCodeUnit } from "../core/order.js";
import type { Snapshot } from "../gather/snapshot.js";
import { t } from "../i18n/index.js";
import type { DoctorReport } from "../report/doctor-report.js";
import type { TargetObservation } from "../report/fleet-report.js";
import { helpText } from "./help.js";
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
        ? helpText("doctor.help.fromSnapshotDoctor")
        : helpText("doctor.help.fromSnapshotFix"),
  });
  if (command === "fix") return from;
  return from.option("save-snapshot", {
    type: "string",
    describe: helpText("doctor.help.saveSnapshot"),
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

/** What a snapshot file shows, diagnosed: one account and Region, or a fleet run's every target. */
export type SnapshotObservation = { source: NonNullable<DoctorReport["source"]> } & (
  | {
      kind: "one";
      observation: Observation;
      /** The account the snapshot was read in, when it knew (reports carry it, as a live one does). */
      account: string | undefined;
    }
  | {
      kind: "fleet";
      parts: TargetObservation[];
      failed: FailedTarget[];
      backend: BackendKind;
      /** When the fleet run wrote it: its report's generatedAt, so the report reads back the same. */
      createdAt: string;
    }
);

/**
 * A snapshot file diagnosed now, with --cloudtrail-dir's log files added to each target. One
 * target's `stores` narrow it here; a fleet's are narrowed where its report or plan is made, as live.
 */
export async function observeFromSnapshot(
  path: string,
  stores: string[],
  cloudtrailDirs: string[] = [],
): Promise<SnapshotObservation> {
  const { readSnapshotFile, isFleetSnapshot, onlyTarget, selectStores, observeSnapshot } = await import(
    "../app/snapshot-file.js"
  );
  const file = readSnapshotFile(path);
  const withLogFiles = async (target: SnapshotTarget): Promise<Snapshot> => {
    if (!cloudtrailDirs.length) return target.snapshot;
    // Log files exported later may hold what the snapshot's LookupEvents could no longer show.
    const { readTrailFiles, withTrailFiles } = await import("../gather/trail-files.js");
    const files = await readTrailFiles(cloudtrailDirs, {
      ...(target.account ? { account: target.account } : {}),
      region: target.region,
    });
    return withTrailFiles(target.snapshot, files);
  };
  const readAt =
    file.targets
      .map((t) => t.readAt)
      .sort(byCodeUnit)
      .at(-1) ?? file.createdAt;
  const source = {
    kind: "snapshot" as const,
    readAt,
    createdAt: file.createdAt,
    generatedBy: file.generatedBy,
  };
  if (isFleetSnapshot(file)) {
    const parts = await Promise.all(
      file.targets.map(async (t) => ({
        account: t.account ?? "",
        region: t.region,
        ...(t.via ? { via: t.via } : {}),
        ...observeSnapshot(await withLogFiles(t)),
      })),
    );
    return {
      kind: "fleet",
      parts,
      failed: file.failedTargets ?? [],
      backend: file.targets[0]?.backend ?? "aws",
      createdAt: file.createdAt,
      source,
    };
  }
  const target = onlyTarget(file);
  return {
    kind: "one",
    account: target.account,
    observation: observeSnapshot(selectStores(await withLogFiles(target), stores, path)),
    source,
  };
}

/** One account and Region's read, as `kcs doctor --save-snapshot` writes it. */
export async function saveSnapshot(path: string, snapshot: Snapshot, version: string): Promise<void> {
  const { snapshotFile, writeSnapshotFile } = await import("../app/snapshot-file.js");
  writeSnapshotFile(path, snapshotFile([snapshot], `kcs ${version}`, new Date()));
}

/**
 * A fleet run's reads: every target, how it was reached, and the targets it could not read. Its
 * `createdAt` is the report's generatedAt, so that the snapshot reads back to the same report.
 */
export async function saveFleetSnapshot(
  path: string,
  parts: TargetObservation[],
  failed: FailedTarget[],
  version: string,
  createdAt: Date,
): Promise<void> {
  const { snapshotFile, writeSnapshotFile } = await import("../app/snapshot-file.js");
  writeSnapshotFile(path, snapshotFile(parts, `kcs ${version}`, createdAt, { failedTargets: failed }));
}
