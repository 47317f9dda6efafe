import { createHash } from "node:crypto";
import type { Snapshot } from "../gather/snapshot.js";

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

/**
 * A digest of the live state a plan for this store depends on: the store, its cluster and HSMs, its
 * keys' states and its orphan evidence. A store that no longer exists fingerprints as "absent".
 * Backups are left out (CloudHSM takes one a day); the executor checks the chosen one is still READY.
 */
export function fingerprint(snapshot: Snapshot, customKeyStoreId: string): string {
  const store = snapshot.stores.find((s) => s.customKeyStoreId === customKeyStoreId);
  if (!store) return "absent";
  const clusterId = store.cloudHsmClusterId;
  const cluster = clusterId ? snapshot.clusters[clusterId] : undefined;
  const facts = {
    store: {
      state: store.connectionState,
      code: store.connectionErrorCode ?? null,
      cluster: clusterId ?? null,
      name: store.customKeyStoreName,
      // An external store's proxy configuration: a plan made for one endpoint, path or credential
      // must not run against another. Absent for CloudHSM stores, whose fingerprints stay as they were.
      ...(store.customKeyStoreType === "EXTERNAL_KEY_STORE"
        ? {
            xks: {
              connectivity: store.xksProxy?.connectivity ?? null,
              endpoint: store.xksProxy?.uriEndpoint ?? null,
              path: store.xksProxy?.uriPath ?? null,
              vpce: store.xksProxy?.vpcEndpointServiceName ?? null,
              accessKeyId: store.xksProxy?.accessKeyId ?? null,
            },
          }
        : {}),
    },
    cluster:
      cluster === undefined
        ? "unknown"
        : cluster === null
          ? "absent"
          : {
              state: cluster.state,
              hsms: cluster.hsms.map((h) => [h.hsmId, h.availabilityZone, h.state]).sort(),
              subnets: cluster.subnetMapping,
            },
    keys: snapshot.keys
      .filter((k) => k.customKeyStoreId === customKeyStoreId)
      .map((k) => [k.keyId, k.keyState])
      .sort(),
    orphans: snapshot.deleteKeyEvents
      .filter((e) => e.customKeyStoreId === customKeyStoreId)
      .flatMap((e) => e.backingKeys.map((b) => [e.eventId, b.backingKeyId, b.deletionStatus]))
      .sort(),
  };
  return createHash("sha256").update(canonical(facts)).digest("hex").slice(0, 32);
}
