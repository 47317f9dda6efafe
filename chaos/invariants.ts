import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { openWorldFile } from "../src/backend/sim.js";
import type { World } from "../src/sim/world.js";

/** What must never happen to a world, whatever kcs went through. */
export interface WorldDamage {
  /** Clusters restored from one backup beyond the first, and HSMs in one AZ beyond the first: billed twice. */
  duplicates: number;
  /** kmsuser locked out on a live cluster. */
  lockouts: number;
  /** Failed kmsuser logins still counted on live clusters (a successful login clears them). */
  failedLogins: number;
  /** KMS keys whose material their store's cluster held at the start and does not at the end. */
  materialLost: number;
}

const GONE = new Set(["DELETED", "DELETE_IN_PROGRESS"]);
const LIVE_HSM = new Set(["ACTIVE", "CREATE_IN_PROGRESS", "DEGRADED"]);

export const readWorld = (path: string): World => openWorldFile(path).read((w) => structuredClone(w));

/** Labels (key ARNs) whose material each store's cluster holds. */
function materialByKey(w: World): Set<string> {
  const held = new Set<string>();
  for (const k of w.keys) {
    const store = w.stores.find((s) => s.CustomKeyStoreId === k.CustomKeyStoreId);
    const cluster = w.clusters.find((c) => c.ClusterId === store?.CloudHsmClusterId && !GONE.has(c.State));
    if (cluster?.hsm.keys.some((h) => h.label === k.Arn)) held.add(k.Arn);
  }
  return held;
}

export function damage(initial: World, final: World): WorldDamage {
  const known = new Set(initial.clusters.map((c) => c.ClusterId));
  const live = final.clusters.filter((c) => !GONE.has(c.State));
  const restores = new Map<string, number>();
  for (const c of live.filter((x) => !known.has(x.ClusterId) && x.SourceBackupId))
    restores.set(c.SourceBackupId!, (restores.get(c.SourceBackupId!) ?? 0) + 1);
  let duplicates = [...restores.values()].reduce((n, count) => n + count - 1, 0);
  for (const c of live) {
    const before = initial.clusters.find((x) => x.ClusterId === c.ClusterId);
    const perAz = new Map<string, number>();
    for (const h of c.Hsms.filter((x) => LIVE_HSM.has(x.State)))
      perAz.set(h.AvailabilityZone, (perAz.get(h.AvailabilityZone) ?? 0) + 1);
    for (const [az, n] of perAz) {
      const had = before?.Hsms.filter((x) => LIVE_HSM.has(x.State) && x.AvailabilityZone === az).length ?? 0;
      duplicates += Math.max(0, n - Math.max(1, had));
    }
  }
  const kmsusers = live.flatMap((c) => c.hsm.users.filter((u) => u.username === "kmsuser"));
  const heldBefore = materialByKey(initial);
  const heldAfter = materialByKey(final);
  const stillKeys = new Set(final.keys.map((k) => k.Arn));
  return {
    duplicates,
    lockouts: kmsusers.filter((u) => u.locked).length,
    failedLogins: kmsusers.reduce((n, u) => n + u.failedLogins, 0),
    materialLost: [...heldBefore].filter((arn) => stillKeys.has(arn) && !heldAfter.has(arn)).length,
  };
}

/** Files under `dir` (recursively) whose bytes hold `secret`: a password must be in none. */
export function filesHolding(dir: string, secret: string): string[] {
  const found: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const full = join(d, name);
      const st = statSync(full);
      if (st.isDirectory()) walk(full);
      else if (st.isFile() && readFileSync(full).includes(secret)) found.push(full);
    }
  };
  walk(dir);
  return found;
}
