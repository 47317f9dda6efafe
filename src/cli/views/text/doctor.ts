import type { Finding } from "../../../diagnose/finding.js";
import type { DoctorReport, StoreReport } from "../../../report/doctor-report.js";
import { nextCommands } from "../next-command.js";
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

const STATUS_WORD = {
  healthy: "✔ healthy",
  connecting: "◌ connecting",
  disconnecting: "◌ disconnecting",
  unknown: "? unknown: a read failed",
  "needs-attention": "✖ needs attention",
} as const;

function statusWord(style: Style, s: StoreReport): string {
  const word = STATUS_WORD[s.status];
  return s.status === "healthy"
    ? style.green(word)
    : s.status === "needs-attention"
      ? style.red(word)
      : style.yellow(word);
}

/** An external store's proxy: how KMS reaches it, and where. */
function externalLine(s: StoreReport): string {
  const where = `${s.xksProxyUriEndpoint ?? "(no endpoint)"}${s.xksProxyUriPath ?? ""}`;
  const via = s.xksProxyVpcEndpointServiceName ? ` via ${s.xksProxyVpcEndpointServiceName}` : "";
  return `external key store · XKS proxy ${where} (${s.xksProxyConnectivity ?? "unknown connectivity"}${via})`;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** "444455556666 us-east-1": where a fleet report's store or failed read is. */
const placeText = (x: { account?: string | undefined; region?: string | undefined }) =>
  [x.account, x.region].filter(Boolean).join(" ");

/** One Region, or a fleet's extent: "6 accounts and Regions read, 1 failed". */
function scopeText(report: DoctorReport): string {
  if (!report.targets) return report.region;
  const failed = report.targets.filter((t) => t.status === "failed").length;
  const accounts = new Set(report.targets.map((t) => t.account)).size;
  const regions = new Set(report.targets.map((t) => t.region)).size;
  return `${plural(accounts, "account")} × ${plural(regions, "Region")}: ${report.targets.length - failed} read${failed ? `, ${failed} failed` : ""}`;
}

/** "2026-11-30 09:12 UTC (3h 5m ago)": when, in the one zone every team shares, and how long. */
export function sinceText(iso: string, now: Date): string {
  const t = new Date(iso);
  if (Number.isNaN(t.getTime())) return iso;
  const at = `${t.toISOString().slice(0, 16).replace("T", " ")} UTC`;
  const mins = Math.max(0, Math.floor((now.getTime() - t.getTime()) / 60_000));
  const ago =
    mins < 60
      ? `${mins}m`
      : mins < 48 * 60
        ? `${Math.floor(mins / 60)}h ${mins % 60}m`
        : `${Math.floor(mins / 1440)}d ${Math.floor((mins % 1440) / 60)}h`;
  return `${at} (${ago} ago)`;
}

/** The first line: how bad it is, before any detail. */
function headline(report: DoctorReport, style: Style): string {
  const { stores, needAttention, unavailableKeys } = report.summary;
  if (stores === 0)
    return `No custom key stores in ${report.targets ? "these accounts and Regions" : "this account and Region"}.`;
  const worst = report.stores.filter((s) => s.unavailableKeyCount > 0).slice(0, 3);
  const keys =
    unavailableKeys > 0
      ? ` · ${plural(unavailableKeys, "KMS key")} unusable now (${worst.map((s) => `${s.customKeyStoreName} ${s.unavailableKeyCount}`).join(", ")}${report.stores.filter((s) => s.unavailableKeyCount > 0).length > worst.length ? ", …" : ""})`
      : " · no KMS key unusable";
  const unknown = report.stores.filter((s) => s.status === "unknown").length;
  const partly = unknown
    ? ` · ${plural(unknown, "store")} unknown: ${plural(report.errors.length, "read")} failed`
    : "";
  if (needAttention === 0 && !unknown)
    return `${style.green("✔")} ${style.bold(`All ${plural(stores, "custom key store")} healthy`)}${keys}`;
  return `${needAttention ? style.red("✖") : style.yellow("?")} ${style.bold(`${needAttention} of ${plural(stores, "custom key store")} need${needAttention === 1 ? "s" : ""} attention`)}${keys}${partly}`;
}

/**
 * The impact headline, then one block per store, worst first: its state (and since when), then its
 * findings with evidence, AWS's page and the next command. `next` holds each finding's next command,
 * made from the report as AWS gave it (before its values were made printable): a cleaned id could
 * name another store.
 */
export function renderDoctorText(
  report: DoctorReport,
  style: Style,
  next: (string | undefined)[] = nextCommands(report),
): string {
  const now = new Date(report.generatedAt);
  const out: string[] = [headline(report, style), ""];
  if (report.source)
    out.splice(
      1,
      0,
      style.dim(
        `From a snapshot read at ${report.source.readAt} by ${report.source.generatedBy}: the state then, not now (no AWS call was made).`,
      ),
    );
  const fleet = report.targets !== undefined;
  for (const s of report.stores) {
    const findings = report.findings.filter(
      (f) => f.customKeyStoreId === s.customKeyStoreId && f.account === s.account && f.region === s.region,
    );
    const state = `${s.connectionState}${s.connectionErrorCode ? ` (${s.connectionErrorCode})` : ""}`;
    const stateSince = findings.find((f) => f.since && f.code !== "ORPHANED_KEY_MATERIAL")?.since;
    const keys = `${plural(s.keyCount, "key")}${s.unavailableKeyCount ? `, ${s.unavailableKeyCount} unusable` : ""}`;
    out.push(
      `${fleet ? `${style.dim(placeText(s))} ` : ""}${style.bold(s.customKeyStoreName)} ${style.dim(s.customKeyStoreId)}  ${statusWord(style, s)}`,
      `  ${s.customKeyStoreType === "AWS_CLOUDHSM" ? `CloudHSM ${s.cloudHsmClusterId ?? "(no cluster)"}` : externalLine(s)} · ${state}${stateSince ? ` since ${sinceText(stateSince, now)}` : ""} · ${keys}`,
    );
    if (s.xksProbe)
      out.push(
        style.dim(`  probe ${s.xksProbe.status === "skipped" ? "skipped: " : ""}${s.xksProbe.detail}`),
      );
    for (const f of findings) {
      out.push("", `  ${severity(style, f)} ${style.bold(f.code)}  ${f.title}`);
      out.push(`    ${f.detail}`);
      const evidence = { ...f.evidence };
      // The finding's keys are listed once, below, whatever the evidence calls them.
      if (f.keyIds.length) {
        delete evidence.keys;
        delete evidence.keyIds;
      }
      for (const line of evidenceLines(evidence)) out.push(style.dim(`    · ${line}`));
      if (f.keyIds.length)
        out.push(
          style.dim(
            `    · keys: ${f.keyIds.slice(0, 3).join(", ")}${f.keyIds.length > 3 ? ` … (${f.keyIds.length})` : ""}`,
          ),
        );
      if (f.since && f.code === "ORPHANED_KEY_MATERIAL")
        out.push(style.dim(`    · since ${sinceText(f.since, now)}`));
      out.push(style.dim(`    · AWS docs: ${f.docs}`));
      const command = next[report.findings.indexOf(f)];
      if (command) out.push(`    ${style.cyan("→")} ${command}   ${style.dim(`(runbook ${f.runbook})`)}`);
    }
    out.push("");
  }
  for (const e of report.errors) {
    const where = e.region ? ` in ${placeText(e)}` : "";
    out.push(style.yellow(`! could not read ${e.service}:${e.operation}${where}: ${e.code}: ${e.message}`));
  }
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of report.findings) counts[f.severity]++;
  out.push(
    `${plural(report.stores.length, "store")} checked (${report.backend}, ${scopeText(report)}): ` +
      `${report.summary.needAttention} need${report.summary.needAttention === 1 ? "s" : ""} attention · ${plural(counts.error, "error")}, ${plural(counts.warning, "warning")}, ${counts.info} info` +
      (report.errors.length ? ` · ${plural(report.errors.length, "read")} failed` : ""),
  );
  return `${out.join("\n")}\n`;
}
