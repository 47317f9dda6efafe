import { GONE_CLUSTER_STATES } from "../../core/aws-states.js";
import type { ActionId } from "../actions/ids.js";
import type { AutomationOutput } from "./document.js";

/** One read of the live state and the values of one property in it: what an assert or a wait names. */
export interface Probe {
  inputs: Record<string, unknown>;
  values: string[];
}

type Input = Record<string, unknown>;

const storeState = (input: Input, values: string[]): Probe => ({
  inputs: {
    Service: "kms",
    Api: "DescribeCustomKeyStores",
    CustomKeyStoreId: input.CustomKeyStoreId,
    PropertySelector: "$.CustomKeyStores[0].ConnectionState",
  },
  values,
});

const clusterState = (clusterId: unknown, values: string[]): Probe => ({
  inputs: {
    Service: "cloudhsmv2",
    Api: "DescribeClusters",
    Filters: { clusterIds: [clusterId] },
    PropertySelector: "$.Clusters[0].State",
  },
  values,
});

/**
 * What each mutating call's action re-reads before it acts (its `run` in actions/), as an assert:
 * the state the plan expects there. A store someone else moved stops the document before the call,
 * as it stops kcs.
 */
export const PRECONDITIONS: Partial<Record<ActionId, (input: Input) => Probe>> = {
  // A connect in progress is someone else's: kcs never disconnects it.
  "kms.disconnect": (i) => storeState(i, ["CONNECTED", "FAILED"]),
  "kms.connect": (i) => storeState(i, ["DISCONNECTED"]),
  "kms.update-password": (i) => storeState(i, ["DISCONNECTED"]),
  "kms.update-cluster": (i) => storeState(i, ["DISCONNECTED"]),
  // The path alone may change while CONNECTED; the endpoint only while DISCONNECTED.
  "kms.update-xks-uri": (i) =>
    storeState(i, i.XksProxyUriEndpoint === undefined ? ["CONNECTED", "DISCONNECTED"] : ["DISCONNECTED"]),
  "kms.update-xks-credential": (i) => storeState(i, ["CONNECTED", "DISCONNECTED"]),
  "cloudhsm.create-cluster-from-backup": (i) => ({
    inputs: {
      Service: "cloudhsmv2",
      Api: "DescribeBackups",
      Filters: { backupIds: [i.SourceBackupId] },
      PropertySelector: "$.Backups[0].BackupState",
    },
    values: ["READY"],
  }),
  "cloudhsm.create-hsm": (i) => clusterState(i.ClusterId, ["ACTIVE", "UNINITIALIZED", "DEGRADED"]),
};

/** A wait: the states that end it (the good ones and those it cannot end well from), then the good ones. */
export interface WaitSpec {
  probe: (input: Input) => Probe;
  good: string[];
}

const GONE = [...GONE_CLUSTER_STATES] as string[];

/**
 * Each wait action's states as its judge in actions/ sees them: a wait ends on a failure state too
 * (FAILED after a connect), so a failed run stops at once rather than at its timeout.
 */
export const WAITS: Partial<Record<ActionId, WaitSpec>> = {
  "wait.store-disconnected": { probe: (i) => storeState(i, ["DISCONNECTED"]), good: ["DISCONNECTED"] },
  // DISCONNECTED after a connect: it failed at once, or someone disconnected it.
  "wait.store-connected": {
    probe: (i) => storeState(i, ["CONNECTED", "FAILED", "DISCONNECTED"]),
    good: ["CONNECTED"],
  },
  "wait.store-settled": {
    probe: (i) => storeState(i, ["CONNECTED", "DISCONNECTED", "FAILED"]),
    good: ["CONNECTED", "DISCONNECTED"],
  },
  "wait.cluster-active": { probe: (i) => clusterState(i.ClusterId, ["ACTIVE", ...GONE]), good: ["ACTIVE"] },
};

/** What a later step refers to: the id of what a create made. */
export const OUTPUTS: Partial<Record<ActionId, AutomationOutput[]>> = {
  "cloudhsm.create-cluster-from-backup": [
    { Name: "ClusterId", Selector: "$.Cluster.ClusterId", Type: "String" },
  ],
  "cloudhsm.create-hsm": [{ Name: "HsmId", Selector: "$.Hsm.HsmId", Type: "String" }],
};

/** The store's state, read for a branch (steps that are skipped while the store is CONNECTED). */
export const STATE_OUTPUT: AutomationOutput = {
  Name: "ConnectionState",
  Selector: "$.CustomKeyStores[0].ConnectionState",
  Type: "String",
};
