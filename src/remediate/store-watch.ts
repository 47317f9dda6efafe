import type { StoreFacts } from "../gather/snapshot.js";
import { t } from "../i18n/index.js";
import { StepFailure } from "./step-context.js";

/** What one read of a store says (DescribeCustomKeyStores' fields kcs watches). */
export interface LiveStore {
  CustomKeyStoreId?: string | undefined;
  CustomKeyStoreName?: string | undefined;
  ConnectionState?: string | undefined;
  ConnectionErrorCode?: string | undefined;
  CloudHsmClusterId?: string | undefined;
}

/**
 * The only moves a store makes by itself: a connect ends CONNECTED or FAILED, a disconnect ends
 * DISCONNECTED. Every other change is somebody's call.
 */
const SETTLES_TO: Readonly<Record<string, readonly string[]>> = {
  CONNECTING: ["CONNECTED", "FAILED"],
  DISCONNECTING: ["DISCONNECTED"],
};

interface Expectation {
  name: string;
  states: Set<string>;
  clusterIds: Set<string>;
  /** The error code of a FAILED store: another one means someone disconnected and connected again. */
  errorCode?: string | undefined;
}

/** A store moved by someone else while this run held it: the run stops and says what changed. */
export class StoreMoved extends StepFailure {
  constructor(
    message: string,
    readonly customKeyStoreId: string,
  ) {
    super(message, t("steps.moved.hint"));
  }
}

const withSettled = (states: Iterable<string>) =>
  new Set([...states].flatMap((s) => [s, ...(SETTLES_TO[s] ?? [])]));

const describe = (states: Iterable<string>, clusterIds: Iterable<string>, errorCode?: string) => {
  const or = t("steps.moved.or");
  const st = `${[...states].join(or)}${errorCode ? ` (${errorCode})` : ""}`;
  const on = [...clusterIds].filter(Boolean);
  return on.length ? t("steps.moved.onClusters", { states: st, clusters: on.join(or) }) : st;
};

/**
 * Where each store of a run should be: the state the plan was made from, plus this run's own
 * effects, plus the moves stores make by themselves. Every read of a store during a run is checked
 * against it (contract: kcs fix rule 10), so a store someone else changed stops the run instead of
 * being acted on, and kcs never undoes a change it did not make.
 */
export class StoreWatch {
  private readonly expected = new Map<string, Expectation>();

  constructor(basis: readonly StoreFacts[]) {
    for (const s of basis) {
      this.expected.set(s.customKeyStoreId, {
        name: s.customKeyStoreName,
        states: withSettled([s.reportedConnectionState ?? s.connectionState]),
        clusterIds: new Set([s.cloudHsmClusterId ?? ""]),
        ...(s.connectionState === "FAILED" ? { errorCode: s.connectionErrorCode } : {}),
      });
    }
  }

  /** Throws StoreMoved when the live store is not where this run left it; otherwise notes where it is. */
  check(id: string, live: LiveStore): void {
    // A state AWS leaves out reads as UNKNOWN, as gather reports it in the basis.
    const state = live.ConnectionState ?? "UNKNOWN";
    const cluster = live.CloudHsmClusterId ?? "";
    const e = this.expected.get(id);
    if (e) {
      const moved =
        !e.states.has(state) ||
        !e.clusterIds.has(cluster) ||
        (state === "FAILED" && e.errorCode !== undefined && e.errorCode !== live.ConnectionErrorCode);
      if (moved) {
        const now = describe(
          [state || t("steps.moved.gone")],
          e.clusterIds.has(cluster) ? [] : [cluster],
          state === "FAILED" ? live.ConnectionErrorCode : undefined,
        );
        const was = describe(e.states, e.clusterIds.has(cluster) ? [] : e.clusterIds, e.errorCode);
        const why = state === "CONNECTING" ? t("steps.moved.connecting") : t("steps.moved.other");
        throw new StoreMoved(t("steps.moved.message", { name: e.name, id, was, now, why }), id);
      }
    }
    this.expected.set(id, {
      name: e?.name ?? live.CustomKeyStoreName ?? id,
      states: withSettled([state]),
      clusterIds: new Set([cluster]),
      ...(state === "FAILED" ? { errorCode: live.ConnectionErrorCode } : {}),
    });
  }

  /**
   * This run is about to change the store. Until a read shows the result, both where it was and where
   * the call takes it are this run's own (an answer lost on the way back is still this run's effect).
   */
  ours(id: string, change: { states?: readonly string[]; clusterId?: string }): void {
    const e = this.expected.get(id);
    if (!e) return;
    if (change.states) {
      const next = withSettled(change.states);
      e.states = new Set([...e.states, ...next]);
      if (next.has("FAILED")) e.errorCode = undefined;
    }
    if (change.clusterId) e.clusterIds.add(change.clusterId);
  }
}
