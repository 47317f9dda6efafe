import type { Snapshot, StoreFacts } from "../gather/snapshot.js";
import { type Finding, finding } from "./finding.js";

/** Keys Unavailable while their store is CONNECTED: the backing key is gone from the cluster. */
export function diagnoseMissingMaterial(store: StoreFacts, s: Snapshot): Finding[] {
  if (store.connectionState !== "CONNECTED") return [];
  const keys = s.keys.filter(
    (k) => k.customKeyStoreId === store.customKeyStoreId && k.keyState === "Unavailable",
  );
  if (keys.length === 0) return [];
  return [
    finding(
      "KEY_MATERIAL_MISSING",
      { customKeyStoreId: store.customKeyStoreId, cloudHsmClusterId: store.cloudHsmClusterId },
      `${keys.length} KMS key${keys.length === 1 ? " is" : "s are"} Unavailable although the store is CONNECTED: the cluster no longer holds ${keys.length === 1 ? "its backing key" : "their backing keys"}. Data encrypted under ${keys.length === 1 ? "it" : "them"} cannot be decrypted until the material is restored from a backup.`,
      {
        connectionState: store.connectionState,
        keys: keys.map((k) => ({ keyArn: k.arn, keyState: k.keyState })),
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
