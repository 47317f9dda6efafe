import type { TargetAccess } from "../backend/fleet-flags.js";
import { UsageError } from "../core/errors.js";
import { readRegularFile, writeFileAtomic } from "../core/files.js";
import { diagnose } from "../diagnose/diagnose.js";
import type { Snapshot } from "../gather/snapshot.js";
import { accountOf } from "../gather/trail-files.js";
import { t } from "../i18n/index.js";
import type { Observation } from "./observe.js";
import {
  type FailedTarget,
  SNAPSHOT_SCHEMA_VERSION,
  type SnapshotFile,
  SnapshotFileSchema,
  type SnapshotTarget,
} from "./snapshot-schema.js";

/**
 * kcs-snapshot files: what doctor read, saved so it can be diagnosed (or planned from) later with no
 * AWS access at all: support bundles, incident reviews, change reviews.
 */

/** An account with 100,000 keys in custom key stores is about 40 MB; JSON.parse needs it in memory. */
export const SNAPSHOT_MAX_BYTES = 256 * 1024 * 1024;

/** One read target; a fleet run knows its account (from STS or the role) and how it reached it. */
export interface SnapshotPart {
  snapshot: Snapshot;
  account?: string | undefined;
  via?: TargetAccess | undefined;
}

export function snapshotTarget(part: Snapshot | SnapshotPart): SnapshotTarget {
  const { snapshot, account: known, via } = "snapshot" in part ? part : { snapshot: part };
  const account = known || accountOf(snapshot);
  return {
    backend: snapshot.backend,
    ...(account ? { account } : {}),
    region: snapshot.region,
    readAt: snapshot.generatedAt,
    since: snapshot.since,
    ...(via ? { via } : {}),
    snapshot,
  };
}

export function snapshotFile(
  parts: (Snapshot | SnapshotPart)[],
  generatedBy: string,
  createdAt: Date,
  fleet?: { failedTargets: FailedTarget[] },
): SnapshotFile {
  return {
    schemaVersion: SNAPSHOT_SCHEMA_VERSION,
    kind: "kcs-snapshot",
    generatedBy,
    createdAt: createdAt.toISOString(),
    targets: parts.map(snapshotTarget),
    ...(fleet ? { fleet: true as const } : {}),
    ...(fleet?.failedTargets.length ? { failedTargets: fleet.failedTargets } : {}),
  };
}

/** Read back into a fleet report: a fleet run wrote it (or, written by hand, it holds several targets). */
export const isFleetSnapshot = (file: SnapshotFile): boolean =>
  file.fleet === true || file.targets.length + (file.failedTargets?.length ?? 0) > 1;

export function writeSnapshotFile(path: string, file: SnapshotFile): void {
  try {
    // 0600 and renamed over the target: a symlink planted at the path is replaced, never followed.
    writeFileAtomic(path, `${JSON.stringify(file, null, 2)}\n`);
  } catch (err) {
    throw new UsageError(
      t("doctor.error.cannotWriteSnapshot", {
        path,
        reason: (err as NodeJS.ErrnoException).code ?? (err as Error).message,
      }),
    );
  }
}

/** A kcs-snapshot of a schemaVersion this kcs reads, or a one-line refusal naming the first bad field. */
export function readSnapshotFile(path: string): SnapshotFile {
  let text: string;
  try {
    text = readRegularFile(path, SNAPSHOT_MAX_BYTES, () => t("errors.file.kinds.snapshot"));
  } catch (err) {
    if (err instanceof UsageError) throw err;
    throw new UsageError(
      t("doctor.error.cannotReadSnapshot", {
        path,
        reason: (err as NodeJS.ErrnoException).code ?? (err as Error).message,
      }),
    );
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new UsageError(t("doctor.error.notJson", { path }));
  }
  const head = (data ?? {}) as { kind?: unknown; schemaVersion?: unknown };
  if (typeof data !== "object" || head.kind !== "kcs-snapshot")
    throw new UsageError(t("doctor.error.notSnapshot", { path }));
  if (head.schemaVersion !== SNAPSHOT_SCHEMA_VERSION) {
    const newer = typeof head.schemaVersion === "number" && head.schemaVersion > SNAPSHOT_SCHEMA_VERSION;
    throw new UsageError(
      t(newer ? "doctor.error.schemaVersionNewer" : "doctor.error.schemaVersion", {
        path,
        found: String(head.schemaVersion).slice(0, 20),
        reads: SNAPSHOT_SCHEMA_VERSION,
      }),
    );
  }
  const parsed = SnapshotFileSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const message = issue.message.replace(/\s+/g, " ").slice(0, 200);
    throw new UsageError(
      t("doctor.error.invalidSnapshot", { path, field: issue.path.join(".") || "root", message }),
    );
  }
  return parsed.data;
}

/** The one target of a one-Region snapshot (a fleet's is read whole: isFleetSnapshot). */
export function onlyTarget(file: SnapshotFile): SnapshotTarget {
  return file.targets[0]!;
}

/**
 * The stores --store names, with only what belongs to them: the same snapshot doctor --store would
 * have read. A selector no store matches is refused, as doctor refuses it live.
 */
export function selectStores(snapshot: Snapshot, selectors: string[], path: string): Snapshot {
  if (selectors.length === 0) return snapshot;
  const missing = selectors.filter(
    (w) => !snapshot.stores.some((s) => s.customKeyStoreId === w || s.customKeyStoreName === w),
  );
  if (missing.length)
    throw new UsageError(t("doctor.error.noStoreInSnapshot", { stores: missing.join(", "), path }));
  const stores = snapshot.stores.filter((s) =>
    selectors.some((w) => w === s.customKeyStoreId || w === s.customKeyStoreName),
  );
  const ids = new Set(stores.map((s) => s.customKeyStoreId));
  const mine = <T extends { customKeyStoreId: string }>(list: T[] | undefined) =>
    list?.filter((x) => ids.has(x.customKeyStoreId));
  const clusterIds = new Set(stores.flatMap((s) => (s.cloudHsmClusterId ? [s.cloudHsmClusterId] : [])));
  return {
    ...snapshot,
    stores,
    clusters: Object.fromEntries(Object.entries(snapshot.clusters).filter(([id]) => clusterIds.has(id))),
    keys: mine(snapshot.keys) ?? [],
    deleteKeyEvents: mine(snapshot.deleteKeyEvents) ?? [],
    probes: mine(snapshot.probes) ?? [],
    ...optional("keyProbes", mine(snapshot.keyProbes)),
    ...optional("xksProbes", mine(snapshot.xksProbes)),
    ...optional("connectEvents", mine(snapshot.connectEvents)),
    ...optional("disconnectEvents", mine(snapshot.disconnectEvents)),
    ...optional("passwordsInFlight", mine(snapshot.passwordsInFlight)),
    ...optional("movesInFlight", mine(snapshot.movesInFlight)),
  };
}

const optional = <K extends string, V>(key: K, value: V | undefined) =>
  (value === undefined ? {} : { [key]: value }) as Partial<Record<K, V>>;

/** What kcs saw then, diagnosed now: the ledger's facts were saved with it. */
export function observeSnapshot(snapshot: Snapshot): Observation {
  return { snapshot, findings: diagnose(snapshot) };
}
