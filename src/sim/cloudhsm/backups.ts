import type { OpContext } from "../context.js";
import { awsError } from "../errors.js";
import { decodeToken, encodeToken, hsmInvalid, type Input, Params } from "../input.js";
import type { Backup } from "../world.js";

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
