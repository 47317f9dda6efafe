import {
  chmodSync,
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from "node:fs";
import { basename, dirname, join } from "node:path";

// No message of kcs's in here: src/cli/code-cache.ts writes with these before the bundle (and its
// words) is loaded, so importing the i18n catalogs here would load them twice on every run.

/**
 * Files as a careful Unix tool writes them: kcs's state (world, ledger, locks, plans) is private to
 * its user, every write lands whole or not at all, and no file name an attacker can predict or
 * plant a symlink at is ever opened for writing.
 */

/** Private to the user: state folders 0700, files 0600. */
export const PRIVATE_DIR = 0o700;
export const PRIVATE_FILE = 0o600;

/**
 * A state folder, made private. An existing folder is narrowed to 0700 only when it is kcs's own
 * state folder (`.kcs`, made by an older kcs with the umask's mode): any other one was named by the
 * operator (--sim-state /tmp/world.json, KCS_LEDGER) and may be shared. Narrowing "the folder of the
 * world file" once turned / and /tmp into 0700 for a kcs run as root, locking every other user out.
 */
export function ensurePrivateDir(dir: string): void {
  // mkdir makes the folders it creates 0700 (less under the umask); an existing folder keeps its mode.
  if (mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR }) !== undefined) return;
  if (basename(dir) !== ".kcs") return;
  try {
    const st = statSync(dir);
    if (process.getuid && st.uid === process.getuid() && (st.mode & 0o077) !== 0) chmodSync(dir, PRIVATE_DIR);
  } catch {
    // Not ours to change (a shared folder given on purpose): leave it.
  }
}

export const tempPrefix = (path: string) => `.${basename(path)}.`;

/**
 * Writes `data` to `path` atomically: a temporary file with an unpredictable name, created
 * exclusively (never through a planted symlink) beside the target, synced, then renamed over it.
 * A symlink at `path` itself is replaced, not followed. `durable: false` skips the sync, for files
 * that are only a speed-up and are checked when read (account caches, compiled code): after a crash
 * such a file may be empty or old, and is then ignored and made again, where the sync cost every
 * doctor 1-6 ms per file.
 */
export function writeFileAtomic(
  path: string,
  data: string | Uint8Array,
  mode = PRIVATE_FILE,
  { durable = true }: { durable?: boolean } = {},
): void {
  // node:crypto on first write, not at load: src/cli/launch.ts (help too) loads this file, and the
  // module costs 6 ms to load, for help that writes nothing.
  const { randomBytes } = process.getBuiltinModule("node:crypto");
  const tmp = join(dirname(path), `${tempPrefix(path)}${randomBytes(12).toString("hex")}.tmp`);
  const fd = openSync(tmp, "wx", mode);
  try {
    try {
      const bytes = typeof data === "string" ? Buffer.from(data, "utf8") : data;
      // A write may take less than it was given (a full disk, a signal): the rest follows.
      for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at, bytes.length - at);
      if (durable) fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
  } catch (err) {
    try {
      unlinkSync(tmp);
    } catch {
      // Already gone.
    }
    throw err;
  }
}
