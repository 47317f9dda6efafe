import type { DoctorReport, StoreReport } from "../../../report/doctor-report.js";
import { nextCommands } from "../next-command.js";
import { markdownTable } from "../table.js";
import { mdCode, mdFence, mdText } from "./escape.js";

const ICON = { error: "🔴", warning: "🟠", info: "🔵" } as const;
const STATUS_CELL = {
  healthy: "✅ healthy",
  connecting: "⏳ connecting",
  disconnecting: "⏳ disconnecting",
  unknown: "❔ unknown",
  "needs-attention": "❌ needs attention",
} as const;

/** For a pull request or a CI job summary. */
/** `next`: as in the text view, each finding's next command made from the report as AWS gave it. */
export function renderDoctorMarkdown(
  report: DoctorReport,
  next: (string | undefined)[] = nextCommands(report),
): string {
  const out: string[] = [];
  const { stores, needAttention, unavailableKeys } = report.summary;
  const unknown = report.stores.filter((s) => s.status === "unknown").length;
  out.push(
    `## kcs doctor: ${needAttention === 0 && unknown === 0 ? "all custom key stores healthy" : `${needAttention} of ${stores} custom key stores need attention`}`,
    "",
    `**${unavailableKeys === 0 ? "No KMS key is unusable." : `${unavailableKeys} KMS key${unavailableKeys === 1 ? " is" : "s are"} unusable now.`}**${unknown ? ` ${unknown} store${unknown === 1 ? "'s" : "s'"} health is unknown: a read failed.` : ""}`,
    "",
    report.targets
      ? `Backend ${mdCode(report.backend)}, ${report.targets.length} accounts and Regions (${report.targets.map((t) => `${mdCode(`${t.account} ${t.region}`)}${t.status === "failed" ? " failed" : ""}`).join(", ")}), ${mdText(report.generatedAt)}.`
      : `Backend ${mdCode(report.backend)}, region ${mdCode(report.region)}, ${mdText(report.generatedAt)}.`,
    "",
    ...(report.source
      ? [
          `From a snapshot read at ${mdText(report.source.readAt)} by ${mdText(report.source.generatedBy)}: the state then, not now.`,
          "",
        ]
      : []),
    markdownTable(
      [
        ...(report.targets ? ["account", "region"] : []),
        "store",
        "id",
        "state",
        "cluster or proxy",
        "keys",
        "unusable",
        "status",
      ],
      report.stores.map((s) => [
        ...(report.targets ? [mdText(s.account ?? ""), mdText(s.region ?? "")] : []),
        mdText(s.customKeyStoreName),
        mdCode(s.customKeyStoreId),
        mdText(`${s.connectionState}${s.connectionErrorCode ? ` (${s.connectionErrorCode})` : ""}`),
        backing(s),
        String(s.keyCount),
        String(s.unavailableKeyCount),
        STATUS_CELL[s.status],
      ]),
    ),
  );
  const probes = report.stores.filter((s) => s.xksProbe);
  if (probes.length) {
    out.push("", "### XKS proxy probes");
    for (const s of probes)
      out.push(
        `- ${mdText(s.customKeyStoreName)}: ${s.xksProbe?.status}: ${mdText(s.xksProbe?.detail ?? "")}`,
      );
  }
  if (report.findings.length) out.push("", "### Findings");
  for (const f of report.findings) {
    const store = report.stores.find(
      (s) => s.customKeyStoreId === f.customKeyStoreId && s.account === f.account && s.region === f.region,
    );
    out.push(
      "",
      `#### ${ICON[f.severity]} ${mdCode(f.code)} on ${mdText(store?.customKeyStoreName ?? f.customKeyStoreId)}`,
      "",
      `**${mdText(f.title)}.** ${mdText(f.detail)}`,
      "",
      ...(f.since ? [`Since ${mdText(f.since)}.`, ""] : []),
      `AWS documentation: ${mdText(f.docs)}`,
      "",
    );
    out.push(
      "<details><summary>Evidence</summary>",
      "",
      ...mdFence(JSON.stringify(f.evidence, null, 2).split("\n"), "json"),
      "",
      "</details>",
    );
    const command = next[report.findings.indexOf(f)];
    if (command) out.push("", `Next: ${mdCode(command)} (runbook ${mdCode(f.runbook ?? "")})`);
  }
  if (report.errors.length) {
    out.push(
      "",
      "### Reads that failed",
      "",
      markdownTable(
        [...(report.targets ? ["account", "region"] : []), "service", "operation", "code", "message"],
        report.errors.map((e) =>
          [
            ...(report.targets ? [e.account ?? "", e.region ?? ""] : []),
            e.service,
            e.operation,
            e.code,
            e.message,
          ].map(mdText),
        ),
      ),
    );
  }
  return `${out.join("\n")}\n`;
}

/** The cluster of a CloudHSM store; the proxy (connectivity, endpoint and path) of an external one. */
function backing(s: StoreReport): string {
  if (s.customKeyStoreType === "EXTERNAL_KEY_STORE")
    return `${mdText(s.xksProxyConnectivity ?? "—")} ${mdCode(`${s.xksProxyUriEndpoint ?? ""}${s.xksProxyUriPath ?? ""}` || "—")}${s.xksProxyVpcEndpointServiceName ? ` via ${mdCode(s.xksProxyVpcEndpointServiceName)}` : ""}`;
  return s.cloudHsmClusterId ? mdCode(s.cloudHsmClusterId) : "—";
}
