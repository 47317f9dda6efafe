import { constants, type Dirent } from "node:fs";
import { type FileHandle, open, opendir, stat } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import { createGunzip } from "node:zlib";
import { UsageError } from "../core/errors.js";
import { t } from "../i18n/index.js";
import { parseDeleteKeyEvent } from "./deletekey-events.js";
import type { ConnectEvent, DeleteKeyEvent, ReadError, Snapshot } from "./snapshot.js";

/**
 * CloudTrail log files as a trail delivers them to S3 (--cloudtrail-dir): what LookupEvents no longer
 * shows after its 90 days, like the DeleteKey that orphaned key material a year ago. Files are read
 * one at a time and only the events kcs uses are kept, so a folder of any size costs the memory of
 * its largest file (bounded too), not of the folder.
 */

/** A CloudTrail log file holds at most a few MB; anything far larger is not one. */
export const TRAIL_FILE_MAX_BYTES = 64 * 1024 * 1024;

/** AWSLogs/[o-org/]<account>/CloudTrail/<region>/YYYY/MM/DD/<file>.json[.gz], as S3 keys have them. */
const LOG_FILE = /\.json(\.gz)?$/;
const ACCOUNT = /^\d{12}$/;
const ORG = /^o-[a-z0-9]{10,32}$/;

export interface TrailFileEvents {
  deleteKeyEvents: DeleteKeyEvent[];
  connectEvents: ConnectEvent[];
  disconnectEvents: ConnectEvent[];
  /** One per file that could not be read or is not a CloudTrail log file (the message names it). */
  errors: ReadError[];
  /** Log files of the account and Region that were read. */
  files: number;
}

export interface TrailFileScope {
  /** Only this account's files (when known); every account's otherwise. */
  account?: string;
  region: string;
}

const ACCOUNT_OF_ARN = /^arn:aws[a-z-]*:kms:[^:]*:(\d{12}):/;

/** The account a snapshot was read in, as its keys' ARNs name it (a store without keys names none). */
export function accountOf(snapshot: Snapshot): string | undefined {
  for (const k of snapshot.keys) {
    const account = ACCOUNT_OF_ARN.exec(k.arn)?.[1];
    if (account) return account;
  }
  return undefined;
}

/**
 * Where a path below DIR stands in the S3 layout: undefined when it is not (or cannot lead to) a log
 * file of the scope. `partial` paths are folders on the way down.
 */
function inScope(parts: string[], scope: TrailFileScope, file: boolean): boolean {
  const at = parts.lastIndexOf("AWSLogs");
  if (at < 0) return !file;
  let rest = parts.slice(at + 1);
  if (rest[0] && ORG.test(rest[0])) rest = rest.slice(1);
  const [account, service, region, yyyy, mm, dd, name, ...more] = rest;
  const checks: [string | undefined, (v: string) => boolean][] = [
    [account, (v) => ACCOUNT.test(v) && (!scope.account || v === scope.account)],
    [service, (v) => v === "CloudTrail"],
    [region, (v) => v === scope.region],
    [yyyy, (v) => /^\d{4}$/.test(v)],
    [mm, (v) => /^\d{2}$/.test(v)],
    [dd, (v) => /^\d{2}$/.test(v)],
  ];
  for (const [value, ok] of checks) {
    if (value === undefined) return !file;
    if (!ok(value)) return false;
  }
  if (name === undefined) return !file;
  return file && more.length === 0 && LOG_FILE.test(name);
}

/** Every log file of the scope under `root`, depth first; symlinks are never followed out of it. */
async function* logFiles(root: string, scope: TrailFileScope): AsyncGenerator<string> {
  const walk = async function* (dir: string): AsyncGenerator<string> {
    const entries: Dirent[] = [];
    for await (const entry of await opendir(dir)) entries.push(entry);
    // One order whatever the file system gives: the same errors in the same order every run.
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const path = join(dir, entry.name);
      const parts = relative(root, path).split(sep);
      if (entry.isDirectory()) {
        if (inScope(parts, scope, false)) yield* walk(path);
      } else if (entry.isFile() && inScope(parts, scope, true)) {
        yield path;
      }
      // Symlinks, sockets and devices: a trail writes none, and a link could lead out of DIR.
    }
  };
  yield* walk(root);
}

/** The text of one log file, gunzipped if its name says so, within TRAIL_FILE_MAX_BYTES. */
async function readLogFile(path: string, maxBytes: number): Promise<string> {
  // O_NOFOLLOW: a file swapped for a symlink after the walk saw it is refused, not followed.
  let handle: FileHandle;
  handle = await open(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  try {
    if (!(await handle.stat()).isFile()) throw new Error("not a regular file");
    const raw = handle.createReadStream({ autoClose: false });
    const stream = path.endsWith(".gz") ? raw.pipe(createGunzip()) : raw;
    const chunks: Buffer[] = [];
    let length = 0;
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        length += chunk.length;
        if (length > maxBytes) throw new Error(`larger than ${Math.round(maxBytes / 1024 / 1024)} MB`);
        chunks.push(chunk);
      }
    } finally {
      raw.destroy();
      stream.destroy();
    }
    return Buffer.concat(chunks, length).toString("utf8");
  } finally {
    await handle.close();
  }
}

const str = (v: unknown) => (typeof v === "string" && v !== "" ? v : undefined);

/** The events of one file kcs keeps: custom key stores' DeleteKey, and successful (dis)connects. */
function keep(records: unknown[], into: TrailFileEvents, dir: string): void {
  for (const r of records) {
    if (!r || typeof r !== "object") continue;
    const record = r as Record<string, unknown>;
    if (record.eventSource !== "kms.amazonaws.com") continue;
    const name = record.eventName;
    if (name === "DeleteKey") {
      // Each record is the event itself: what LookupEvents wraps as the CloudTrailEvent string.
      const event = parseDeleteKeyEvent({ CloudTrailEvent: JSON.stringify(record) });
      if (event?.eventId && event.eventTime) into.deleteKeyEvents.push({ ...event, cloudtrailDir: dir });
    } else if (name === "ConnectCustomKeyStore" || name === "DisconnectCustomKeyStore") {
      const params = record.requestParameters as Record<string, unknown> | null | undefined;
      const id = str(params?.customKeyStoreId);
      const time = str(record.eventTime);
      if (!id || !time || record.errorCode) continue;
      const at = Date.parse(time);
      if (Number.isNaN(at)) continue;
      const event = { customKeyStoreId: id, eventTime: new Date(at).toISOString() };
      (name === "ConnectCustomKeyStore" ? into.connectEvents : into.disconnectEvents).push(event);
    }
  }
}

/** Checked before anything is read: a mistyped folder is a usage error, not an empty history. */
export async function checkTrailDirs(dirs: string[]): Promise<void> {
  for (const dir of dirs) {
    let isDir = false;
    try {
      isDir = (await stat(dir)).isDirectory();
    } catch {
      // Reported below.
    }
    if (!isDir) throw new UsageError(t("doctor.error.notAFolder", { dir }));
  }
}

/** The log files of the scope under each folder, each read once and in order. */
export async function readTrailFiles(
  dirs: string[],
  scope: TrailFileScope,
  maxBytes = TRAIL_FILE_MAX_BYTES,
): Promise<TrailFileEvents> {
  const out: TrailFileEvents = {
    deleteKeyEvents: [],
    connectEvents: [],
    disconnectEvents: [],
    errors: [],
    files: 0,
  };
  const fail = (path: string, code: string, why: string) =>
    out.errors.push({
      service: "cloudtrail-files",
      operation: "ReadLogFile",
      code,
      message: `${path}: ${why}; its events are not counted`,
    });
  for (const dir of dirs) {
    for await (const path of logFiles(dir, scope)) {
      let data: unknown;
      try {
        data = JSON.parse(await readLogFile(path, maxBytes));
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code && !code.startsWith("Z_") && code !== "ERR_INVALID_ARG_TYPE")
          fail(path, code, "cannot be read");
        else fail(path, "MalformedLogFile", `not a CloudTrail log file (${(err as Error).message})`);
        continue;
      }
      const records = (data as { Records?: unknown } | null)?.Records;
      if (!Array.isArray(records)) {
        fail(path, "MalformedLogFile", 'not a CloudTrail log file (no "Records" list)');
        continue;
      }
      out.files++;
      keep(records, out, dir);
    }
  }
  return out;
}

/** Events seen both ways count once (CloudTrail's eventID is the same in LookupEvents and in S3). */
function union<T>(a: T[], b: T[], key: (x: T) => string): T[] {
  const seen = new Set(a.map(key));
  const out = [...a];
  for (const x of b) {
    const k = key(x);
    if (!seen.has(k)) {
      seen.add(k);
      out.push(x);
    }
  }
  return out;
}

const newestFirst = <T extends { eventTime: string }>(events: T[]) =>
  events
    .map((e, i) => ({ e, i, t: Date.parse(e.eventTime) }))
    .sort((a, b) => b.t - a.t || a.i - b.i)
    .map(({ e }) => e);

/**
 * The snapshot with what the log files add: their DeleteKey events for its stores, and their
 * (dis)connects where the snapshot read those at all (absent stays absent: "not read").
 */
export function withTrailFiles(snapshot: Snapshot, files: TrailFileEvents): Snapshot {
  const ids = new Set(snapshot.stores.map((s) => s.customKeyStoreId));
  const mine = <T extends { customKeyStoreId: string }>(list: T[]) =>
    list.filter((e) => ids.has(e.customKeyStoreId));
  const moment = (e: ConnectEvent) => `${e.customKeyStoreId}@${Date.parse(e.eventTime)}`;
  return {
    ...snapshot,
    deleteKeyEvents: newestFirst(
      union(snapshot.deleteKeyEvents, mine(files.deleteKeyEvents), (e) => e.eventId),
    ),
    ...(snapshot.connectEvents
      ? { connectEvents: newestFirst(union(snapshot.connectEvents, mine(files.connectEvents), moment)) }
      : {}),
    ...(snapshot.disconnectEvents
      ? {
          disconnectEvents: newestFirst(
            union(snapshot.disconnectEvents, mine(files.disconnectEvents), moment),
          ),
        }
      : {}),
    errors: [...snapshot.errors, ...files.errors],
  };
}
