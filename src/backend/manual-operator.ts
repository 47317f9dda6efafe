import type { Secret } from "../cli/secret-input.js";
import { manualCommands } from "../remediate/hsm-commands.js";
import type { HsmOperator, OrphanTarget } from "./hsm-operator.js";

/** Shows the operator what to run and resolves once they confirm it is done (or rejects if they refuse). */
export type Confirm = (what: string, commands: string[], legacyCommands: string[]) => Promise<void>;

/** On AWS a person does the HSM steps: kcs prints the exact CloudHSM CLI lines and waits. */
export class ManualOperator implements HsmOperator {
  readonly kind = "manual" as const;
  constructor(private readonly confirm: Confirm) {}

  private async ask(action: string, what: string, input: Record<string, unknown>): Promise<string> {
    const { commands, legacyCommands } = manualCommands(action, input);
    await this.confirm(what, commands, legacyCommands);
    return "confirmed by the operator";
  }

  setKmsuserPassword(clusterId: string, _password: Secret) {
    return this.ask("hsm.set-kmsuser-password", `Set the new kmsuser password on cluster ${clusterId}`, {
      ClusterId: clusterId,
    });
  }
  createKmsuser(clusterId: string, _password: Secret) {
    return this.ask("hsm.create-kmsuser", `Create kmsuser on cluster ${clusterId}`, { ClusterId: clusterId });
  }
  logoutKmsuser(clusterId: string) {
    return this.ask("hsm.logout-kmsuser", `Log kmsuser out on cluster ${clusterId}`, {
      ClusterId: clusterId,
    });
  }
  deleteKeyMaterial(clusterId: string, target: OrphanTarget, _password: Secret) {
    return this.ask(
      "hsm.delete-key-material",
      `Delete the key labelled ${target.label} (backing key ${target.backingKeyId}) on cluster ${clusterId}`,
      {
        ClusterId: clusterId,
        Label: target.label,
        ...(target.keyHandle ? { KeyHandle: target.keyHandle } : {}),
      },
    );
  }
  verifyKeyMaterial(clusterId: string, labels: string[], _password: Secret) {
    return this.ask(
      "hsm.verify-key-material",
      `Confirm cluster ${clusterId} holds a key for each of ${labels.length} label(s)`,
      {
        ClusterId: clusterId,
        Labels: labels,
      },
    );
  }
}
