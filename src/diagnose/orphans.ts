import type { Snapshot, StoreFacts } from "../gather/snapshot.js";
import { t } from "../i18n/index.js";
import { type Finding, finding } from "./finding.js";

/** One finding per backing key whose DeleteKey event says FAILURE: the material is still on the HSMs. */
export function diagnoseOrphans(store: StoreFacts, s: Snapshot): Finding[] {
  const out: Finding[] = [];
  for (const e of s.deleteKeyEvents) {
    if (e.customKeyStoreId !== store.customKeyStoreId) continue;
    for (const bk of e.backingKeys) {
      if (bk.deletionStatus !== "FAILURE") continue;
      if (s.resolvedOrphans?.includes(`${e.eventId}/${bk.backingKeyId}`)) continue;
      const clusterId = e.cloudHsmClusterId ?? store.cloudHsmClusterId;
      out.push(
        finding(
          "ORPHANED_KEY_MATERIAL",
          { customKeyStoreId: store.customKeyStoreId, cloudHsmClusterId: clusterId },
          t("findings.detail.orphan", {
            keyArn: e.keyArn,
            eventTime: e.eventTime,
            backingKeyId: bk.backingKeyId,
            handle: bk.keyHandle ? t("findings.detail.orphanHandle", { keyHandle: bk.keyHandle }) : "",
          }),
          {
            keyArn: e.keyArn,
            cloudHsmClusterId: clusterId ?? null,
            backingKeyId: bk.backingKeyId,
            ...(bk.keyHandle ? { keyHandle: bk.keyHandle } : {}),
            eventId: e.eventId,
            eventTime: e.eventTime,
            // Only a trail's log files showed it: the next command must read them too.
            ...(e.cloudtrailDir ? { cloudtrailDir: e.cloudtrailDir } : {}),
          },
          [e.keyArn.split("/").pop() ?? e.keyArn],
        ),
      );
    }
  }
  return out;
}
