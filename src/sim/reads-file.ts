import { closeSync, constants, fstatSync, openSync, writeSync } from "node:fs";
import { PRIVATE_FILE } from "../core/files.js";
import type { TrailEvent } from "./world.js";

/**
 * CloudTrail's record of a run's reads, waiting beside the world to be filed into it
 * (src/sim/persist.ts). A doctor changes nothing, yet filing its reads rewrote and fsynced the whole
 * world at every run's end (a fifth of a simulated doctor); appending them here costs one write, and
 * the next change of the world takes them in.
 */
export const readsFileOf = (path: string) => `${path}.reads`;

/** Past this, a run's reads go into the world instead: every load of the world parses this file. */
export const READS_FOLD_BYTES = 256 * 1024;

/** Far beyond what kcs lets the file reach: a bigger one is not kcs's, and is left unread. */
export const READS_MAX_BYTES = 4 * 1024 * 1024;

const MAX_ID = 2048;
const MAX_NAME = 128;

/**
 * A line of the file as an event, or undefined. Only reads: a line is kcs's own bookkeeping, never a
 * way to put a change (a DeleteKey, which a doctor reads as key material gone) into CloudTrail. A
 * torn last line (a run killed mid-append) or a damaged one is skipped, as AWS may drop a read.
 */
export function readEventOf(line: string): TrailEvent | undefined {
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof v !== "object" || v === null || Array.isArray(v)) return undefined;
  const e = v as Record<string, unknown>;
  const text = (x: unknown, max: number, min = 0) =>
    typeof x === "string" && x.length >= min && x.length <= max;
  if (!text(e.EventId, MAX_ID, 1) || !text(e.EventName, MAX_NAME) || !text(e.EventSource, MAX_NAME))
    return undefined;
  if (typeof e.EventTime !== "number" || !Number.isFinite(e.EventTime)) return undefined;
  if (e.ReadOnly !== "true") return undefined;
  if (e.Username !== undefined && !text(e.Username, MAX_ID)) return undefined;
  if (e.AccessKeyId !== undefined && !text(e.AccessKeyId, MAX_NAME)) return undefined;
  if (!Array.isArray(e.Resources)) return undefined;
  for (const r of e.Resources as unknown[]) {
    const res = r as Record<string, unknown> | null;
    if (
      typeof res !== "object" ||
      res === null ||
      !text(res.ResourceType, MAX_NAME) ||
      !text(res.ResourceName, MAX_ID)
    )
      return undefined;
  }
  if (typeof e.record !== "object" || e.record === null || Array.isArray(e.record)) return undefined;
  return e as unknown as TrailEvent;
}

/** The file's events not already in `known` (event ids), in the order they were appended. */
export function readEventsIn(text: string, known: ReadonlySet<string>): TrailEvent[] {
  const out: TrailEvent[] = [];
  const seen = new Set(known);
  for (const line of text.split("\n")) {
    if (line.length === 0) continue;
    const e = readEventOf(line);
    if (!e || seen.has(e.EventId)) continue;
    seen.add(e.EventId);
    out.push(e);
  }
  return out;
}

/** Events as the file holds them: one JSON line each, after a line break (see appendReadLines). */
export function readLines(events: readonly TrailEvent[]): Buffer {
  return Buffer.from(`\n${events.map((e) => JSON.stringify(e)).join("\n")}\n`, "utf8");
}

/**
 * Appends lines in one write: never through a symlink planted at the name, and never into anything
 * but a regular file. Returns the file's stamp after the write. The lines start with a line break,
 * which ends a line torn by a run killed mid-append (skipped when read) instead of gluing this run's
 * first event to it.
 */
export function appendReadLines(path: string, bytes: Buffer): { mtimeMs: number; size: number; ino: number } {
  const fd = openSync(
    path,
    constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_NOFOLLOW | constants.O_NONBLOCK,
    PRIVATE_FILE,
  );
  try {
    if (!fstatSync(fd).isFile()) throw new Error(`${path} is not a regular file`);
    for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at, bytes.length - at);
    const st = fstatSync(fd);
    return { mtimeMs: st.mtimeMs, size: st.size, ino: st.ino };
  } finally {
    closeSync(fd);
  }
}
