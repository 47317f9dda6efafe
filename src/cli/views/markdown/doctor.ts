import { t } from "../../../i18n/index.js";
import type { DoctorReport, StoreReport } from "../../../report/doctor-report.js";
import { readErrorInRunLanguage } from "../../../report/read-error-words.js";
import { probeDetailInRunLanguage } from "../../../report/xks-probe-report.js";
import { nextCommands } from "../next-command.js";
import { markdownTable } from "../table.js";
import { mdCode, mdFence, mdText } from "./escape.js";

const ICON = { error: "🔴", warning: "🟠", info: "🔵" } as const;
/** Each status's icon and the key of its word (read at use: the language is chosen after load). */
const STATUS_CELL = {
  healthy: ["✅", "doctor.markdown.status.healthy"],
  connecting: ["⏳", "doctor.markdown.status.connecting"],
  disconnecting: ["⏳", "doctor.markdown.status.disconnecting"],
  unknown: ["❔", "doctor.markdown.status.unknown"],
  "needs-attention": ["❌", "doctor.markdown.status.needsAttention"],
} as const;
const statusCell = (status: StoreReport["status"]) => {
  const [icon, key] = STATUS_CELL[status];
  return `${icon} ${t(key)}`;
};
const column = (c: keyof ReturnType<typeof columns>) => columns()[c];
/** The tables' headers in the run's language. */
const columns = () => ({
  account: t("doctor.markdown.column.account"),
  region: t("doctor.markdown.column.region"),
  store: t("doctor.markdown.column.store"),
  id: t("doctor.markdown.column.id"),
  state: t("doctor.markdown.column.state"),
  backing: t("doctor.markdown.column.backing"),
  keys: t("doctor.markdown.column.keys"),
  unusable: t("doctor.markdown.column.unusable"),
  status: t("doctor.markdown.column.status"),
  service: t("doctor.markdown.column.service"),
  operation: t("doctor.markdown.column.operation"),
  code: t("doctor.markdown.column.code"),
  message: t("doctor.markdown.column.message"),
});

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
    needAttention === 0 && unknown === 0
      ? t("doctor.markdown.allHealthy")
      : t("doctor.markdown.needAttention", { count: needAttention, total: stores }),
    "",
    `**${unavailableKeys === 0 ? t("doctor.markdown.noUnusableKey") : t("doctor.markdown.unusableKeys", { count: unavailableKeys })}**${unknown ? t("doctor.markdown.unknown", { count: unknown }) : ""}`,
    "",
    report.targets
      ? t("doctor.markdown.fleetLine", {
          backend: mdCode(report.backend),
          n: report.targets.length,
          targets: report.targets
            .map(
              (x) =>
                `${mdCode(`${x.account} ${x.region}`)}${x.status === "failed" ? t("doctor.markdown.targetFailed") : ""}`,
            )
            .join(", "),
          at: mdText(report.generatedAt),
        })
      : t("doctor.markdown.line", {
          backend: mdCode(report.backend),
          region: mdCode(report.region),
          at: mdText(report.generatedAt),
        }),
    "",
    ...(report.source
      ? [
          t("doctor.markdown.fromSnapshot", {
            readAt: mdText(report.source.readAt),
            generatedBy: mdText(report.source.generatedBy),
          }),
          "",
        ]
      : []),
    markdownTable(
      [
        ...(report.targets ? [column("account"), column("region")] : []),
        column("store"),
        column("id"),
        column("state"),
        column("backing"),
        column("keys"),
        column("unusable"),
        column("status"),
      ],
      report.stores.map((s) => [
        ...(report.targets ? [mdText(s.account ?? ""), mdText(s.region ?? "")] : []),
        mdText(s.customKeyStoreName),
        mdCode(s.customKeyStoreId),
        mdText(`${s.connectionState}${s.connectionErrorCode ? ` (${s.connectionErrorCode})` : ""}`),
        backing(s),
        String(s.keyCount),
        String(s.unavailableKeyCount),
        statusCell(s.status),
      ]),
    ),
  );
  const probes = report.stores.filter((s) => s.xksProbe);
  if (probes.length) {
    out.push("", t("doctor.markdown.probes"));
    for (const s of probes) {
      const probe = s.xksProbe!;
      out.push(
        `- ${mdText(s.customKeyStoreName)}: ${t(`doctor.probe.status.${probe.status}`)}: ${mdText(probeDetailInRunLanguage(probe))}`,
      );
    }
  }
  if (report.findings.length) out.push("", t("doctor.markdown.findings"));
  for (const f of report.findings) {
    const store = report.stores.find(
      (s) => s.customKeyStoreId === f.customKeyStoreId && s.account === f.account && s.region === f.region,
    );
    out.push(
      "",
      `#### ${ICON[f.severity]} ${t("doctor.markdown.findingOn", { code: mdCode(f.code), store: mdText(store?.customKeyStoreName ?? f.customKeyStoreId) })}`,
      "",
      t("doctor.markdown.finding", { title: mdText(f.title), detail: mdText(f.detail) }),
      "",
      ...(f.since ? [t("doctor.markdown.since", { since: mdText(f.since) }), ""] : []),
      t("doctor.markdown.docs", { docs: mdText(f.docs) }),
      "",
    );
    out.push(
      `<details><summary>${t("doctor.markdown.evidence")}</summary>`,
      "",
      ...mdFence(JSON.stringify(f.evidence, null, 2).split("\n"), "json"),
      "",
      "</details>",
    );
    const command = next[report.findings.indexOf(f)];
    if (command)
      out.push("", t("doctor.markdown.next", { command: mdCode(command), runbook: mdCode(f.runbook ?? "") }));
  }
  if (report.errors.length) {
    out.push(
      "",
      t("doctor.markdown.readsFailed"),
      "",
      markdownTable(
        [
          ...(report.targets ? [column("account"), column("region")] : []),
          column("service"),
          column("operation"),
          column("code"),
          column("message"),
        ],
        report.errors.map((e) =>
          [
            ...(report.targets ? [e.account ?? "", e.region ?? ""] : []),
            e.service,
            e.operation,
            e.code,
            readErrorInRunLanguage(e),
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
    return `${mdText(s.xksProxyConnectivity ?? "—")} ${mdCode(`${s.xksProxyUriEndpoint ?? ""}${s.xksProxyUriPath ?? ""}` || "—")}${s.xksProxyVpcEndpointServiceName ? t("doctor.markdown.via", { service: mdCode(s.xksProxyVpcEndpointServiceName) }) : ""}`;
  return s.cloudHsmClusterId ? mdCode(s.cloudHsmClusterId) : "—";
}
