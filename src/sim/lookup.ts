import { awsError } from "./errors.js";
import type { Alias, Cluster, CustomKeyStore, KeyState, KmsKey, World } from "./world.js";

export function findStore(world: World, id: string): CustomKeyStore {
  const store = world.stores.find((s) => s.CustomKeyStoreId === id);
  if (!store) {
    throw awsError(
      "CustomKeyStoreNotFoundException",
      `Custom key store '${id}' does not exist in this AWS Region for this account.`,
    );
  }
  return store;
}

/** A cluster as DescribeClusters can still see it (deleted ones linger a while as DELETED). */
export function liveCluster(world: World, id: string | undefined): Cluster | undefined {
  if (!id) return undefined;
  const c = world.clusters.find((x) => x.ClusterId === id);
  return c && c.State !== "DELETED" ? c : undefined;
}

const ARN_RE = /^arn:aws[a-z-]*:kms:([a-z0-9-]+):(\d{12}):(key|alias)\/(.+)$/;

/** Resolves a KeyId as KMS does: key id, key ARN, alias name or alias ARN. */
export function findKey(world: World, keyIdInput: string): KmsKey {
  let keyId = keyIdInput;
  if (keyId.startsWith("arn:")) {
    const m = ARN_RE.exec(keyId);
    if (!m) throw awsError("InvalidArnException", `ARN ${keyId} is not a valid KMS ARN.`);
    if (m[1] !== world.region || m[2] !== world.accountId) throw notFound(keyIdInput);
    keyId = m[3] === "alias" ? `alias/${m[4]}` : m[4]!;
  }
  if (keyId.startsWith("alias/")) {
    const alias = world.aliases.find((a: Alias) => a.AliasName === keyId);
    if (!alias) throw awsError("NotFoundException", `Alias ${aliasArnOf(world, keyId)} is not found.`);
    keyId = alias.TargetKeyId;
  }
  const key = keyById(world.keys, keyId);
  if (!key) throw notFound(keyIdInput);
  return key;
}

/**
 * Positions of keys by id, per keys array: a 100,000-key account read with one DescribeKey per key
 * would otherwise scan the array for each (10^10 comparisons). An index entry is checked before it is
 * trusted, and the index rebuilt when it misses, so keys added, removed or reordered are still found.
 */
const keyIndex = new WeakMap<KmsKey[], Map<string, number>>();

function keyById(keys: KmsKey[], keyId: string): KmsKey | undefined {
  const at = keyIndex.get(keys)?.get(keyId);
  if (at !== undefined && keys[at]?.KeyId === keyId) return keys[at];
  // Small worlds gain nothing from an index.
  if (keys.length < 64) return keys.find((k) => k.KeyId === keyId);
  const index = new Map<string, number>();
  for (let i = 0; i < keys.length; i++) index.set(keys[i]!.KeyId, i);
  keyIndex.set(keys, index);
  const i = index.get(keyId);
  return i === undefined ? undefined : keys[i];
}

const aliasArnOf = (w: World, name: string) => `arn:aws:kms:${w.region}:${w.accountId}:${name}`;

function notFound(keyId: string) {
  const shown = keyId.startsWith("arn:") ? keyId : `Key '${keyId}'`;
  return awsError("NotFoundException", `${shown} does not exist`);
}

export function storeOfKey(world: World, key: KmsKey): CustomKeyStore | undefined {
  return key.CustomKeyStoreId
    ? world.stores.find((s) => s.CustomKeyStoreId === key.CustomKeyStoreId)
    : undefined;
}

/** The state DescribeKey shows: keys in a store that is not CONNECTED read Unavailable. */
export function visibleKeyState(world: World, key: KmsKey): KeyState {
  if (key.baseState === "PendingDeletion") return "PendingDeletion";
  const store = storeOfKey(world, key);
  if (store && store.ConnectionState !== "CONNECTED") return "Unavailable";
  // A connected store whose cluster no longer holds the key's backing key: the troubleshooting guide
  // says such a key *eventually* reads Unavailable (the key-state page disagrees; we follow the guide),
  // so it does once the world's notice window has passed (kms/material-watch.ts).
  if (store?.CustomKeyStoreType === "AWS_CLOUDHSM" && key.materialLossShown) {
    const cluster = liveCluster(world, key.CloudHsmClusterId);
    if (cluster && cluster.State === "ACTIVE" && !cluster.hsm.keys.some((k) => k.label === key.Arn))
      return "Unavailable";
  }
  return key.baseState;
}
