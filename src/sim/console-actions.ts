// What a person does to the world from the AWS console (`kcs sim act`), for drills and for practising
// the manual steps of a runbook. Each action is one call to the simulator's own operation handler,
// through the same dispatcher the AWS APIs reach, so every precondition and state rule AWS has
// applies; CloudTrail records it under the person's name, never as kcs.
import { UsageError } from "../core/errors.js";
import { t } from "../i18n/index.js";
import type { Caller } from "./context.js";
import type { Simulator } from "./engine.js";
import type { Input } from "./input.js";
import type { Cluster, CustomKeyStore, Hsm, World } from "./world.js";

/** The person at the console: the same alice who built the scenarios' stores, signed in with a session. */
export const CONSOLE_CALLER: Caller = {
  userName: "alice",
  accessKeyId: "ASIAALICECONSOLE0001",
  userAgent: "AWS Internal",
  sourceIp: "203.0.113.77",
};

export type ActRequest =
  | { action: "disconnect"; store: string }
  | { action: "connect"; store: string }
  | { action: "set-kmsuser-password"; store: string; password: string }
  | { action: "set-xks-credential"; store: string; accessKeyId: string; secretAccessKey: string }
  | { action: "delete-hsm"; hsm: string }
  | { action: "delete-cluster"; cluster: string };

export type ActName = ActRequest["action"];

/** Each action's AWS call, as IAM names it. */
export const ACT_CALLS: Record<ActName, string> = {
  disconnect: "kms:DisconnectCustomKeyStore",
  connect: "kms:ConnectCustomKeyStore",
  "set-kmsuser-password": "kms:UpdateCustomKeyStore",
  "set-xks-credential": "kms:UpdateCustomKeyStore",
  "delete-hsm": "cloudhsm:DeleteHsm",
  "delete-cluster": "cloudhsm:DeleteCluster",
};

/** What an action acted on, by AWS's ids (and the store's name). */
export type ActTarget =
  | { kind: "store"; customKeyStoreId: string; customKeyStoreName: string }
  | { kind: "hsm"; hsmId: string; clusterId: string }
  | { kind: "cluster"; clusterId: string };

/** Where the target stands now, and when (simulated time) it leaves a state that completes by itself. */
export interface TargetState {
  state: string;
  /** Simulated epoch ms at which a transition in progress completes; absent when nothing is pending. */
  settlesAt?: number;
}

export interface ActResult extends TargetState {
  action: ActName;
  principal: string;
  /** The AWS call made, as IAM names it: kms:DisconnectCustomKeyStore. */
  call: string;
  target: ActTarget;
}

/** A store named by its id or by its name, as the console lists them. */
export function resolveStore(world: World, idOrName: string): CustomKeyStore {
  const store =
    world.stores.find((s) => s.CustomKeyStoreId === idOrName) ??
    world.stores.find((s) => s.CustomKeyStoreName === idOrName);
  if (store) return store;
  const known = world.stores.map((s) => `${s.CustomKeyStoreName} (${s.CustomKeyStoreId})`).join(", ");
  throw new UsageError(t("sim.act.noStore", { name: idOrName, known: known || t("sim.act.none") }));
}

/** An HSM that DescribeClusters still shows, and its cluster. */
export function resolveHsm(world: World, hsmId: string): { cluster: Cluster; hsm: Hsm } {
  for (const cluster of world.clusters) {
    const hsm = cluster.Hsms.find((h) => h.HsmId === hsmId && h.State !== "DELETED");
    if (hsm) return { cluster, hsm };
  }
  const known = world.clusters.flatMap((c) => c.Hsms.map((h) => `${h.HsmId} (${c.ClusterId})`));
  throw new UsageError(t("sim.act.noHsm", { hsm: hsmId, known: known.join(", ") || t("sim.act.none") }));
}

export function resolveCluster(world: World, clusterId: string): Cluster {
  const cluster = world.clusters.find((c) => c.ClusterId === clusterId);
  if (cluster) return cluster;
  const known = world.clusters.map((c) => `${c.ClusterId} (${c.State})`).join(", ");
  throw new UsageError(t("sim.act.noCluster", { cluster: clusterId, known: known || t("sim.act.none") }));
}

interface Call {
  service: "kms" | "cloudhsmv2";
  operation: string;
  input: Input;
  target: ActTarget;
}

/** The AWS call an action is, with its target resolved; a target that does not exist is refused here. */
function callFor(world: World, req: ActRequest): Call {
  switch (req.action) {
    case "disconnect":
    case "connect":
    case "set-kmsuser-password":
    case "set-xks-credential": {
      const store = resolveStore(world, req.store);
      const target: ActTarget = {
        kind: "store",
        customKeyStoreId: store.CustomKeyStoreId,
        customKeyStoreName: store.CustomKeyStoreName,
      };
      const id = { CustomKeyStoreId: store.CustomKeyStoreId };
      if (req.action === "disconnect")
        return { service: "kms", operation: "DisconnectCustomKeyStore", input: id, target };
      if (req.action === "connect")
        return { service: "kms", operation: "ConnectCustomKeyStore", input: id, target };
      if (req.action === "set-xks-credential")
        return {
          service: "kms",
          operation: "UpdateCustomKeyStore",
          input: {
            ...id,
            XksProxyAuthenticationCredential: {
              AccessKeyId: req.accessKeyId,
              RawSecretAccessKey: req.secretAccessKey,
            },
          },
          target,
        };
      return {
        service: "kms",
        operation: "UpdateCustomKeyStore",
        input: { ...id, KeyStorePassword: req.password },
        target,
      };
    }
    case "delete-hsm": {
      const { cluster, hsm } = resolveHsm(world, req.hsm);
      return {
        service: "cloudhsmv2",
        operation: "DeleteHsm",
        input: { ClusterId: cluster.ClusterId, HsmId: hsm.HsmId },
        target: { kind: "hsm", hsmId: hsm.HsmId, clusterId: cluster.ClusterId },
      };
    }
    case "delete-cluster": {
      const cluster = resolveCluster(world, req.cluster);
      return {
        service: "cloudhsmv2",
        operation: "DeleteCluster",
        input: { ClusterId: cluster.ClusterId },
        target: { kind: "cluster", clusterId: cluster.ClusterId },
      };
    }
  }
}

/** The target's state as the console shows it; an HSM whose deletion completed is gone, so DELETED. */
export function targetState(world: World, target: ActTarget): TargetState {
  const pending = (p?: { dueAt: number }) => (p ? { settlesAt: p.dueAt } : {});
  switch (target.kind) {
    case "store": {
      const store = world.stores.find((s) => s.CustomKeyStoreId === target.customKeyStoreId);
      if (!store) return { state: "DELETED" };
      const code = store.ConnectionState === "FAILED" ? store.ConnectionErrorCode : undefined;
      return {
        state: code ? `FAILED (${code})` : store.ConnectionState,
        ...pending(store.pending),
      };
    }
    case "hsm": {
      const cluster = world.clusters.find((c) => c.ClusterId === target.clusterId);
      const hsm = cluster?.Hsms.find((h) => h.HsmId === target.hsmId);
      return hsm ? { state: hsm.State, ...pending(hsm.pending) } : { state: "DELETED" };
    }
    case "cluster": {
      const cluster = world.clusters.find((c) => c.ClusterId === target.clusterId);
      return cluster ? { state: cluster.State, ...pending(cluster.pending) } : { state: "DELETED" };
    }
  }
}

/**
 * Makes one console action's AWS call as CONSOLE_CALLER. A target that does not exist is refused
 * before any call (UsageError); AWS's own refusals (a store in the wrong state, an HSM already being
 * deleted) come back as the simulator's AwsError, and CloudTrail has the failed call, as on AWS.
 */
export async function act(sim: Simulator, req: ActRequest): Promise<ActResult> {
  // The console shows the world as it is now: what has fallen due is applied before resolving names.
  sim.settle();
  const call = sim.store.read((w) => callFor(w, req));
  await sim.call(call.service, call.operation, call.input, {
    caller: CONSOLE_CALLER,
    otherPrincipal: true,
  });
  return {
    action: req.action,
    principal: CONSOLE_CALLER.userName,
    call: ACT_CALLS[req.action],
    target: call.target,
    ...sim.store.read((w) => targetState(w, call.target)),
  };
}
