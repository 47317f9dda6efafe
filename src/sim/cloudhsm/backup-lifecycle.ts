// How CloudHSM keeps backups by itself (manage-backups, manage-backup-retention):
// - a backup at least once every 24 hours, and when a cluster is activated or an HSM is added to or
//   removed from an active cluster; each holds the users (kmsuser's password as it was then) and keys;
// - backups older than the cluster's retention policy (7 to 379 days, 90 by default) are marked
//   PENDING_DELETION, except those that never expire and the cluster's last backup; CloudTrail reports
//   the marking;
// - a backup pending deletion can be restored for 7 days (RestoreBackup), then it is gone.
import { createHash } from "node:crypto";
import { DAY, DURATIONS } from "../clock.js";
import { recordServiceEvent } from "../cloudtrail/record.js";
import { newBackupId } from "../ids.js";
import type { Backup, Cluster, HsmData, World } from "../world.js";
import { activeHsms, cloneHsmData } from "./hsm-data.js";

export interface BackupDue {
  at: number;
  apply: () => void;
}

/** Stores what a backup holds under its content hash and returns the key. */
export function keepImage(world: World, data: HsmData): string {
  const image = cloneHsmData(data);
  // Sessions are not part of what an HSM backs up.
  for (const u of image.users) delete u.loggedInBy;
  const key = createHash("sha256").update(JSON.stringify(image)).digest("hex").slice(0, 24);
  if (!Object.hasOwn(world.hsmImages, key)) world.hsmImages[key] = image;
  return key;
}

/** A copy of what a backup holds (a restored cluster gets its own). */
export function imageOf(world: World, backup: Backup): HsmData {
  const image = world.hsmImages[backup.hsmImage];
  if (!image) throw new Error(`the simulator lost the contents of ${backup.BackupId}`);
  return cloneHsmData(image);
}

/** A backup of the cluster as it is at `at`; it is READY a minute later. */
export function takeBackup(world: World, cluster: Cluster, at: number): Backup {
  const backup: Backup = {
    BackupId: newBackupId(world),
    ClusterId: cluster.ClusterId,
    BackupState: "CREATE_IN_PROGRESS",
    CreateTimestamp: at,
    NeverExpires: false,
    HsmType: cluster.HsmType,
    ClusterCertificate: cluster.ClusterCertificate,
    trustAnchor: cluster.trustAnchor,
    hsmImage: keepImage(world, cluster.hsm),
    pending: { kind: "ready", dueAt: at + DURATIONS.backup },
    ...(cluster.Mode && cluster.Mode !== "FIPS" ? { Mode: cluster.Mode } : {}),
  };
  world.backups.push(backup);
  cluster.nextBackupAt = at + DURATIONS.backupPeriod;
  return backup;
}

/** Marks a backup for deletion (DeleteBackup, or the retention policy): restorable for 7 days. */
export function markForDeletion(backup: Backup, at: number, byRetention: boolean): void {
  backup.BackupState = "PENDING_DELETION";
  backup.DeleteTimestamp = at + DURATIONS.backupDeletionHold;
  if (byRetention) backup.purgedByRetention = true;
  else delete backup.purgedByRetention;
}

/** Takes a backup out of PENDING_DELETION (RestoreBackup). */
export function unmark(backup: Backup): void {
  backup.BackupState = "READY";
  delete backup.DeleteTimestamp;
  delete backup.purgedByRetention;
}

function retentionDays(cluster: Cluster): number {
  const days = Number(cluster.BackupRetentionPolicy.Value);
  return Number.isFinite(days) && days > 0 ? days : 90;
}

/** Clusters whose HSMs CloudHSM backs up: active ones (a degraded cluster still has HSMs working). */
const backedUp = (c: Cluster) => (c.State === "ACTIVE" || c.State === "DEGRADED") && !c.pending;

/** Everything about backups that happens by itself, with the time it happens. */
export function backupDues(world: World): BackupDue[] {
  const dues: BackupDue[] = [];
  const newestReady = new Map<string, Backup>();
  for (const b of world.backups) {
    if (b.BackupState !== "READY") continue;
    const seen = newestReady.get(b.ClusterId);
    if (!seen || b.CreateTimestamp > seen.CreateTimestamp) newestReady.set(b.ClusterId, b);
  }
  for (const cluster of world.clusters) {
    if (!backedUp(cluster)) continue;
    const at =
      cluster.nextBackupAt ??
      Math.max(newestReady.get(cluster.ClusterId)?.CreateTimestamp ?? 0, cluster.CreateTimestamp) +
        DURATIONS.backupPeriod;
    dues.push({
      at,
      apply: () => {
        // No HSM, nothing to back up: the next look is a day later.
        if (activeHsms(cluster).length > 0) takeBackup(world, cluster, at);
        else cluster.nextBackupAt = at + DURATIONS.backupPeriod;
      },
    });
  }
  const clusters = new Map(world.clusters.map((c) => [c.ClusterId, c]));
  for (const backup of world.backups) {
    const pending = backup.pending;
    if (pending) {
      dues.push({
        at: pending.dueAt,
        apply: () => {
          delete backup.pending;
          backup.BackupState = "READY";
        },
      });
      continue;
    }
    if (backup.BackupState === "PENDING_DELETION" && backup.DeleteTimestamp !== undefined) {
      dues.push({ at: backup.DeleteTimestamp, apply: () => purge(world, backup) });
      continue;
    }
    const cluster = clusters.get(backup.ClusterId);
    const newest = newestReady.get(backup.ClusterId);
    if (backup.BackupState !== "READY" || backup.NeverExpires || !cluster || newest === backup) continue;
    // Not before the backup that made this one no longer the last was ready.
    const at = Math.max(
      backup.CreateTimestamp + retentionDays(cluster) * DAY,
      newest!.CreateTimestamp + DURATIONS.backup,
    );
    dues.push({ at, apply: () => expire(world, backup, at) });
  }
  return dues;
}

function expire(world: World, backup: Backup, at: number): void {
  markForDeletion(backup, at, true);
  recordServiceEvent(world, at, {
    service: "cloudhsmv2",
    eventName: "DeleteBackup",
    requestParameters: { backupId: backup.BackupId },
    responseElements: null,
    resources: [],
  });
}

function purge(world: World, backup: Backup): void {
  world.backups = world.backups.filter((b) => b !== backup);
  if (!world.backups.some((b) => b.hsmImage === backup.hsmImage)) delete world.hsmImages[backup.hsmImage];
}
