import {
  closeSync,
  constants,
  fstatSync,
  openSync,
  readdirSync,
  readSync,
  statSync,
  unlinkSync,
} from "node:fs";
import { dirname, join } from "node:path";
import { t } from "../i18n/index.js";
import { UsageError } from "./errors.js";
import { tempPrefix } from "./private-files.js";

/** kcs's state files: written as ./private-files.ts writes them, read as regular files within a limit. */
export { ensurePrivateDir, PRIVATE_DIR, PRIVATE_FILE, writeFileAtomic } from "./private-files.js";

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
 * What a file is to its reader ("world file"), in the run's language; "file" if unsaid. A function is
 * asked only when the file is refused: a run that reads its files well looks no word up.
 */
export type FileKind = string | (() => string);

/**
 * A file kcs reads (a world, a plan, a ledger): a regular file of at most `maxBytes`, or a one-line
 * refusal. A device (/dev/zero) or a pipe would never end, and /proc files claim size 0, so at most
 * `maxBytes` + 1 bytes are ever read. `what` names the file in the refusal.
 */
export function readRegularFile(path: string, maxBytes: number, what?: FileKind): string {
  return readRegularFileWithStat(path, maxBytes, what).text;
}

/** readRegularFile, with the stat of the very file read (not of whatever the path names a moment later). */
export function readRegularFileWithStat(
  path: string,
  maxBytes: number,
  what?: FileKind,
): { text: string; stat: { mtimeMs: number; size: number; ino: number } } {
  // Non-blocking: opening a named pipe for reading would otherwise wait for a writer forever.
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const st = fstatSync(fd);
    const thing = () => (typeof what === "function" ? what() : what) ?? t("errors.file.file");
    if (!st.isFile()) throw new UsageError(t("errors.file.notRegular", { path, what: thing() }));
    const limit = `${Math.round(maxBytes / 1024 / 1024)} MB`;
    if (st.size > maxBytes) throw new UsageError(t("errors.file.tooLarge", { path, what: thing(), limit }));
    // Read to the end, not to the size fstat gave: /proc files claim 0, and a file may grow meanwhile.
    // One buffer the size the file claims (and a byte more, to see its end), grown only if it was
    // wrong: a doctor reads the world this way, and fresh 64 KB chunks copied together cost it 5 ms.
    let buf = Buffer.allocUnsafe(Math.min(st.size, maxBytes) + 1);
    let length = 0;
    for (;;) {
      if (length === buf.length) {
        const bigger = Buffer.allocUnsafe(Math.min(buf.length * 2, maxBytes + 1));
        buf.copy(bigger, 0, 0, length);
        buf = bigger;
      }
      const n = readSync(fd, buf, length, buf.length - length, null);
      if (n === 0) break;
      length += n;
      if (length > maxBytes) throw new UsageError(t("errors.file.tooLarge", { path, what: thing(), limit }));
    }
    return {
      text: buf.toString("utf8", 0, length),
      stat: { mtimeMs: st.mtimeMs, size: st.size, ino: st.ino },
    };
  } finally {
    closeSync(fd);
  }
}
