import { readdirSync, rmdirSync, statSync, unlinkSync } from "node:fs";
import { basename, dirname, join } from "node:path";

/** A folder of ours: `<sha20>-<fnv8>-<node version>-<arch>` (or the older `<sha20>-<node>-<arch>`). */
const CACHE_DIR = /^([0-9a-f]{20})(?:-([0-9a-f]{8}))?-(v\d+\.\d+\.\d+-[a-z0-9]+)$/;

/** A cache nobody has refreshed for this long belongs to an install that is gone or idle. */
export const IDLE_CACHE_MS = 30 * 24 * 60 * 60 * 1000;

/**
 * Removes the caches a new one makes useless, so upgrades and throwaway clones do not pile up
 * megabytes in the user's cache folder (each build's cache is about 10 MB): the same install's caches
 * of older builds (same path, other digest), and any cache untouched for IDLE_CACHE_MS. Runs only when
 * a cache was just made, which is rare. Deletes only files and folders named as kcs names them, in a
 * folder already checked to be the user's own; anything else stays.
 */
export function pruneCodeCaches(current: string, now = Date.now()): string[] {
  const me = CACHE_DIR.exec(basename(current));
  if (!me) return [];
  const base = dirname(current);
  const removed: string[] = [];
  let names: string[];
  try {
    names = readdirSync(base);
  } catch {
    return removed;
  }
  for (const name of names) {
    const m = CACHE_DIR.exec(name);
    if (!m || name === basename(current)) continue;
    const dir = join(base, name);
    const superseded = m[2] !== undefined && m[2] === me[2] && m[3] === me[3] && m[1] !== me[1];
    if (!superseded && now - newestChange(dir) < IDLE_CACHE_MS) continue;
    if (removeCacheDir(dir)) removed.push(name);
  }
  return removed;
}

function newestChange(dir: string): number {
  let newest = 0;
  try {
    newest = statSync(dir).mtimeMs;
    for (const f of readdirSync(dir)) newest = Math.max(newest, statSync(join(dir, f)).mtimeMs);
  } catch {
    // Gone meanwhile, or unreadable: treat as fresh and leave it.
    return Number.POSITIVE_INFINITY;
  }
  return newest;
}

/** Its cache files (`<command>.bin`, and temporaries of an interrupted write), then the folder if empty. */
function removeCacheDir(dir: string): boolean {
  try {
    for (const f of readdirSync(dir)) {
      if (/^[a-z-]{1,40}\.bin$/.test(f) || /^\.[a-z-]{1,40}\.bin\.[0-9a-f]{24}\.tmp$/.test(f)) {
        unlinkSync(join(dir, f));
      }
    }
    rmdirSync(dir);
    return true;
  } catch {
    return false;
  }
}
