import type { Snapshot, StoreFacts } from "../gather/snapshot.js";
import { type Finding, finding } from "./finding.js";

/**
 * Keys whose backing key is gone while their store is CONNECTED: those that read Unavailable, and
 * (with --probe) those that still read Enabled but cannot encrypt, because KMS shows the loss only
 * after a while. A probe failure counts only when the store itself answered its own probe: a store
 * KMS cannot reach fails every key for another reason (NETWORK_ERRORS).
 */
export function diagnoseMissingMaterial(store: StoreFacts, s: Snapshot): Finding[] {
  if (store.connectionState !== "CONNECTED") return [];
  const id = store.customKeyStoreId;
  const unavailable = s.keys.filter((k) => k.customKeyStoreId === id && k.keyState === "Unavailable");
  const storeProbe = s.probes.find((p) => p.customKeyStoreId === id);
  const failed =
    storeProbe && !storeProbe.ok
      ? []
      : (s.keyProbes ?? []).filter(
          (p) => p.customKeyStoreId === id && !p.ok && p.code === "KMSInvalidStateException",
        );
  const failedIds = new Set(failed.map((p) => p.keyId));
  const enabledButBroken = s.keys.filter((k) => failedIds.has(k.keyId) && k.keyState === "Enabled");
  const keys = [...unavailable, ...enabledButBroken];
  if (keys.length === 0) return [];
  const n = keys.length;
  const probed =
    enabledButBroken.length === 0
      ? ""
      : ` ${enabledButBroken.length} of them still read Enabled, but Encrypt with ${enabledButBroken.length === 1 ? "it" : "them"} fails (KMS shows a lost backing key as Unavailable only after a while).`;
  return [
    finding(
      "KEY_MATERIAL_MISSING",
      { customKeyStoreId: id, cloudHsmClusterId: store.cloudHsmClusterId },
      `${n} KMS key${n === 1 ? " has" : "s have"} no backing key on the cluster although the store is CONNECTED.${probed} Data encrypted under ${n === 1 ? "it" : "them"} cannot be decrypted until the material is restored from a backup.`,
      {
        connectionState: store.connectionState,
        keys: keys.map((k) => {
          const probe = failed.find((p) => p.keyId === k.keyId);
          return {
            keyArn: k.arn,
            keyState: k.keyState,
            ...(probe ? { probe: `Encrypt: ${probe.code}: ${probe.message ?? ""}` } : {}),
          };
        }),
        ...(enabledButBroken.length > 0 ? { foundBy: "probe" } : {}),
      },
      keys.map((k) => k.keyId),
    ),
  ];
}

/** Keys scheduled for deletion in a store that is not connected: cancellable without reconnecting. */
export function diagnosePendingDeletion(store: StoreFacts, s: Snapshot): Finding[] {
  if (store.connectionState === "CONNECTED") return [];
  const keys = s.keys.filter(
    (k) => k.customKeyStoreId === store.customKeyStoreId && k.keyState === "PendingDeletion",
  );
  if (keys.length === 0) return [];
  return [
    finding(
      "PENDING_DELETION_KEYS",
      { customKeyStoreId: store.customKeyStoreId, cloudHsmClusterId: store.cloudHsmClusterId },
      `${keys.length} KMS key${keys.length === 1 ? " is" : "s are"} pending deletion. If the waiting period ends while the store is not connected, KMS cannot delete the backing keys and they are orphaned. CancelKeyDeletion works without reconnecting.`,
      {
        connectionState: store.connectionState,
        keys: keys.map((k) => ({ keyArn: k.arn, deletionDate: k.deletionDate })),
      },
      keys.map((k) => k.keyId),
    ),
  ];
}
