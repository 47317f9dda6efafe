import type { Finding } from "../../../diagnose/finding.js";
import type { DoctorReport } from "../../../report/doctor-report.js";
import { nextCommand } from "../next-command.js";
import type { Style } from "../style.js";

const MARK = { error: "✖", warning: "▲", info: "●" } as const;

function severity(style: Style, f: Finding): string {
  const word = `${MARK[f.severity]} ${f.severity}`;
  return f.severity === "error"
    ? style.red(word)
    : f.severity === "warning"
      ? style.yellow(word)
      : style.cyan(word);
}

function evidenceLines(evidence: Record<string, unknown>): string[] {
  return Object.entries(evidence).map(([k, v]) => {
    if (Array.isArray(v)) {
      const items = v.map((x) =>
        typeof x === "object" && x !== null ? Object.values(x).join(" ") : String(x),
      );
      if (items.length === 0) return `${k}: none`;
      return `${k}: ${items.length > 3 ? `${items.slice(0, 3).join(", ")} … (${items.length})` : items.join(", ")}`;
    }
    if (typeof v === "object" && v !== null)
      return `${k}: ${Object.entries(v)
        .map(([a, b]) => `${a}=${String(b)}`)
        .join(" ")}`;
    return `${k}: ${String(v)}`;
  });
}

/** One block per store: its state, then its findings with evidence and the next command. */
/**
 * `next` holds each finding's next command, made from the report as AWS gave it (before its values
 * were made printable): a cleaned id could name another store.
 */
export function renderDoctorText(
  report: DoctorReport,
  style: Style,
  next: (string | undefined)[] = report.findings.map(nextCommand),
): string {
  const out: string[] = [];
  for (const s of report.stores) {
    const findings = report.findings.filter((f) => f.customKeyStoreId === s.customKeyStoreId);
    const head = s.healthy ? style.green("✔ healthy") : style.red("✖ needs attention");
    const state = `${s.connectionState}${s.connectionErrorCode ? ` (${s.connectionErrorCode})` : ""}`;
    out.push(
      `${style.bold(s.customKeyStoreName)} ${style.dim(s.customKeyStoreId)}  ${head}`,
      `  ${s.customKeyStoreType === "AWS_CLOUDHSM" ? `CloudHSM ${s.cloudHsmClusterId ?? "(no cluster)"}` : "external key store"} · ${state} · ${s.keyCount} key${s.keyCount === 1 ? "" : "s"}`,
    );
    for (const f of findings) {
      out.push("", `  ${severity(style, f)} ${style.bold(f.code)}  ${f.title}`);
      out.push(`    ${f.detail}`);
      for (const line of evidenceLines(f.evidence)) out.push(style.dim(`    · ${line}`));
      if (f.keyIds.length)
        out.push(
          style.dim(
            `    · keys: ${f.keyIds.slice(0, 3).join(", ")}${f.keyIds.length > 3 ? ` … (${f.keyIds.length})` : ""}`,
          ),
        );
      const command = next[report.findings.indexOf(f)];
      if (command) out.push(`    ${style.cyan("→")} ${command}   ${style.dim(`(runbook ${f.runbook})`)}`);
    }
    out.push("");
  }
  if (report.stores.length === 0) out.push("No custom key stores in this account and Region.", "");
  for (const e of report.errors) {
    out.push(style.yellow(`! could not read ${e.service}:${e.operation}: ${e.code}: ${e.message}`));
  }
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of report.findings) counts[f.severity]++;
  const unhealthy = report.stores.filter((s) => !s.healthy).length;
  out.push(
    `${report.stores.length} store${report.stores.length === 1 ? "" : "s"} checked (${report.backend}, ${report.region}): ` +
      `${unhealthy} need${unhealthy === 1 ? "s" : ""} attention · ${counts.error} error${counts.error === 1 ? "" : "s"}, ${counts.warning} warning${counts.warning === 1 ? "" : "s"}, ${counts.info} info` +
      (report.errors.length
        ? ` · ${report.errors.length} read${report.errors.length === 1 ? "" : "s"} failed`
        : ""),
  );
  return `${out.join("\n")}\n`;
}
