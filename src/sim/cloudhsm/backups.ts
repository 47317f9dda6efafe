import { recordApiCall } from "../cloudtrail/record.js";
import type { OpContext } from "../context.js";
import { awsError } from "../errors.js";
import { decodeToken, encodeToken, hsmInvalid, type Input, Params } from "../input.js";
import type { Backup } from "../world.js";
import { markForDeletion, unmark } from "./backup-lifecycle.js";
import { tagList } from "./clusters.js";

const FILTER_KEYS = ["backupIds", "sourceBackupIds", "clusterIds", "states", "neverExpires"] as const;

export function backupView(b: Backup, region: string, accountId: string) {
  return {
    BackupId: b.BackupId,
    BackupArn: `arn:aws:cloudhsm:${region}:${accountId}:backup/${b.BackupId}`,
    BackupState: b.BackupState,
    ClusterId: b.ClusterId,
    CreateTimestamp: b.CreateTimestamp / 1000,
    NeverExpires: b.NeverExpires,
    HsmType: b.HsmType,
    Mode: b.Mode ?? "FIPS",
    ...(b.SourceBackup
      ? { SourceBackup: b.SourceBackup, SourceCluster: b.SourceCluster, SourceRegion: b.SourceRegion }
      : {}),
    ...(b.DeleteTimestamp !== undefined ? { DeleteTimestamp: b.DeleteTimestamp / 1000 } : {}),
    ...(b.CopyTimestamp !== undefined ? { CopyTimestamp: b.CopyTimestamp / 1000 } : {}),
    // The model allows no empty TagList: a backup without tags has none.
    ...(b.TagList?.length ? { TagList: b.TagList } : {}),
  };
}

export function describeBackups(ctx: OpContext, input: Input) {
  const p = new Params(input, hsmInvalid);
  const raw = p.map("Filters") ?? {};
  const filters = new Map<string, string[]>();
  for (const [k, v] of Object.entries(raw)) {
    if (!(FILTER_KEYS as readonly string[]).includes(k)) {
      throw awsError(
        "CloudHsmInvalidRequestException",
        `Invalid filter key ${k}. Valid keys: ${FILTER_KEYS.join(", ")}.`,
      );
    }
    if (!Array.isArray(v) || v.some((x) => typeof x !== "string")) {
      throw awsError("CloudHsmInvalidRequestException", `Filter ${k} must be a list of strings.`);
    }
    filters.set(k, v as string[]);
  }
  const ascending = p.bool("SortAscending") ?? false;
  p.bool("Shared");
  const max = p.int("MaxResults", { min: 1, max: 50 }) ?? 50;
  const token = p.str("NextToken", { max: 256 });
  const bind = `backups:${JSON.stringify([...filters])}:${ascending}`;
  const start = token === undefined ? 0 : decodeToken(token, bind);
  if (start === undefined)
    throw awsError("CloudHsmInvalidRequestException", "The NextToken value is not valid.");
  const has = (k: string, v: string | undefined) =>
    !filters.has(k) || (v !== undefined && filters.get(k)!.includes(v));
  const matches = ctx.world.backups
    .filter(
      (b) =>
        has("backupIds", b.BackupId) &&
        has("sourceBackupIds", b.SourceBackup) &&
        has("clusterIds", b.ClusterId) &&
        has("states", b.BackupState) &&
        has("neverExpires", String(b.NeverExpires)),
    )
    .sort((a, b) =>
      ascending ? a.CreateTimestamp - b.CreateTimestamp : b.CreateTimestamp - a.CreateTimestamp,
    );
  const more = start + max < matches.length;
  return {
    Backups: matches
      .slice(start, start + max)
      .map((b) => backupView(b, ctx.world.region, ctx.world.accountId)),
    ...(more ? { NextToken: encodeToken(start + max, bind) } : {}),
  };
}

const notFound = (id: string) =>
  awsError("CloudHsmResourceNotFoundException", `Backup ${id} does not exist.`);
const invalid = (message: string) => awsError("CloudHsmInvalidRequestException", message);

function findBackup(ctx: OpContext, id: string): Backup {
  const backup = ctx.world.backups.find((b) => b.BackupId === id);
  if (!backup) throw notFound(id);
  return backup;
}

function backupEvent(ctx: OpContext, name: string, params: Record<string, unknown>, backup: Backup) {
  const view = backupView(backup, ctx.world.region, ctx.world.accountId);
  recordApiCall(ctx, {
    service: "cloudhsmv2",
    eventName: name,
    requestParameters: params,
    responseElements: { backup: view },
  });
  return { Backup: view };
}

/** DeleteBackup: PENDING_DELETION for 7 days (RestoreBackup brings it back), then gone. */
export function deleteBackup(ctx: OpContext, input: Input) {
  const id = new Params(input, hsmInvalid).str("BackupId", { required: true });
  const backup = findBackup(ctx, id);
  if (backup.BackupState !== "READY")
    throw invalid(`Backup ${id} is ${backup.BackupState}; only a READY backup can be deleted.`);
  markForDeletion(backup, ctx.now, false);
  return backupEvent(ctx, "DeleteBackup", { backupId: id }, backup);
}

/** RestoreBackup: only a backup pending deletion (deleted by hand or by the retention policy). */
export function restoreBackup(ctx: OpContext, input: Input) {
  const id = new Params(input, hsmInvalid).str("BackupId", { required: true });
  const backup = findBackup(ctx, id);
  if (backup.BackupState !== "PENDING_DELETION")
    throw invalid(
      `Backup ${id} is ${backup.BackupState}; only a backup in PENDING_DELETION can be restored.`,
    );
  unmark(backup);
  return backupEvent(ctx, "RestoreBackup", { backupId: id }, backup);
}

/**
 * ModifyBackupAttributes: NeverExpires exempts a backup from the cluster's retention policy. Set before
 * RestoreBackup of a backup the policy expired, it keeps the policy from taking it again at once.
 */
export function modifyBackupAttributes(ctx: OpContext, input: Input) {
  const p = new Params(input, hsmInvalid);
  const id = p.str("BackupId", { required: true });
  const neverExpires = p.bool("NeverExpires");
  if (neverExpires === undefined) throw hsmInvalid("NeverExpires", "null", "Member must not be null");
  const backup = findBackup(ctx, id);
  backup.NeverExpires = neverExpires;
  return backupEvent(ctx, "ModifyBackupAttributes", { backupId: id, neverExpires }, backup);
}

/**
 * CopyBackupToRegion: the copy lands in another Region, which is outside this world (one account and
 * Region); the answer and the CloudTrail event are what this Region sees of it.
 */
export function copyBackupToRegion(ctx: OpContext, input: Input) {
  const p = new Params(input, hsmInvalid);
  const region = p.str("DestinationRegion", { required: true });
  const id = p.str("BackupId", { required: true });
  tagList(ctx, p);
  if (!/^[a-z]{2}(-(gov|iso[a-z]?))?-[a-z]+-\d$/.test(region))
    throw invalid(`${region} is not a Region that CloudHSM can copy a backup to.`);
  if (region === ctx.world.region)
    throw invalid(`Backup ${id} is already in ${region}; choose a different destination Region.`);
  const backup = findBackup(ctx, id);
  if (backup.BackupState !== "READY")
    throw invalid(`Backup ${id} is ${backup.BackupState}; only a READY backup can be copied.`);
  const destination = {
    CreateTimestamp: backup.CreateTimestamp / 1000,
    SourceRegion: ctx.world.region,
    SourceBackup: backup.BackupId,
    SourceCluster: backup.ClusterId,
  };
  recordApiCall(ctx, {
    service: "cloudhsmv2",
    eventName: "CopyBackupToRegion",
    requestParameters: { destinationRegion: region, backupId: id },
    responseElements: { destinationBackup: destination },
  });
  return { DestinationBackup: destination };
}
