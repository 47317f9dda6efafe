import type { WorldSummary } from "../../../sim/summary.js";
import { markdownTable } from "../table.js";
import type { ScenarioInfo } from "../view.js";

export function renderScenariosMarkdown(scenarios: ScenarioInfo[]): string {
  return `${markdownTable(
    ["scenario", "what it shows", "doctor finds"],
    scenarios.map((s) => [`\`${s.name}\``, s.description, s.findings.join(", ") || "nothing"]),
  )}\n`;
}

export function renderStatusMarkdown(s: WorldSummary): string {
  const out = [
    `## Simulated world \`${s.scenario}\``,
    "",
    `Account \`${s.accountId}\`, region \`${s.region}\`, ${s.now} (time runs ${s.timeScale}x).`,
    "",
    markdownTable(
      ["store", "name", "state", "cluster", "keys"],
      s.stores.map((st) => [
        `\`${st.customKeyStoreId}\``,
        st.customKeyStoreName,
        `${st.connectionState}${"connectionErrorCode" in st ? ` (${st.connectionErrorCode ?? "no code"})` : ""}`,
        st.cloudHsmClusterId ? `\`${st.cloudHsmClusterId}\`` : "—",
        Object.entries(st.keys)
          .map(([k, n]) => `${n} ${k}`)
          .join(", ") || "none",
      ]),
    ),
    "",
    markdownTable(
      ["cluster", "state", "HSMs", "kmsuser"],
      s.clusters.map((c) => [
        `\`${c.clusterId}\``,
        c.state,
        c.hsms.map((h) => `${h.availabilityZone}:${h.state}`).join(" ") || "none",
        !c.kmsuser.exists ? "missing" : c.kmsuser.locked ? "locked" : c.kmsuser.loggedIn ? "logged in" : "ok",
      ]),
    ),
  ];
  return `${out.join("\n")}\n`;
}
