import { join } from "node:path";
import { ensurePrivateDir, readRegularFile, writeFileAtomic } from "../core/files.js";

/**
 * The files kcs keeps per account and Region in the state folder to go faster next time. They are
 * only speed-ups: one that is missing, damaged, foreign (another account, Region, endpoint or
 * simulated world) or too big is ignored and rebuilt, and deleting one is always safe.
 */

const MAX_FILE_BYTES = 64 * 1024 * 1024;

/** Whose a cache file is. `scope`: the endpoint, or for the simulator the world it was made from. */
export interface CacheOwner {
  accountId: string;
  region: string;
  scope: string;
}

export const accountCachePath = (dir: string, name: string, accountId: string, region: string) =>
  join(dir, `${name}-${accountId}-${region.replace(/[^A-Za-z0-9-]/g, "_")}.json`);

export const isAccountId = (id: string) => /^\d{12}$/.test(id);

/**
 * Checks of a cache file's JSON, written out rather than as zod schemas: every doctor reads both files,
 * and building their schemas (zod builds one of its objects at a cost) took 7 ms of each run. Each
 * parser returns a fresh value holding only the members it knows, or undefined.
 */
export const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);
export const isText = (v: unknown, min = 0): v is string => typeof v === "string" && v.length >= min;
export const isInstant = (v: unknown): v is string => typeof v === "string" && !Number.isNaN(Date.parse(v));

/** A cache file's header, of `kind` at `version`, or undefined. */
export function cacheHeader(
  v: unknown,
  kind: string,
  version: number,
): (CacheOwner & { kind: string; version: number; body: Record<string, unknown> }) | undefined {
  if (!isRecord(v) || v.kind !== kind || v.version !== version) return undefined;
  const { accountId, region, scope } = v;
  if (!isText(accountId) || !isAccountId(accountId) || !isText(region, 1) || !isText(scope)) return undefined;
  return { kind, version, accountId, region, scope, body: v };
}

/** The file's content if `parse` accepts it and it belongs to `owner`, else undefined. */
export function readCacheFile<T extends CacheOwner>(
  path: string,
  parse: (value: unknown) => T | undefined,
  owner: CacheOwner,
  what: string,
): T | undefined {
  let text: string;
  try {
    text = readRegularFile(path, MAX_FILE_BYTES, what);
  } catch {
    return undefined;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  const f = parse(parsed);
  if (!f) return undefined;
  return f.accountId === owner.accountId && f.region === owner.region && f.scope === owner.scope
    ? f
    : undefined;
}

export function writeCacheFile(
  dir: string,
  path: string,
  content: CacheOwner & { kind: string; version: number },
): void {
  try {
    ensurePrivateDir(dir);
    writeFileAtomic(path, JSON.stringify(content), undefined, { durable: false });
  } catch {
    // A state folder kcs cannot write (read-only, full) costs the next run its speed-up, nothing else.
  }
}
