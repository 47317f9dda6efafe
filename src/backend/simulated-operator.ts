import type { Secret } from "../core/secret.js";
import { findUser, KMSUSER } from "../sim/cloudhsm/hsm-data.js";
import * as cli from "../sim/cloudhsm/operator.js";
import type { WorldStore } from "../sim/engine.js";
import type { World } from "../sim/world.js";
import type { HsmOperator, ManualTask, OrphanTarget } from "./hsm-operator.js";

/** The sim backend's answer to manual steps: the simulated person does on the world what each task's CloudHSM CLI lines say. */
export class SimulatedOperator implements HsmOperator {
  readonly kind = "simulated" as const;
  constructor(private readonly store: WorldStore) {}

  /**
   * Runs CloudHSM CLI actions on the world. A refusal still leaves its trace on the HSM (a failed
   * login counts toward lockout), so it is returned from the update, which persists, then thrown.
   */
  private act<T>(fn: (world: World) => T): T {
    const outcome = this.store.update((w) => {
      try {
        return { value: fn(w) };
      } catch (err) {
        if (err instanceof cli.HsmCliError) return { refused: err };
        throw err;
      }
    });
    if ("refused" in outcome) throw outcome.refused;
    return outcome.value;
  }

  async setKmsuserPassword(_task: ManualTask, clusterId: string, password: Secret) {
    this.act((w) => cli.changePassword(w, clusterId, KMSUSER, password.reveal()));
    return "user change-password --username kmsuser --role crypto-user: done";
  }

  async createKmsuser(_task: ManualTask, clusterId: string, password: Secret) {
    this.act((w) => {
      const c = cli.operatorCluster(w, clusterId);
      if (findUser(c.hsm, KMSUSER)) cli.changePassword(w, clusterId, KMSUSER, password.reveal());
      else cli.createUser(w, clusterId, KMSUSER, "crypto-user", password.reveal());
    });
    return "user create --username kmsuser --role crypto-user: done";
  }

  async logoutKmsuser(_task: ManualTask, clusterId: string) {
    const was = this.act((w) => cli.logout(w, clusterId, KMSUSER));
    return was ? "logout: kmsuser session ended" : "logout: no kmsuser session was open";
  }

  async deleteKeyMaterial(_task: ManualTask, clusterId: string, target: OrphanTarget, password: Secret) {
    return this.act((w) => {
      cli.login(w, clusterId, KMSUSER, password.reveal());
      try {
        const found = cli.listKeys(w, clusterId, { label: target.label });
        if (found.length === 0) return "key list: no key has this label any more (already deleted)";
        if (found.length > 1)
          throw new cli.HsmCliError(
            `${found.length} keys carry the label ${target.label}; refusing to guess which to delete`,
          );
        if (found[0]!.backingKeyId !== target.backingKeyId) {
          throw new cli.HsmCliError(
            `the key labelled ${target.label} is backing key ${found[0]!.backingKeyId}, not ${target.backingKeyId} as CloudTrail says; refusing to delete it`,
          );
        }
        cli.deleteKey(w, clusterId, { label: target.label });
        return `key delete --filter attr.label=${target.label}: deleted ${found[0]!.keyReference}`;
      } finally {
        cli.logout(w, clusterId, KMSUSER);
      }
    });
  }

  async verifyKeyMaterial(_task: ManualTask, clusterId: string, labels: string[], password: Secret) {
    return this.act((w) => {
      cli.login(w, clusterId, KMSUSER, password.reveal());
      try {
        const missing = labels.filter((l) => cli.listKeys(w, clusterId, { label: l }).length !== 1);
        if (missing.length)
          throw new cli.HsmCliError(`the restored cluster has no key labelled ${missing.join(", ")}`);
        return `key list: all ${labels.length} backing key(s) present`;
      } finally {
        cli.logout(w, clusterId, KMSUSER);
      }
    });
  }
}
