import type { Snapshot, StoreFacts } from "../gather/snapshot.js";
import { t } from "../i18n/index.js";
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
      : t("findings.detail.stillEnabled", { count: enabledButBroken.length });
  return [
    finding(
      "KEY_MATERIAL_MISSING",
      { customKeyStoreId: id, cloudHsmClusterId: store.cloudHsmClusterId },
      t("findings.detail.missingMaterial", { count: n, probed }),
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
      t("findings.detail.pendingDeletion", { count: keys.length }),
      {
        connectionState: store.connectionState,
        keys: keys.map((k) => ({ keyArn: k.arn, deletionDate: k.deletionDate })),
      },
      keys.map((k) => k.keyId),
    ),
  ];
}
