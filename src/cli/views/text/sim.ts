import { formatDuration } from "../../../core/duration.js";
import type { WorldSummary } from "../../../sim/summary.js";
import type { Style } from "../style.js";
import { table } from "../table.js";
import type { ScenarioInfo } from "../view.js";

const stateColour = (style: Style, state: string) =>
  state === "CONNECTED" || state === "ACTIVE"
    ? style.green(state)
    : state === "FAILED" || state === "DELETED" || state === "DISCONNECTED"
      ? style.red(state)
      : style.yellow(state);

export function renderStatus(s: WorldSummary, style: Style): string {
  const out: string[] = [];
  out.push(
    `${style.bold("Simulated world")} ${s.scenario}  ${style.dim(`account ${s.accountId}, ${s.region}, ${s.now} (time runs ${s.timeScale}x)`)}`,
    "",
    style.bold("Custom key stores"),
  );
  out.push(
    table(
      [
        ["ID", "NAME", "TYPE", "STATE", "CLUSTER", "KEYS"].map(style.dim),
        ...s.stores.map((st) => [
          st.customKeyStoreId,
          st.customKeyStoreName,
          st.customKeyStoreType === "AWS_CLOUDHSM" ? "CloudHSM" : "external",
          stateColour(style, st.connectionState) +
            ("connectionErrorCode" in st ? ` ${st.connectionErrorCode ?? "(no code)"}` : "") +
            (st.completesAt ? style.dim(` until ${st.completesAt.slice(11, 19)}`) : ""),
          st.cloudHsmClusterId ?? "-",
          Object.entries(st.keys)
            .map(([k, n]) => `${n} ${k}`)
            .join(", ") || "none",
        ]),
      ],
      "  ",
    ),
  );
  out.push("", style.bold("CloudHSM clusters"));
  out.push(
    table(
      [
        ["ID", "STATE", "HSMS", "KMSUSER", "KEY MATERIAL", "BACKUPS"].map(style.dim),
        ...s.clusters.map((c) => [
          c.clusterId,
          stateColour(style, c.state),
          c.hsms.length === 0
            ? style.red("none")
            : c.hsms
                .map((h) => `${h.availabilityZone.slice(-1)}:${h.state === "ACTIVE" ? "ok" : h.state}`)
                .join(" "),
          !c.kmsuser.exists
            ? style.red("missing")
            : c.kmsuser.locked
              ? style.red("locked")
              : c.kmsuser.loggedIn
                ? `logged in (${c.kmsuser.loggedIn})`
                : `ok${c.kmsuser.failedLogins ? ` (${c.kmsuser.failedLogins} failed logins)` : ""}`,
          String(c.keyMaterial),
          String(c.backups),
        ]),
      ],
      "  ",
    ),
  );
  out.push(
    "",
    style.bold("Subnets") + style.dim("  (what --param SubnetIds can name when a cluster must move)"),
  );
  out.push(
    table(
      [
        ["ID", "AZ", "VPC", "FREE IPS", "USED BY"].map(style.dim),
        ...s.subnets.map((sn) => [
          sn.subnetId,
          sn.availabilityZone,
          sn.vpcId,
          sn.freeAddresses === 0 ? style.red("0") : String(sn.freeAddresses),
          sn.usedBy.join(", ") || "-",
        ]),
      ],
      "  ",
    ),
  );
  out.push(
    "",
    style.dim(
      `${s.defaultStoreKeys} keys in the default key store · ${s.backups} backups · ${s.cloudTrailEvents} CloudTrail events (and ${s.cloudTrailReads} reads)` +
        (s.faults.latencyMs ||
        s.faults.transientErrorRate ||
        s.faults.connectFailure ||
        s.faults.accessDenied.length ||
        !s.faults.quotas
          ? ` · faults: ${describeFaults(s.faults)}`
          : ""),
    ),
  );
  return `${out.join("\n")}\n`;
}

export function describeFaults(f: WorldSummary["faults"]): string {
  const parts: string[] = [];
  parts.push(`quotas ${f.quotas ? "on" : "off"}`);
  if (f.latencyMs) parts.push(`latency ${f.latencyMs}ms`);
  if (f.transientErrorRate) parts.push(`transient errors ${Math.round(f.transientErrorRate * 100)}%`);
  if (f.connectFailure) parts.push(`connects fail with ${f.connectFailure}`);
  if (f.accessDenied.length) parts.push(`access denied: ${f.accessDenied.join(", ")}`);
  if (f.lostAnswerRate) parts.push(`answers lost after acting ${Math.round(f.lostAnswerRate * 100)}%`);
  if (f.resetRate) parts.push(`connections reset ${Math.round(f.resetRate * 100)}%`);
  if (f.hangRate) parts.push(`answers held ${f.hangMs ?? 5000}ms ${Math.round(f.hangRate * 100)}%`);
  if (f.materialLossNoticeMs !== undefined)
    parts.push(`lost key material shown Unavailable after ${formatDuration(f.materialLossNoticeMs)}`);
  return parts.join(", ");
}

export function renderScenarios(scenarios: ScenarioInfo[], style: Style): string {
  return `${table([["SCENARIO", "DESCRIPTION"].map(style.dim), ...scenarios.map((s) => [style.bold(s.name), s.description])])}\n\n${style.dim("Start one with: kcs sim init --scenario NAME")}\n`;
}
