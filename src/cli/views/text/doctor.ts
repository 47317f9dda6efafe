import type { Finding } from "../../../diagnose/finding.js";
import { en } from "../../../i18n/en/index.js";
import { t } from "../../../i18n/index.js";
import type { DoctorReport, StoreReport } from "../../../report/doctor-report.js";
import { readErrorInRunLanguage } from "../../../report/read-error-words.js";
import { probeDetailInRunLanguage, probeEvidenceInRunLanguage } from "../../../report/xks-probe-report.js";
import { nextCommands } from "../next-command.js";
import type { Style } from "../style.js";

const MARK = { error: "✖", warning: "▲", info: "●" } as const;

function severity(style: Style, f: Finding): string {
  const word = `${MARK[f.severity]} ${t(`doctor.severity.${f.severity}`)}`;
  return f.severity === "error"
    ? style.red(word)
    : f.severity === "warning"
      ? style.yellow(word)
      : style.cyan(word);
}

/** An evidence field's label in the run's language; a field the catalog does not know keeps its name. */
const label = (field: string) =>
  Object.hasOwn(en.doctor.evidence, field)
    ? t(`doctor.evidence.${field as keyof typeof en.doctor.evidence}`)
    : field;

function evidenceLines(evidence: Record<string, unknown>): string[] {
  return Object.entries(evidence).map(([field, v]) => {
    const k = label(field);
    if (Array.isArray(v)) {
      const items = v.map((x) =>
        typeof x === "object" && x !== null ? Object.values(x).join(" ") : String(x),
      );
      if (items.length === 0) return `${k}: ${t("doctor.text.none")}`;
      return `${k}: ${items.length > 3 ? `${items.slice(0, 3).join(", ")} … (${items.length})` : items.join(", ")}`;
    }
    if (typeof v === "object" && v !== null)
      return `${k}: ${Object.entries(v)
        .map(([a, b]) => `${a}=${String(b)}`)
        .join(" ")}`;
    // The probe's evidence is English in the finding's JSON: a person reads it in the run's language.
    return `${k}: ${probeEvidenceInRunLanguage(field, String(v))}`;
  });
}

/** Each status's mark and the key of its word (read at use: the language is chosen after load). */
const STATUS_WORD = {
  healthy: ["✔", "doctor.status.healthy"],
  connecting: ["◌", "doctor.status.connecting"],
  disconnecting: ["◌", "doctor.status.disconnecting"],
  unknown: ["?", "doctor.status.unknown"],
  "needs-attention": ["✖", "doctor.status.needsAttention"],
} as const;

function statusWord(style: Style, s: StoreReport): string {
  const [mark, key] = STATUS_WORD[s.status];
  const word = `${mark} ${t(key)}`;
  return s.status === "healthy"
    ? style.green(word)
    : s.status === "needs-attention"
      ? style.red(word)
      : style.yellow(word);
}

/** An external store's proxy: how KMS reaches it, and where. */
function externalLine(s: StoreReport): string {
  const where = `${s.xksProxyUriEndpoint ?? t("doctor.text.noEndpoint")}${s.xksProxyUriPath ?? ""}`;
  const via = s.xksProxyVpcEndpointServiceName
    ? t("doctor.text.via", { service: s.xksProxyVpcEndpointServiceName })
    : "";
  return t("doctor.text.externalStore", {
    where,
    connectivity: s.xksProxyConnectivity ?? t("doctor.text.unknownConnectivity"),
    via,
  });
}

/** "3 KMS keys": a counted noun in the run's language (i18next's plural forms). */
const plural = (count: number, noun: keyof typeof NOUNS) => t(NOUNS[noun], { count });
const NOUNS = {
  account: "doctor.n.account",
  region: "doctor.n.region",
  kmsKey: "doctor.n.kmsKey",
  store: "doctor.n.store",
  customKeyStore: "doctor.n.customKeyStore",
  read: "doctor.n.read",
  key: "doctor.n.key",
  error: "doctor.n.error",
  warning: "doctor.n.warning",
} as const;

/** "444455556666 us-east-1": where a fleet report's store or failed read is. */
const placeText = (x: { account?: string | undefined; region?: string | undefined }) =>
  [x.account, x.region].filter(Boolean).join(" ");

/** One Region, or a fleet's extent: "6 accounts and Regions read, 1 failed". */
function scopeText(report: DoctorReport): string {
  if (!report.targets) return report.region;
  const failed = report.targets.filter((t) => t.status === "failed").length;
  const accounts = new Set(report.targets.map((t) => t.account)).size;
  const regions = new Set(report.targets.map((t) => t.region)).size;
  const said = {
    accounts: plural(accounts, "account"),
    regions: plural(regions, "region"),
    read: report.targets.length - failed,
  };
  return failed ? t("doctor.text.scopeFailed", { ...said, failed }) : t("doctor.text.scope", said);
}

/** "2026-11-30 09:12 UTC (3h 5m ago)": when, in the one zone every team shares, and how long. */
export function sinceText(iso: string, now: Date): string {
  const when = new Date(iso);
  if (Number.isNaN(when.getTime())) return iso;
  const at = `${when.toISOString().slice(0, 16).replace("T", " ")} UTC`;
  const mins = Math.max(0, Math.floor((now.getTime() - when.getTime()) / 60_000));
  const ago =
    mins < 60
      ? t("doctor.text.minutes", { m: mins })
      : mins < 48 * 60
        ? t("doctor.text.hoursMinutes", { h: Math.floor(mins / 60), m: mins % 60 })
        : t("doctor.text.daysHours", { d: Math.floor(mins / 1440), h: Math.floor((mins % 1440) / 60) });
  return t("doctor.text.ago", { at, ago });
}

/** The first line: how bad it is, before any detail. */
function headline(report: DoctorReport, style: Style): string {
  const { stores, needAttention, unavailableKeys } = report.summary;
  if (stores === 0) return t(report.targets ? "doctor.text.noStoresFleet" : "doctor.text.noStores");
  const worst = report.stores.filter((s) => s.unavailableKeyCount > 0).slice(0, 3);
  const keys =
    unavailableKeys > 0
      ? t("doctor.text.unusableKeys", {
          keys: plural(unavailableKeys, "kmsKey"),
          worst: `${worst.map((s) => `${s.customKeyStoreName} ${s.unavailableKeyCount}`).join(", ")}${report.stores.filter((s) => s.unavailableKeyCount > 0).length > worst.length ? ", …" : ""}`,
        })
      : t("doctor.text.noUnusableKey");
  const unknown = report.stores.filter((s) => s.status === "unknown").length;
  const partly = unknown
    ? t("doctor.text.unknownStores", {
        stores: plural(unknown, "store"),
        reads: plural(report.errors.length, "read"),
      })
    : "";
  if (needAttention === 0 && !unknown)
    return `${style.green("✔")} ${style.bold(t("doctor.text.allHealthy", { stores: plural(stores, "customKeyStore") }))}${keys}`;
  return `${needAttention ? style.red("✖") : style.yellow("?")} ${style.bold(t("doctor.text.needAttention", { count: needAttention, stores: plural(stores, "customKeyStore") }))}${keys}${partly}`;
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
        t("doctor.text.fromSnapshot", {
          readAt: report.source.readAt,
          generatedBy: report.source.generatedBy,
        }),
      ),
    );
  const fleet = report.targets !== undefined;
  for (const s of report.stores) {
    const findings = report.findings.filter(
      (f) => f.customKeyStoreId === s.customKeyStoreId && f.account === s.account && f.region === s.region,
    );
    const state = `${s.connectionState}${s.connectionErrorCode ? ` (${s.connectionErrorCode})` : ""}`;
    const stateSince = findings.find((f) => f.since && f.code !== "ORPHANED_KEY_MATERIAL")?.since;
    const keys = `${plural(s.keyCount, "key")}${s.unavailableKeyCount ? t("doctor.text.unusable", { n: s.unavailableKeyCount }) : ""}`;
    out.push(
      `${fleet ? `${style.dim(placeText(s))} ` : ""}${style.bold(s.customKeyStoreName)} ${style.dim(s.customKeyStoreId)}  ${statusWord(style, s)}`,
      `  ${s.customKeyStoreType === "AWS_CLOUDHSM" ? `CloudHSM ${s.cloudHsmClusterId ?? t("doctor.text.noCluster")}` : externalLine(s)} · ${state}${stateSince ? t("doctor.text.since", { when: sinceText(stateSince, now) }) : ""} · ${keys}`,
    );
    if (s.xksProbe)
      out.push(
        style.dim(
          `  ${t(s.xksProbe.status === "skipped" ? "doctor.text.probeSkipped" : "doctor.text.probe", { detail: probeDetailInRunLanguage(s.xksProbe) })}`,
        ),
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
            `    · ${t("doctor.text.keysLabel", { keys: `${f.keyIds.slice(0, 3).join(", ")}${f.keyIds.length > 3 ? ` … (${f.keyIds.length})` : ""}` })}`,
          ),
        );
      if (f.since && f.code === "ORPHANED_KEY_MATERIAL")
        out.push(style.dim(`    · ${t("doctor.text.sinceLabel", { when: sinceText(f.since, now) })}`));
      out.push(style.dim(`    · ${t("doctor.text.docsLabel", { docs: f.docs })}`));
      const command = next[report.findings.indexOf(f)];
      if (command)
        out.push(
          `    ${style.cyan("→")} ${command}   ${style.dim(t("doctor.text.runbook", { runbook: String(f.runbook) }))}`,
        );
    }
    out.push("");
  }
  for (const e of report.errors) {
    const where = e.region ? t("doctor.text.readFailedWhere", { place: placeText(e) }) : "";
    out.push(
      style.yellow(
        t("doctor.text.readFailed", {
          what: `${e.service}:${e.operation}`,
          where,
          code: e.code,
          message: readErrorInRunLanguage(e),
        }),
      ),
    );
  }
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of report.findings) counts[f.severity]++;
  out.push(
    t("doctor.text.summary", {
      stores: plural(report.stores.length, "store"),
      backend: report.backend,
      scope: scopeText(report),
      attention: t("doctor.text.attention", { count: report.summary.needAttention }),
      errors: plural(counts.error, "error"),
      warnings: plural(counts.warning, "warning"),
      info: t("doctor.n.info", { n: counts.info }),
    }) +
      (report.errors.length
        ? t("doctor.text.readsFailed", { reads: plural(report.errors.length, "read") })
        : ""),
  );
  return `${out.join("\n")}\n`;
}
