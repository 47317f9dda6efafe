import type { Snapshot, StoreFacts } from "../gather/snapshot.js";
import { CONNECTION_ERROR_FINDINGS } from "./catalog.js";
import { type Finding, finding } from "./finding.js";

const keysOf = (s: Snapshot, store: StoreFacts) =>
  s.keys.filter((k) => k.customKeyStoreId === store.customKeyStoreId);

/** What the store's ConnectionState and ConnectionErrorCode say. */
export function diagnoseConnection(store: StoreFacts, s: Snapshot): Finding[] {
  const at = { customKeyStoreId: store.customKeyStoreId, cloudHsmClusterId: store.cloudHsmClusterId };
  const state = store.connectionState;
  const evidence = {
    connectionState: store.reportedConnectionState ?? state,
    ...(store.connectionErrorCode ? { connectionErrorCode: store.connectionErrorCode } : {}),
  };
  const keys = keysOf(s, store);
  const unavailable = keys.filter((k) => k.keyState === "Unavailable");
  const keyLine = `${unavailable.length} of its ${keys.length} KMS keys are Unavailable`;
  switch (state) {
    case "CONNECTED":
      return [];
    case "DISCONNECTED":
      return [
        finding(
          "STORE_DISCONNECTED",
          at,
          `${store.customKeyStoreName} is DISCONNECTED: ${keyLine} until it is connected again.`,
          evidence,
          unavailable.map((k) => k.keyId),
        ),
      ];
    case "CONNECTING":
    case "DISCONNECTING":
      return [
        finding(
          "CONNECTION_IN_PROGRESS",
          at,
          `${store.customKeyStoreName} is ${state}; a connect can take up to 20 minutes. Check again before acting.`,
          evidence,
        ),
      ];
    case "FAILED": {
      const code = store.connectionErrorCode
        ? CONNECTION_ERROR_FINDINGS.get(store.connectionErrorCode)
        : undefined;
      const why = store.connectionErrorCode
        ? `with ConnectionErrorCode ${store.connectionErrorCode}`
        : "without a ConnectionErrorCode";
      return [
        finding(
          code ?? "CONNECTION_FAILED",
          at,
          `The last connect of ${store.customKeyStoreName} FAILED ${why}; ${keyLine}. A FAILED store must be disconnected before it can connect again.`,
          evidence,
          unavailable.map((k) => k.keyId),
        ),
      ];
    }
    default:
      return [
        finding(
          "CONNECTION_FAILED",
          at,
          `${store.customKeyStoreName} reports a ConnectionState kcs does not know: ${store.reportedConnectionState ?? state}.`,
          evidence,
        ),
      ];
  }
}
