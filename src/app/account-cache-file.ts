import { join } from "node:path";
import type * as z from "zod";
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

/** The file's content if it parses as `schema` and belongs to `owner`, else undefined. */
export function readCacheFile<T extends CacheOwner>(
  path: string,
  schema: z.ZodType<T>,
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
  const file = schema.safeParse(parsed);
  if (!file.success) return undefined;
  const f = file.data;
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
    writeFileAtomic(path, JSON.stringify(content));
  } catch {
    // A state folder kcs cannot write (read-only, full) costs the next run its speed-up, nothing else.
  }
}
