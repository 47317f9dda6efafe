import type { DoctorReport } from "../../../report/doctor-report.js";
import { nextCommand } from "../next-command.js";
import { markdownTable } from "../table.js";
import { mdCode, mdFence, mdText } from "./escape.js";

const ICON = { error: "🔴", warning: "🟠", info: "🔵" } as const;

/** For a pull request or a CI job summary. */
/** `next`: as in the text view, each finding's next command made from the report as AWS gave it. */
export function renderDoctorMarkdown(
  report: DoctorReport,
  next: (string | undefined)[] = report.findings.map(nextCommand),
): string {
  const out: string[] = [];
  const attention = report.stores.filter((s) => !s.healthy).length;
  out.push(
    `## kcs doctor: ${attention === 0 ? "all custom key stores healthy" : `${attention} of ${report.stores.length} custom key stores need attention`}`,
    "",
    `Backend ${mdCode(report.backend)}, region ${mdCode(report.region)}, ${mdText(report.generatedAt)}.`,
    "",
    markdownTable(
      ["store", "id", "state", "cluster", "keys", "health"],
      report.stores.map((s) => [
        mdText(s.customKeyStoreName),
        mdCode(s.customKeyStoreId),
        mdText(`${s.connectionState}${s.connectionErrorCode ? ` (${s.connectionErrorCode})` : ""}`),
        s.cloudHsmClusterId ? mdCode(s.cloudHsmClusterId) : "—",
        String(s.keyCount),
        s.healthy ? "✅ healthy" : "❌ needs attention",
      ]),
    ),
  );
  if (report.findings.length) out.push("", "### Findings");
  for (const f of report.findings) {
    const store = report.stores.find((s) => s.customKeyStoreId === f.customKeyStoreId);
    out.push(
      "",
      `#### ${ICON[f.severity]} ${mdCode(f.code)} on ${mdText(store?.customKeyStoreName ?? f.customKeyStoreId)}`,
      "",
      `**${mdText(f.title)}.** ${mdText(f.detail)}`,
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
        ["service", "operation", "code", "message"],
        report.errors.map((e) => [e.service, e.operation, e.code, e.message].map(mdText)),
      ),
    );
  }
  return `${out.join("\n")}\n`;
}
