// When a key's backing key vanishes from its cluster (a person deleted it on the HSM, or the store
// moved to a cluster restored from a backup that predates it), KMS does not say so at once: the
// troubleshooting guide says the key "eventually" reads Unavailable. Until then it reads Enabled in a
// CONNECTED store and only a cryptographic call fails (KMSInvalidStateException): the window in which
// only `kcs doctor --probe` can see the loss.
import { DURATIONS } from "../clock.js";
import type { KmsKey, World } from "../world.js";

/** How long KMS takes to show a key whose backing key is gone as Unavailable (the world may say). */
export const materialNoticeMs = (world: World) =>
  world.faults.materialLossNoticeMs ?? DURATIONS.materialLossNotice;

/** Keys of connected CloudHSM stores, each with whether its cluster still holds its backing key. */
function watched(world: World): { key: KmsKey; missing: boolean }[] {
  const connected = new Set(
    world.stores
      .filter((s) => s.CustomKeyStoreType === "AWS_CLOUDHSM" && s.ConnectionState === "CONNECTED")
      .map((s) => s.CustomKeyStoreId),
  );
  const labels = new Map<string, Set<string>>();
  for (const c of world.clusters)
    if (c.State === "ACTIVE") labels.set(c.ClusterId, new Set(c.hsm.keys.map((k) => k.label)));
  const out: { key: KmsKey; missing: boolean }[] = [];
  for (const key of world.keys) {
    if (key.Origin !== "AWS_CLOUDHSM" || !key.CustomKeyStoreId || !connected.has(key.CustomKeyStoreId))
      continue;
    const held = labels.get(key.CloudHsmClusterId ?? "");
    if (held) out.push({ key, missing: !held.has(key.Arn) });
  }
  return out;
}

/** Whether noticeMaterial would change anything (a read: most calls find nothing new). */
export function materialChanged(world: World): boolean {
  return watched(world).some(({ key, missing }) => missing !== (key.materialMissingSince !== undefined));
}

/** Starts the clock for keys whose backing key just vanished, and stops it for those it came back to. */
export function noticeMaterial(world: World, now: number): void {
  for (const { key, missing } of watched(world)) {
    if (missing && key.materialMissingSince === undefined) key.materialMissingSince = now;
    if (!missing && key.materialMissingSince !== undefined) {
      delete key.materialMissingSince;
      delete key.materialLossShown;
    }
  }
}

/** When each key with a vanished backing key starts to read Unavailable. */
export function materialDues(world: World): { at: number; apply: () => void }[] {
  const window = materialNoticeMs(world);
  return world.keys
    .filter((k) => k.materialMissingSince !== undefined && !k.materialLossShown)
    .map((key) => ({
      at: key.materialMissingSince! + window,
      apply: () => {
        key.materialLossShown = true;
      },
    }));
}
