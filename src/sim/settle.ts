import { DURATIONS } from "./clock.js";
import { backupDues } from "./cloudhsm/backup-lifecycle.js";
import {
  completeClusterCreate,
  completeClusterDelete,
  completeHsmCreate,
  completeHsmDelete,
} from "./cloudhsm/clusters.js";
import { completeClusterInitialize } from "./cloudhsm/initialize.js";
import { completeConnect, completeDisconnect } from "./kms/custom-key-stores.js";
import { completeKeyDeletion } from "./kms/keys.js";
import { materialChanged, materialDues, noticeMaterial } from "./kms/material-watch.js";
import type { World } from "./world.js";

interface Due {
  at: number;
  apply: () => void;
}

/** Everything in the world that completes by itself at a known time. */
function dueTransitions(world: World): Due[] {
  const due: Due[] = [];
  for (const store of world.stores) {
    const pending = store.pending;
    if (!pending) continue;
    due.push({
      at: pending.dueAt,
      apply: () =>
        pending.kind === "connect"
          ? completeConnect(world, store, world.faults.connectFailure)
          : completeDisconnect(world, store),
    });
  }
  for (const cluster of world.clusters) {
    const pending = cluster.pending;
    if (pending) {
      due.push({
        at: pending.dueAt,
        apply: () =>
          pending.kind === "create"
            ? completeClusterCreate(cluster)
            : pending.kind === "initialize"
              ? completeClusterInitialize(cluster)
              : completeClusterDelete(cluster, pending.dueAt),
      });
    }
    for (const hsm of cluster.Hsms) {
      const hp = hsm.pending;
      if (!hp) continue;
      due.push({
        at: hp.dueAt,
        apply: () =>
          hp.kind === "create"
            ? completeHsmCreate(world, cluster, hsm, hp.dueAt)
            : completeHsmDelete(world, cluster, hsm),
      });
    }
  }
  due.push(...backupDues(world));
  due.push(...materialDues(world));
  for (const key of world.keys) {
    if (key.baseState === "PendingDeletion" && key.DeletionDate !== undefined) {
      const at = key.DeletionDate;
      due.push({ at, apply: () => completeKeyDeletion(world, key, at) });
    }
  }
  return due;
}

/** The earliest time at which something will change by itself, if any. */
export function nextDueAt(world: World): number | undefined {
  let min: number | undefined;
  for (const d of dueTransitions(world)) if (min === undefined || d.at < min) min = d.at;
  return min;
}

/**
 * Brings the world up to `now`, applying every timed transition in the order it falls due, so the
 * outcome does not depend on how often anyone looked. Returns whether anything changed.
 */
export function settle(world: World, now: number): boolean {
  let changed = false;
  noticeMaterial(world, now);
  for (;;) {
    let next: Due | undefined;
    for (const d of dueTransitions(world)) if (d.at <= now && (!next || d.at < next.at)) next = d;
    if (!next) break;
    next.apply();
    // What the transition changed (a store connecting to another cluster) may hide or bring back keys.
    noticeMaterial(world, next.at);
    changed = true;
  }
  const oldest = now - DURATIONS.trailRetention;
  if (world.events.some((e) => e.EventTime < oldest)) {
    // Gone from the event history, not from the trail's bucket: writes are kept for export (reads,
    // thousands a day, are not: nothing kcs looks for is one).
    const archive = world.trailArchive ?? [];
    for (const e of world.events) if (e.EventTime < oldest && e.ReadOnly === "false") archive.push(e);
    if (archive.length) world.trailArchive = archive;
    world.events = world.events.filter((e) => e.EventTime >= oldest);
    changed = true;
  }
  return changed;
}

/** What settleIfDue needs of a world store (engine.ts's WorldStore, without the engine). */
interface StoredWorld {
  read<T>(fn: (world: World) => T): T;
  update<T>(fn: (world: World) => T): T;
}

/**
 * Settles a stored world, writing it only when a transition fell due or a backing key came or went:
 * `kcs sim status` looks at a world far more often than anything changes, and rewrote and fsynced
 * the whole file every time.
 */
export function settleIfDue(store: StoredWorld, nowOf: (world: World) => number): void {
  const due = store.read((w) => {
    const at = nextDueAt(w);
    return (at !== undefined && at <= nowOf(w)) || materialChanged(w);
  });
  if (due) store.update((w) => settle(w, nowOf(w)));
}
