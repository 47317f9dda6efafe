import type { Secret } from "../core/secret.js";
import { t } from "../i18n/index.js";
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
    return t("steps.operator.passwordSet");
  },
  "hsm.create-kmsuser"(w, input, password) {
    const clusterId = text(input, "ClusterId");
    if (findUser(cli.operatorCluster(w, clusterId).hsm, KMSUSER))
      cli.changePassword(w, clusterId, KMSUSER, password);
    else cli.createUser(w, clusterId, KMSUSER, "crypto-user", password);
    return t("steps.operator.userCreated");
  },
  "hsm.logout-kmsuser"(w, input) {
    const was = cli.logout(w, text(input, "ClusterId"), KMSUSER);
    return was ? t("steps.operator.loggedOut") : t("steps.operator.noSession");
  },
  "hsm.delete-key-material"(w, input, password) {
    const clusterId = text(input, "ClusterId");
    const label = text(input, "Label");
    const backingKeyId = text(input, "BackingKeyId");
    return asKmsuser(w, clusterId, password, () => {
      const found = cli.listKeys(w, clusterId, { label });
      if (found.length === 0) return t("steps.operator.noKey");
      if (found.length > 1)
        throw new cli.HsmCliError(t("steps.operator.ambiguousLabel", { count: found.length, label }));
      if (found[0]!.backingKeyId !== backingKeyId) {
        throw new cli.HsmCliError(
          t("steps.operator.otherBackingKey", {
            label,
            found: String(found[0]!.backingKeyId),
            expected: backingKeyId,
          }),
        );
      }
      cli.deleteKey(w, clusterId, { label });
      return t("steps.operator.deleted", { label, key: String(found[0]!.keyReference) });
    });
  },
  "hsm.verify-key-material"(w, input, password) {
    const clusterId = text(input, "ClusterId");
    const labels = Array.isArray(input.Labels) ? input.Labels.map(String) : [];
    return asKmsuser(w, clusterId, password, () => {
      const missing = labels.filter((l) => cli.listKeys(w, clusterId, { label: l }).length !== 1);
      if (missing.length)
        throw new cli.HsmCliError(t("steps.operator.missingLabels", { labels: missing.join(", ") }));
      return t("steps.operator.allPresent", { count: labels.length });
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
    if (!run) throw new cli.HsmCliError(t("steps.operator.unknownTask", { action: task.action }));
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
