import type { Secret } from "../core/secret.js";
import { findUser, KMSUSER } from "../sim/cloudhsm/hsm-data.js";
import * as cli from "../sim/cloudhsm/operator.js";
import type { WorldStore } from "../sim/engine.js";
import type { World } from "../sim/world.js";
import type { HsmOperator, ManualTask } from "./hsm-operator.js";
import { PROXY_TASKS } from "./simulated-proxy-operator.js";

type Input = Record<string, unknown>;
const text = (input: Input, name: string) => String(input[name] ?? "");

/** What the simulated person does for each manual action: the task's CloudHSM CLI lines, on the world. */
const TASKS: Record<string, (w: World, input: Input, password: string) => string> = {
  "hsm.set-kmsuser-password"(w, input, password) {
    cli.changePassword(w, text(input, "ClusterId"), KMSUSER, password);
    return "user change-password --username kmsuser --role crypto-user: done";
  },
  "hsm.create-kmsuser"(w, input, password) {
    const clusterId = text(input, "ClusterId");
    if (findUser(cli.operatorCluster(w, clusterId).hsm, KMSUSER))
      cli.changePassword(w, clusterId, KMSUSER, password);
    else cli.createUser(w, clusterId, KMSUSER, "crypto-user", password);
    return "user create --username kmsuser --role crypto-user: done";
  },
  "hsm.logout-kmsuser"(w, input) {
    const was = cli.logout(w, text(input, "ClusterId"), KMSUSER);
    return was ? "logout: kmsuser session ended" : "logout: no kmsuser session was open";
  },
  "hsm.delete-key-material"(w, input, password) {
    const clusterId = text(input, "ClusterId");
    const label = text(input, "Label");
    const backingKeyId = text(input, "BackingKeyId");
    return asKmsuser(w, clusterId, password, () => {
      const found = cli.listKeys(w, clusterId, { label });
      if (found.length === 0) return "key list: no key has this label any more (already deleted)";
      if (found.length > 1)
        throw new cli.HsmCliError(
          `${found.length} keys carry the label ${label}; refusing to guess which to delete`,
        );
      if (found[0]!.backingKeyId !== backingKeyId) {
        throw new cli.HsmCliError(
          `the key labelled ${label} is backing key ${found[0]!.backingKeyId}, not ${backingKeyId} as CloudTrail says; refusing to delete it`,
        );
      }
      cli.deleteKey(w, clusterId, { label });
      return `key delete --filter attr.label=${label}: deleted ${found[0]!.keyReference}`;
    });
  },
  "hsm.verify-key-material"(w, input, password) {
    const clusterId = text(input, "ClusterId");
    const labels = Array.isArray(input.Labels) ? input.Labels.map(String) : [];
    return asKmsuser(w, clusterId, password, () => {
      const missing = labels.filter((l) => cli.listKeys(w, clusterId, { label: l }).length !== 1);
      if (missing.length)
        throw new cli.HsmCliError(`the restored cluster has no key labelled ${missing.join(", ")}`);
      return `key list: all ${labels.length} backing key(s) present`;
    });
  },
};

/** login as kmsuser, the work, logout: as the CloudHSM CLI lines of the key tasks go. */
function asKmsuser(w: World, clusterId: string, password: string, work: () => string): string {
  cli.login(w, clusterId, KMSUSER, password);
  try {
    return work();
  } finally {
    cli.logout(w, clusterId, KMSUSER);
  }
}

/** The sim backend's answer to manual steps: the simulated person does each task on the simulated world. */
export class SimulatedOperator implements HsmOperator {
  readonly kind = "simulated" as const;
  constructor(private readonly store: WorldStore) {}

  async perform(task: ManualTask, password?: Secret): Promise<string> {
    const proxyTask = PROXY_TASKS[task.action];
    const run: ((w: World, input: Input, password: string) => string) | undefined =
      TASKS[task.action] ?? (proxyTask ? (w, input) => proxyTask(w, input) : undefined);
    if (!run) throw new cli.HsmCliError(`the simulated operator does not know how to ${task.action}`);
    // A refusal still leaves its trace on the HSM (a failed login counts toward lockout), so it is
    // returned from the update, which persists, and thrown after.
    const outcome = this.store.update((w) => {
      try {
        return { value: run(w, task.input, password?.reveal() ?? "") };
      } catch (err) {
        if (err instanceof cli.HsmCliError) return { refused: err };
        throw err;
      }
    });
    if ("refused" in outcome) throw outcome.refused;
    return outcome.value;
  }
}

/**
 * The simulated person of a sim backend, working on the partition the backend reads (one Region or
 * account of a fleet world), or on the whole world.
 */
export async function simulatedOperatorFor(
  sim: import("./sim.js").SimBackendParts,
): Promise<SimulatedOperator> {
  const { PartitionStore } = await import("../sim/partitions.js");
  return new SimulatedOperator(sim.partition ? new PartitionStore(sim.store, sim.partition) : sim.store);
}
