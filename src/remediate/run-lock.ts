import { closeSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { hostname } from "node:os";
import { dirname } from "node:path";
import { UsageError } from "../core/errors.js";
import { ensurePrivateDir } from "../core/files.js";
import { processAlive } from "../core/process.js";
import { t } from "../i18n/index.js";

/** Who holds the lock: enough to name them, and to tell whether they are still alive. */
interface Holder {
  pid: number;
  host: string;
  startedAt: string;
  command: string;
}

function readHolder(path: string): Holder | undefined {
  try {
    return JSON.parse(readFileSync(path, "utf8")) as Holder;
  } catch {
    return undefined;
  }
}

/**
 * One kcs fix at a time per account and Region on this machine: two runs on one store interleave
 * (one disconnects the other's connect, and both fail). The lock is a file created exclusively beside
 * the ledger, naming its holder; a lock whose holder died (kill -9) is stale and taken over.
 * Returns the release function.
 */
export function acquireRunLock(path: string, command: string, now = new Date()): () => void {
  const mine: Holder = { pid: process.pid, host: hostname(), startedAt: now.toISOString(), command };
  // The state folder may not exist yet (a first fix with --no-cache on the aws backend writes nothing
  // before this); the ledger beside the lock would make it anyway.
  ensurePrivateDir(dirname(path));
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, "wx", 0o600);
      writeSync(fd, `${JSON.stringify(mine)}\n`);
      closeSync(fd);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        if (readHolder(path)?.pid === process.pid) rmSync(path, { force: true });
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      const holder = readHolder(path);
      if (holder && holder.host === mine.host && !processAlive(holder.pid)) {
        rmSync(path, { force: true });
        continue;
      }
      throw new UsageError(
        holder
          ? t("fix.lock.held", {
              command: holder.command,
              pid: holder.pid,
              host: holder.host,
              since: holder.startedAt,
            })
          : t("fix.lock.heldUnknown", { path }),
      );
    }
  }
  throw new UsageError(t("fix.lock.contended", { path }));
}
