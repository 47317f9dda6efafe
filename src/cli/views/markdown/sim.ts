import type { WorldSummary } from "../../../sim/summary.js";
import { markdownTable } from "../table.js";
import type { ScenarioInfo } from "../view.js";
import { mdCode, mdText } from "./escape.js";

export function renderScenariosMarkdown(scenarios: ScenarioInfo[]): string {
  return `${markdownTable(
    ["scenario", "what it shows", "doctor finds"],
    scenarios.map((s) => [mdCode(s.name), mdText(s.description), s.findings.join(", ") || "nothing"]),
  )}\n`;
}

export function renderStatusMarkdown(s: WorldSummary): string {
  const out = [
    `## Simulated world ${mdCode(s.scenario)}`,
    "",
    `Account ${mdCode(s.accountId)}, region ${mdCode(s.region)}, ${mdText(s.now)} (time runs ${s.timeScale}x).`,
    "",
    markdownTable(
      ["store", "name", "state", "cluster", "keys"],
      s.stores.map((st) => [
        mdCode(st.customKeyStoreId),
        mdText(st.customKeyStoreName),
        `${st.connectionState}${"connectionErrorCode" in st ? ` (${st.connectionErrorCode ?? "no code"})` : ""}`,
        st.cloudHsmClusterId ? mdCode(st.cloudHsmClusterId) : "—",
        Object.entries(st.keys)
          .map(([k, n]) => `${n} ${k}`)
          .join(", ") || "none",
      ]),
    ),
    "",
    markdownTable(
      ["cluster", "state", "HSMs", "kmsuser"],
      s.clusters.map((c) => [
        mdCode(c.clusterId),
        c.state,
        c.hsms.map((h) => `${h.availabilityZone}:${h.state}`).join(" ") || "none",
        !c.kmsuser.exists ? "missing" : c.kmsuser.locked ? "locked" : c.kmsuser.loggedIn ? "logged in" : "ok",
      ]),
    ),
  ];
  return `${out.join("\n")}\n`;
}
