import { randomBytes } from "node:crypto";
import {
  chmodSync,
  closeSync,
  constants,
  fstatSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from "node:fs";
import { basename, dirname, join } from "node:path";
import { t } from "../i18n/index.js";
import { UsageError } from "./errors.js";

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

const tempPrefix = (path: string) => `.${basename(path)}.`;

/**
 * Writes `data` to `path` atomically: a temporary file with an unpredictable name, created
 * exclusively (never through a planted symlink) beside the target, synced, then renamed over it.
 * A symlink at `path` itself is replaced, not followed.
 */
export function writeFileAtomic(path: string, data: string | Uint8Array, mode = PRIVATE_FILE): void {
  const tmp = join(dirname(path), `${tempPrefix(path)}${randomBytes(12).toString("hex")}.tmp`);
  const fd = openSync(tmp, "wx", mode);
  try {
    try {
      const bytes = typeof data === "string" ? Buffer.from(data, "utf8") : data;
      // A write may take less than it was given (a full disk, a signal): the rest follows.
      for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at, bytes.length - at);
      fsyncSync(fd);
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

/** Temporary files of `path` left by a process killed mid-write, older than `olderThanMs`, removed. */
export function removeStaleTemps(path: string, olderThanMs = 60_000, now = Date.now()): number {
  const prefix = tempPrefix(path);
  let removed = 0;
  let names: string[];
  try {
    names = readdirSync(dirname(path));
  } catch {
    return 0;
  }
  for (const name of names) {
    if (!name.startsWith(prefix) || !/^[0-9a-f]{24}\.tmp$/.test(name.slice(prefix.length))) continue;
    const full = join(dirname(path), name);
    try {
      if (now - statSync(full).mtimeMs > olderThanMs) {
        unlinkSync(full);
        removed++;
      }
    } catch {
      // Taken by another process meanwhile.
    }
  }
  return removed;
}

/**
 * A file kcs reads (a world, a plan, a ledger): a regular file of at most `maxBytes`, or a one-line
 * refusal. A device (/dev/zero) or a pipe would never end, and /proc files claim size 0, so at most
 * `maxBytes` + 1 bytes are ever read. `what` names the file in the refusal.
 */
export function readRegularFile(path: string, maxBytes: number, what?: string): string {
  return readRegularFileWithStat(path, maxBytes, what).text;
}

/** readRegularFile, with the stat of the very file read (not of whatever the path names a moment later). */
export function readRegularFileWithStat(
  path: string,
  maxBytes: number,
  /** What the file is to the reader ("world file"), in the run's language; "file" if unsaid. */
  what?: string,
): { text: string; stat: { mtimeMs: number; size: number; ino: number } } {
  // Non-blocking: opening a named pipe for reading would otherwise wait for a writer forever.
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const st = fstatSync(fd);
    if (!st.isFile())
      throw new UsageError(t("errors.file.notRegular", { path, what: what ?? t("errors.file.file") }));
    const limit = `${Math.round(maxBytes / 1024 / 1024)} MB`;
    const thing = what ?? t("errors.file.file");
    if (st.size > maxBytes) throw new UsageError(t("errors.file.tooLarge", { path, what: thing, limit }));
    const chunks: Buffer[] = [];
    let length = 0;
    for (;;) {
      const chunk = Buffer.alloc(64 * 1024);
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      length += n;
      if (length > maxBytes) throw new UsageError(t("errors.file.tooLarge", { path, what: thing, limit }));
      chunks.push(chunk.subarray(0, n));
    }
    return {
      text: Buffer.concat(chunks, length).toString("utf8"),
      stat: { mtimeMs: st.mtimeMs, size: st.size, ino: st.ino },
    };
  } finally {
    closeSync(fd);
  }
}
