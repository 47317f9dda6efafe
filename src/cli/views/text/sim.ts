import { formatDuration } from "../../../core/duration.js";
import { t } from "../../../i18n/index.js";
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
    `${style.bold(t("sim.status.world"))} ${s.scenario}  ${style.dim(t("sim.status.where", { account: s.accountId, region: s.region, now: s.now, scale: s.timeScale }))}`,
    "",
    style.bold(t("sim.status.stores")),
  );
  out.push(
    table(
      [
        [
          "ID",
          t("sim.status.storeColumns.name"),
          t("sim.status.storeColumns.type"),
          t("sim.status.storeColumns.state"),
          t("sim.status.storeColumns.cluster"),
          t("sim.status.storeColumns.keys"),
        ].map(style.dim),
        ...s.stores.map((st) => [
          st.customKeyStoreId,
          st.customKeyStoreName,
          st.customKeyStoreType === "AWS_CLOUDHSM" ? "CloudHSM" : t("sim.status.external"),
          stateColour(style, st.connectionState) +
            ("connectionErrorCode" in st ? ` ${st.connectionErrorCode ?? t("sim.status.noCode")}` : "") +
            (st.completesAt ? style.dim(t("sim.status.until", { time: st.completesAt.slice(11, 19) })) : ""),
          st.cloudHsmClusterId ?? "-",
          Object.entries(st.keys)
            .map(([k, n]) => `${n} ${k}`)
            .join(", ") || t("sim.status.none"),
        ]),
      ],
      "  ",
    ),
  );
  out.push("", style.bold(t("sim.status.clusters")));
  out.push(
    table(
      [
        [
          "ID",
          t("sim.status.clusterColumns.state"),
          "HSMS",
          "KMSUSER",
          t("sim.status.clusterColumns.keyMaterial"),
          t("sim.status.clusterColumns.backups"),
        ].map(style.dim),
        ...s.clusters.map((c) => [
          c.clusterId,
          stateColour(style, c.state),
          c.hsms.length === 0
            ? style.red(t("sim.status.none"))
            : c.hsms
                .map(
                  (h) =>
                    `${h.availabilityZone.slice(-1)}:${h.state === "ACTIVE" ? t("sim.status.hsmOk") : h.state}`,
                )
                .join(" "),
          !c.kmsuser.exists
            ? style.red(t("sim.status.missing"))
            : c.kmsuser.locked
              ? style.red(t("sim.status.locked"))
              : c.kmsuser.loggedIn
                ? t("sim.status.loggedIn", { session: c.kmsuser.loggedIn })
                : c.kmsuser.failedLogins
                  ? t("sim.status.failedLogins", { count: c.kmsuser.failedLogins })
                  : t("sim.status.ok"),
          String(c.keyMaterial),
          String(c.backups),
        ]),
      ],
      "  ",
    ),
  );
  out.push("", style.bold(t("sim.status.subnets")) + style.dim(t("sim.status.subnetsWhy")));
  out.push(
    table(
      [
        ["ID", "AZ", "VPC", t("sim.status.subnetColumns.free"), t("sim.status.subnetColumns.usedBy")].map(
          style.dim,
        ),
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
      t("sim.status.totals", {
        defaultKeys: s.defaultStoreKeys,
        backups: s.backups,
        events: s.cloudTrailEvents,
        reads: s.cloudTrailReads,
      }) +
        (s.faults.latencyMs ||
        s.faults.transientErrorRate ||
        s.faults.connectFailure ||
        s.faults.accessDenied.length ||
        !s.faults.quotas
          ? t("sim.status.faults", { faults: describeFaults(s.faults) })
          : ""),
    ),
  );
  return `${out.join("\n")}\n`;
}

export function describeFaults(f: WorldSummary["faults"]): string {
  const parts: string[] = [];
  const percent = (rate: number) => Math.round(rate * 100);
  parts.push(t(f.quotas ? "sim.fault.quotasOn" : "sim.fault.quotasOff"));
  if (f.latencyMs) parts.push(t("sim.fault.latency", { ms: f.latencyMs }));
  if (f.transientErrorRate) parts.push(t("sim.fault.transient", { percent: percent(f.transientErrorRate) }));
  if (f.connectFailure) parts.push(t("sim.fault.connectFailure", { code: f.connectFailure }));
  if (f.accessDenied.length)
    parts.push(t("sim.fault.accessDenied", { operations: f.accessDenied.join(", ") }));
  if (f.lostAnswerRate) parts.push(t("sim.fault.lostAnswers", { percent: percent(f.lostAnswerRate) }));
  if (f.resetRate) parts.push(t("sim.fault.resets", { percent: percent(f.resetRate) }));
  if (f.hangRate) parts.push(t("sim.fault.held", { ms: f.hangMs ?? 5000, percent: percent(f.hangRate) }));
  if (f.materialLossNoticeMs !== undefined)
    parts.push(t("sim.fault.materialLoss", { duration: formatDuration(f.materialLossNoticeMs) }));
  return parts.join(", ");
}

/**
 * A scenario's description in the run's language; JSON keeps the scenario's own (English) one. A
 * scenario the catalog lacks (a world file's own) shows its own description.
 */
export function scenarioDescription(s: ScenarioInfo): string {
  // The name is data, not a literal key: the typed t() cannot check it, the catalog test does.
  const key = `sim.scenario.${s.name}` as "sim.scenario.healthy";
  return t(key, { defaultValue: s.description });
}

export function renderScenarios(scenarios: ScenarioInfo[], style: Style): string {
  const head = [t("sim.scenarios.scenario"), t("sim.scenarios.description")].map(style.dim);
  const rows = scenarios.map((s) => [style.bold(s.name), scenarioDescription(s)]);
  return `${table([head, ...rows])}\n\n${style.dim(t("sim.scenarios.start"))}\n`;
}
