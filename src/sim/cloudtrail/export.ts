import { createHash } from "node:crypto";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { writeFileAtomic } from "../../core/files.js";
import { DURATIONS, MINUTE } from "../clock.js";
import type { TrailEvent, World } from "../world.js";

/** A trail writes one log file per account, Region and delivery window (about every 5 minutes). */
const WINDOW = 5 * MINUTE;

export interface TrailExport {
  /** The log files written, relative to the folder. */
  files: string[];
  events: number;
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** S3 key parts of a window: 2026/11/28 and 20261128T1205Z. */
function stamps(at: number): { day: string; minute: string } {
  const d = new Date(at);
  const [y, m, day, h, min] = [
    d.getUTCFullYear(),
    d.getUTCMonth() + 1,
    d.getUTCDate(),
    d.getUTCHours(),
    d.getUTCMinutes(),
  ];
  return { day: `${y}/${pad(m)}/${pad(day)}`, minute: `${y}${pad(m)}${pad(day)}T${pad(h)}${pad(min)}Z` };
}

/**
 * The world's CloudTrail as its trail delivers it to S3: every event delivered by `now`, the ones
 * the event history has dropped after 90 days included, as
 * AWSLogs/<account>/CloudTrail/<region>/YYYY/MM/DD/<account>_CloudTrail_<region>_<window>_<id>.json.gz,
 * each a gzipped {"Records": [...]}. The id is derived from the file's events, so exporting again
 * rewrites the same files rather than adding copies.
 */
export function exportTrail(world: World, dir: string, now: number): TrailExport {
  const delivered = [...(world.trailArchive ?? []), ...world.events].filter(
    (e) => e.EventTime + DURATIONS.trailDelivery <= now,
  );
  const windows = new Map<number, TrailEvent[]>();
  for (const e of delivered) {
    const start = Math.floor(e.EventTime / WINDOW) * WINDOW;
    windows.set(start, [...(windows.get(start) ?? []), e]);
  }
  const { accountId: account, region } = world;
  const files: string[] = [];
  for (const [start, events] of [...windows].sort((a, b) => a[0] - b[0])) {
    events.sort((a, b) => a.EventTime - b.EventTime || (a.EventId < b.EventId ? -1 : 1));
    const { day, minute } = stamps(start + WINDOW);
    const id = createHash("sha256")
      .update(events.map((e) => e.EventId).join(","))
      .digest("hex")
      .slice(0, 16)
      .toUpperCase();
    const folder = join("AWSLogs", account, "CloudTrail", region, ...day.split("/"));
    const name = `${account}_CloudTrail_${region}_${minute}_${id}.json.gz`;
    mkdirSync(join(dir, folder), { recursive: true });
    // Beside the target and renamed over it: a symlink planted in the folder is replaced, not followed.
    writeFileAtomic(
      join(dir, folder, name),
      gzipSync(JSON.stringify({ Records: events.map((e) => e.record) })),
    );
    files.push(join(folder, name));
  }
  return { files, events: delivered.length };
}
