import type { Snapshot, StoreFacts } from "../gather/snapshot.js";
import { t } from "../i18n/index.js";
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
  const name = store.customKeyStoreName;
  const counts = { unavailable: unavailable.length, total: keys.length };
  switch (state) {
    case "CONNECTED":
      return [];
    case "DISCONNECTED":
      return [
        finding(
          "STORE_DISCONNECTED",
          at,
          t("findings.detail.disconnected", { name, ...counts }),
          evidence,
          unavailable.map((k) => k.keyId),
        ),
      ];
    case "CONNECTING":
    case "DISCONNECTING":
      return [
        finding("CONNECTION_IN_PROGRESS", at, t("findings.detail.inProgress", { name, state }), evidence),
      ];
    case "FAILED": {
      const code = store.connectionErrorCode
        ? CONNECTION_ERROR_FINDINGS.get(store.connectionErrorCode)
        : undefined;
      return [
        finding(
          code ?? "CONNECTION_FAILED",
          at,
          store.connectionErrorCode
            ? t("findings.detail.failedWithCode", { name, code: store.connectionErrorCode, ...counts })
            : t("findings.detail.failedWithoutCode", { name, ...counts }),
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
          t("findings.detail.unknownState", { name, state: store.reportedConnectionState ?? state }),
          evidence,
        ),
      ];
  }
}
