import { createHash } from "node:crypto";
import { closeSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from "node:fs";
import { dirname } from "node:path";
import {
  ensurePrivateDir,
  PRIVATE_FILE,
  readRegularFile,
  readRegularFileWithStat,
  removeStaleTemps,
  writeFileAtomic,
} from "../core/files.js";
import { processAlive } from "../core/process.js";
import { t } from "../i18n/index.js";
import { fileEvents } from "./cloudtrail/api-events.js";
import { deriveSecurityGroups } from "./ec2/security-groups.js";
import type { WorldStore } from "./engine.js";
import { pepperCheck } from "./ids.js";
import {
  appendReadLines,
  READS_FOLD_BYTES,
  READS_MAX_BYTES,
  readEventsIn,
  readLines,
  readsFileOf,
} from "./reads-file.js";
import { type TrailEvent, WORLD_SCHEMA, WORLD_VERSION, type World } from "./world.js";
import { worldFileSchema } from "./world-schema.js";

/** Far beyond the largest bundled world (the fleet); a bigger file is not a world kcs made. */
export const WORLD_MAX_BYTES = 32 * 1024 * 1024;

/** Where a world file's pepper lives: beside it, private, never inside it. */
export const keyFileOf = (path: string) => `${path}.key`;

/** A world file that cannot be used; the message says how to get a fresh one. */
export class WorldFileError extends Error {}

const reinit = (path: string) => t("sim.worldFile.reinit", { path });

/** Where kcs notes the digest of the last world text it checked whole or wrote itself. */
export const checkedFileOf = (path: string) => `${path}.checked`;

const digestOf = (text: string) => createHash("sha256").update(text).digest("hex");

function knownGood(path: string, digest: string): boolean {
  try {
    return readRegularFile(checkedFileOf(path), 128, "simulator world check").trim() === digest;
  } catch {
    return false;
  }
}

function noteGood(path: string, digest: string): void {
  try {
    writeFileAtomic(checkedFileOf(path), `${digest}\n`, PRIVATE_FILE);
  } catch {
    // Only a shortcut for the next reader: without it, the next load checks the world whole again.
  }
}

/**
 * A world file as text, checked whole (zod, 40 ms for a small world and 130 ms for the fleet) unless
 * its digest is the one kcs last checked or wrote: a hand edit or damage changes the digest, and is
 * checked again.
 */
export function parseWorld(text: string, path: string, opts: { digest?: string } = {}): World {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new WorldFileError(t("sim.worldFile.notJson", { path, reinit: reinit(path) }));
  }
  const w = data as Partial<World> | null;
  if (typeof w !== "object" || w === null || w.schema !== WORLD_SCHEMA) {
    throw new WorldFileError(t("sim.worldFile.notAWorld", { path, reinit: reinit(path) }));
  }
  if (w.version !== WORLD_VERSION) {
    throw new WorldFileError(
      t("sim.worldFile.version", {
        path,
        found: String(w.version),
        wanted: WORLD_VERSION,
        reinit: reinit(path),
      }),
    );
  }
  for (const field of ["stores", "keys", "aliases", "clusters", "backups", "subnets", "events"] as const) {
    if (!Array.isArray(w[field]))
      throw new WorldFileError(t("sim.worldFile.incomplete", { path, field, reinit: reinit(path) }));
  }
  if (opts.digest !== undefined && knownGood(path, opts.digest)) return w as World;
  const checked = worldFileSchema().safeParse(w);
  if (!checked.success) {
    const issue = checked.error.issues[0]!;
    throw new WorldFileError(
      t("sim.worldFile.damaged", {
        path,
        at: issue.path.join(".") || t("sim.worldFile.root"),
        issue: issue.message,
        reinit: reinit(path),
      }),
    );
  }
  deriveSecurityGroups(w as World);
  for (const p of (w as World).partitions ?? []) deriveSecurityGroups(p);
  return w as World;
}

/** Reads a world file as kcs accepts one: a regular file, within the size limit. */
export function readWorldText(path: string): string {
  return readWorldTextWithStat(path).text;
}

function readWorldTextWithStat(path: string) {
  try {
    return readRegularFileWithStat(path, WORLD_MAX_BYTES, () => t("sim.worldFile.what"));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === undefined) throw new WorldFileError((err as Error).message);
    throw new WorldFileError(t("sim.worldFile.unreadable", { path, reason: (err as Error).message }));
  }
}

interface Stamp {
  mtimeMs: number;
  size: number;
  ino: number;
}

function stampOf(path: string): Stamp | undefined {
  try {
    // Asked before every call the simulator answers, mostly of a reads file that is not there: a
    // thrown ENOENT (an Error with its stack) cost a doctor more than the stat itself.
    const s = statSync(path, { throwIfNoEntry: false });
    return s ? { mtimeMs: s.mtimeMs, size: s.size, ino: s.ino } : undefined;
  } catch {
    return undefined;
  }
}

const sameStamp = (a?: Stamp, b?: Stamp) =>
  !!a && !!b && a.mtimeMs === b.mtimeMs && a.size === b.size && a.ino === b.ino;

/** The same reads file, or none both times. */
const sameReads = (a?: Stamp, b?: Stamp) => (a === undefined && b === undefined) || sameStamp(a, b);

function sleepSync(ms: number) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * The world in one JSON file shared by every `kcs` process: reads are lock-free (writes replace the
 * file atomically), writes take an exclusive lock file so two processes cannot lose each other's
 * changes. The parsed world is cached while the file is unchanged, so a doctor run with thousands of
 * calls parses it once.
 */
export class FileWorldStore implements WorldStore {
  private cached?: World;
  private stamp?: Stamp;

  constructor(
    readonly path: string,
    private readonly create: () => World,
    private readonly lockTimeoutMs = 10_000,
  ) {}

  exists(): boolean {
    return stampOf(this.path) !== undefined;
  }

  /**
   * Whether the cached world was checked against the files in the synchronous stretch running now. A
   * simulated call reads the world a dozen times in one stretch (its route, faults, caller, handler):
   * a doctor statted the world and its reads file 160 times. Nothing of this process runs between two
   * statements of one stretch, so the check made at its first read answers for the rest, as if another
   * process's write had landed a moment later; under the lock every load checks again, since a write
   * must start from the newest world.
   */
  private checkedThisStretch = false;

  private load(): World {
    if (this.cached && this.checkedThisStretch && this.lockDepth === 0) return this.cached;
    const now = stampOf(this.path);
    const readsNow = stampOf(readsFileOf(this.path));
    if (this.cached && sameStamp(now, this.stamp) && sameReads(readsNow, this.readsStamp)) {
      this.checkedUntilNextStretch();
      return this.cached;
    }
    if (!now) {
      return this.withLock(() => {
        if (!stampOf(this.path)) this.write(this.create());
        return this.load();
      });
    }
    // Lock-free: a writer may be between its key file and its world. The world names its key (by a
    // check value), so a reader that caught the two out of step reads again.
    for (let attempt = 1; ; attempt++) {
      const { text, stat } = readWorldTextWithStat(this.path);
      const world = parseWorld(text, this.path, { digest: digestOf(text) });
      const pepper = this.readPepper();
      if (pepperCheck(pepper) === world.pepperCheck) {
        world.pepper = pepper;
        for (const p of world.partitions ?? []) p.pepper = pepper;
        this.readsStamp = this.takeReads(world);
        this.cached = world;
        this.generationNow++;
        // The stamp of the bytes parsed, not of whatever the path names by now.
        this.stamp = stat;
        this.checkedUntilNextStretch();
        return world;
      }
      if (attempt >= 5)
        throw new WorldFileError(
          t("sim.worldFile.keyFileOther", { file: keyFileOf(this.path), reinit: reinit(this.path) }),
        );
      sleepSync(20);
    }
  }

  private checkedUntilNextStretch(): void {
    if (this.checkedThisStretch) return;
    this.checkedThisStretch = true;
    // Microtasks run once the current stretch ends: the next one (an await's continuation, a timer)
    // checks the files again.
    queueMicrotask(() => {
      this.checkedThisStretch = false;
    });
  }

  read<T>(fn: (world: World) => T): T {
    return fn(this.load());
  }

  private generationNow = 0;

  /** Changes with every world this store parses or writes: looking first sees another process's write. */
  generation(): number {
    this.load();
    return this.generationNow;
  }

  /** The reads file's stamp when its events were taken into the cached world (undefined: no file). */
  private readsStamp?: Stamp;

  /**
   * Files the reads file's events into a world just parsed (those not in it already: a writer may have
   * filed them and not yet removed the file). Returns the stamp of the bytes taken. A reads file kcs
   * cannot read (too big, not a regular file) is left out: it is bookkeeping, not the world.
   */
  private takeReads(world: World): Stamp | undefined {
    const reads = readsFileOf(this.path);
    let read: { text: string; stat: Stamp };
    try {
      read = readRegularFileWithStat(reads, READS_MAX_BYTES, "CloudTrail reads");
    } catch {
      return stampOf(reads);
    }
    const events = readEventsIn(read.text, new Set(world.events.map((e) => e.EventId)));
    fileEvents(world, events);
    return read.stat;
  }

  /**
   * Files CloudTrail events of reads: appended to the reads file, which the world's next write takes
   * in, or (past READS_FOLD_BYTES) into the world at once. Never a change's event: those go with it.
   */
  appendReads(events: readonly TrailEvent[]): void {
    if (events.length === 0) return;
    this.withLock(() => {
      const world = this.load();
      const lines = readLines(events);
      if ((this.readsStamp?.size ?? 0) + lines.length > READS_FOLD_BYTES) {
        this.update((w) => fileEvents(w, events));
        return;
      }
      // Under the lock, the world and the reads file are the ones just loaded: filed here too, the
      // cached world stays current and the next call does not parse the world again.
      this.readsStamp = appendReadLines(readsFileOf(this.path), lines);
      fileEvents(world, events);
      this.generationNow++;
    });
  }

  update<T>(fn: (world: World) => T): T {
    return this.withLock(() => {
      const world = this.load();
      try {
        const out = fn(world);
        this.write(world);
        return out;
      } catch (err) {
        // Whatever fn changed before it threw is dropped: the next read reloads the file.
        this.cached = undefined;
        this.stamp = undefined;
        this.readsStamp = undefined;
        this.generationNow++;
        throw err;
      }
    });
  }

  /** Replaces the world wholesale (kcs sim init). */
  replace(world: World): void {
    this.withLock(() => this.write(world));
  }

  private readPepper(): string {
    const keyFile = keyFileOf(this.path);
    let pepper = "";
    try {
      pepper = readRegularFile(keyFile, 1024, "simulator world key").trim();
    } catch {
      // Missing or not a regular file: refused below, like a damaged one.
    }
    if (/^[0-9a-f]{64}$/.test(pepper)) {
      this.pepperOnDisk = pepper;
      return pepper;
    }
    throw new WorldFileError(t("sim.worldFile.keyFileDamaged", { file: keyFile, reinit: reinit(this.path) }));
  }

  private write(world: World): void {
    ensurePrivateDir(dirname(this.path));
    removeStaleTemps(this.path);
    // The pepper goes to its own private file, written first: a world never points at a key it lacks.
    const { pepper, ...root } = world;
    // Partitions share the root's pepper: none of them carries it to disk either.
    const onDisk = root.partitions
      ? { ...root, partitions: root.partitions.map(({ pepper: _shared, ...p }) => p) }
      : root;
    if (this.pepperOnDisk !== pepper) {
      writeFileAtomic(keyFileOf(this.path), `${pepper}\n`, PRIVATE_FILE);
      this.pepperOnDisk = pepper;
    }
    const text = JSON.stringify(onDisk);
    writeFileAtomic(this.path, text, PRIVATE_FILE);
    // The world written holds the reads file's events (loaded into it under this lock), or replaces
    // the world they were read from (kcs sim init): either way the file has had its use.
    try {
      unlinkSync(readsFileOf(this.path));
    } catch {
      // None: a run that read nothing, or the last write took them.
    }
    noteGood(this.path, digestOf(text));
    this.cached = world;
    this.stamp = stampOf(this.path);
    this.readsStamp = undefined;
    this.generationNow++;
  }

  private pepperOnDisk?: string;

  private lockDepth = 0;

  private withLock<T>(fn: () => T): T {
    if (this.lockDepth > 0) return fn();
    const lock = `${this.path}.lock`;
    ensurePrivateDir(dirname(this.path));
    const deadline = Date.now() + this.lockTimeoutMs;
    for (;;) {
      try {
        const fd = openSync(lock, "wx", PRIVATE_FILE);
        writeSync(fd, String(process.pid));
        closeSync(fd);
        break;
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        // The folder passed kcs's writability check yet refuses a file (/proc, a full disk): say which.
        if (code !== "EEXIST")
          throw new WorldFileError(
            t("sim.worldFile.unwritable", { path: this.path, reason: code ?? (err as Error).message }),
          );
        if (this.staleLock(lock)) continue;
        if (Date.now() > deadline) {
          throw new WorldFileError(t("sim.worldFile.locked", { path: this.path, lock }));
        }
        sleepSync(20);
      }
    }
    this.lockDepth++;
    try {
      return fn();
    } finally {
      this.lockDepth--;
      try {
        unlinkSync(lock);
      } catch {
        // Already removed by a stale-lock recovery: nothing to do.
      }
    }
  }

  /** A lock left by a process that died is removed. */
  private staleLock(lock: string): boolean {
    try {
      const pid = Number(readFileSync(lock, "utf8"));
      if (Number.isInteger(pid) && pid > 0 && !processAlive(pid)) {
        unlinkSync(lock);
        return true;
      }
    } catch {
      return true;
    }
    return false;
  }
}
