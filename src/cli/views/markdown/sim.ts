import { t } from "../../../i18n/index.js";
import type { WorldSummary } from "../../../sim/summary.js";
import { markdownTable } from "../table.js";
import { scenarioDescription } from "../text/sim.js";
import type { ScenarioInfo } from "../view.js";
import { mdCode, mdText } from "./escape.js";

export function renderScenariosMarkdown(scenarios: ScenarioInfo[]): string {
  return `${markdownTable(
    [t("sim.scenarios.mdScenario"), t("sim.scenarios.mdShows"), t("sim.scenarios.mdFinds")],
    scenarios.map((s) => [
      mdCode(s.name),
      mdText(scenarioDescription(s)),
      s.findings.join(", ") || t("sim.scenarios.mdNothing"),
    ]),
  )}\n`;
}

export function renderStatusMarkdown(s: WorldSummary): string {
  const out = [
    `## ${t("sim.statusMd.heading", { scenario: mdCode(s.scenario) })}`,
    "",
    t("sim.statusMd.where", {
      account: mdCode(s.accountId),
      region: mdCode(s.region),
      now: mdText(s.now),
      scale: s.timeScale,
    }),
    "",
    markdownTable(
      [
        t("sim.statusMd.storeColumns.store"),
        t("sim.statusMd.storeColumns.name"),
        t("sim.statusMd.storeColumns.state"),
        t("sim.statusMd.storeColumns.cluster"),
        t("sim.statusMd.storeColumns.keys"),
      ],
      s.stores.map((st) => [
        mdCode(st.customKeyStoreId),
        mdText(st.customKeyStoreName),
        `${st.connectionState}${"connectionErrorCode" in st ? ` (${st.connectionErrorCode ?? t("sim.statusMd.noCode")})` : ""}`,
        st.cloudHsmClusterId ? mdCode(st.cloudHsmClusterId) : "—",
        Object.entries(st.keys)
          .map(([k, n]) => `${n} ${k}`)
          .join(", ") || t("sim.status.none"),
      ]),
    ),
    "",
    markdownTable(
      [t("sim.statusMd.clusterColumns.cluster"), t("sim.statusMd.clusterColumns.state"), "HSMs", "kmsuser"],
      s.clusters.map((c) => [
        mdCode(c.clusterId),
        c.state,
        c.hsms.map((h) => `${h.availabilityZone}:${h.state}`).join(" ") || t("sim.status.none"),
        !c.kmsuser.exists
          ? t("sim.status.missing")
          : c.kmsuser.locked
            ? t("sim.status.locked")
            : c.kmsuser.loggedIn
              ? t("sim.statusMd.loggedIn")
              : t("sim.status.ok"),
      ]),
    ),
  ];
  return `${out.join("\n")}\n`;
}
