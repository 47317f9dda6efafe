import { byCodeUnit } from "../core/order.js";
import type { DeleteKeyEvent } from "./snapshot.js";

/**
 * DeleteKey events of custom key stores remembered between runs. CloudTrail's history never changes
 * once it is delivered, and at 50 events a page and 2 pages a second an account with 20,000 DeleteKey
 * events in 90 days costs 200 s to read: a repeated doctor reads only what is newer than what it
 * remembers. app/deletekey-cache.ts keeps it in the state folder.
 */
export interface RememberedDeletes {
  /** Every custom-store DeleteKey event CloudTrail shows with `from <= eventTime < until` is in `events`. */
  from: string;
  until: string;
  events: DeleteKeyEvent[];
}

export interface DeleteKeyMemory {
  recall(accountId: string): RememberedDeletes | undefined;
  remember(accountId: string, deletes: RememberedDeletes): void;
}

/**
 * How late CloudTrail may show an event and still be seen. It shows most within 5 minutes but promises
 * no bound: an event older than this, counted back from the newest event one lookup saw, is taken as
 * shown by then; anything newer is read again next time.
 */
export const DELIVERY_MARGIN_MS = 60 * 60_000;

/** CloudTrail's event history keeps 90 days: nothing older is worth remembering. */
const HISTORY_MS = 90 * 86_400_000;

/** What the next lookup must read: from `start` on, with `known` events before it (already in the window). */
export interface LookupWindow {
  start: Date;
  known: DeleteKeyEvent[];
  /** The remembered coverage began no later than `since`: the run adds to it. */
  extends?: RememberedDeletes;
}

export function lookupWindow(since: Date, remembered: RememberedDeletes | undefined): LookupWindow {
  const from = remembered ? Date.parse(remembered.from) : Number.NaN;
  const until = remembered ? Date.parse(remembered.until) : Number.NaN;
  // A coverage that starts after `since` has a hole in front of it; one that is unreadable is nothing.
  if (!remembered || !(from <= since.getTime()) || !(until >= from)) return { start: since, known: [] };
  const startMs = Math.max(since.getTime(), until);
  return {
    start: new Date(startMs),
    known: remembered.events.filter((e) => within(e, since.getTime(), until)),
    extends: remembered,
  };
}

/**
 * The events of the window (remembered, then newly read, each once) and what to remember now.
 * `newestSeen` is the newest EventTime of any event the lookup returned (whatever its store): it
 * proves CloudTrail's clock had reached it, which this machine's clock cannot.
 */
export function mergeDeletes(
  window: LookupWindow,
  since: Date,
  read: DeleteKeyEvent[],
  newestSeen: Date | undefined,
  now: Date,
): { events: DeleteKeyEvent[]; remember: RememberedDeletes } {
  const seen = new Set(window.known.map((e) => e.eventId));
  const events = newestFirst([...window.known, ...read.filter((e) => !seen.has(e.eventId))]);
  const covered = newestSeen
    ? Math.min(newestSeen.getTime(), now.getTime()) - DELIVERY_MARGIN_MS
    : Number.NEGATIVE_INFINITY;
  const untilMs = Math.max(window.start.getTime(), covered);
  const fromMs = Math.max(
    window.extends ? Date.parse(window.extends.from) : since.getTime(),
    now.getTime() - HISTORY_MS,
  );
  const startMs = Math.min(fromMs, untilMs);
  const all = new Map<string, DeleteKeyEvent>();
  for (const e of [...(window.extends?.events ?? []), ...read]) all.set(e.eventId, e);
  const kept = newestFirst([...all.values()].filter((e) => within(e, startMs, untilMs)));
  return {
    events,
    remember: { from: new Date(startMs).toISOString(), until: new Date(untilMs).toISOString(), events: kept },
  };
}

/** Times compare as instants: CloudTrail writes seconds, the SDK's dates carry milliseconds. */
const within = (e: DeleteKeyEvent, fromMs: number, untilMs: number) => {
  const t = Date.parse(e.eventTime);
  return t >= fromMs && t < untilMs;
};

/** One order whatever was remembered and whatever CloudTrail paged: the same report either way. */
const newestFirst = (events: DeleteKeyEvent[]) =>
  events
    .map((e) => ({ e, t: Date.parse(e.eventTime) }))
    .sort((a, b) => b.t - a.t || byCodeUnit(a.e.eventId, b.e.eventId))
    .map(({ e }) => e);
