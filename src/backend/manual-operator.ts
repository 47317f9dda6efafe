import { spawn } from "node:child_process";
import type { Secret } from "../cli/secret-input.js";
import { manualCommands } from "../remediate/hsm-commands.js";
import type { HsmOperator, OrphanTarget } from "./hsm-operator.js";

/** Shows the operator what to run and resolves once they confirm it is done (or rejects if they refuse). */
export type Confirm = (what: string, commands: string[], legacyCommands: string[]) => Promise<void>;

/** The hook's environment: the step's input, and none of the places a password may sit in kcs's own. */
function hookEnv(input: Record<string, unknown>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, KCS_STEP_INPUT: JSON.stringify(input) };
  delete env.KCS_KMSUSER_PASSWORD;
  delete env.KCS_HSM_PASSWORD;
  return env;
}

/**
 * Runs an operator's own automation for a manual step (for example a script that drives the CloudHSM
 * CLI on a client instance through SSM): the action is its one argument, the step's input is JSON in
 * KCS_STEP_INPUT, and the kmsuser password, when the step needs one, arrives on its stdin, never in
 * its arguments or environment. Exit status 0 means done.
 */
export function runHook(
  hook: string,
  action: string,
  input: Record<string, unknown>,
  password?: Secret,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(hook, [action], {
      env: hookEnv(input),
      stdio: ["pipe", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (out += d.toString()));
    child.on("error", (err) => reject(new Error(`cannot run --hsm-hook ${hook}: ${err.message}`)));
    child.on("close", (code) => {
      // A hook that echoes what it read must not put the password in kcs's output.
      const last = (out.trim().split("\n").pop() ?? "").replaceAll(
        password?.reveal() || "\u0000",
        "********",
      );
      if (code === 0) resolve(`done by --hsm-hook${last ? `: ${last}` : ""}`);
      else reject(new Error(`--hsm-hook ${hook} ${action} exited ${code}${last ? `: ${last}` : ""}`));
    });
    child.stdin.end(password ? `${password.reveal()}\n` : "");
  });
}

/** On AWS a person does the HSM steps: kcs prints the exact CloudHSM CLI lines and waits (or runs --hsm-hook). */
export class ManualOperator implements HsmOperator {
  readonly kind = "manual" as const;
  constructor(
    private readonly confirm: Confirm,
    private readonly hook?: string,
  ) {}

  private async ask(
    action: string,
    what: string,
    input: Record<string, unknown>,
    password?: Secret,
  ): Promise<string> {
    if (this.hook) return runHook(this.hook, action, input, password);
    const { commands, legacyCommands } = manualCommands(action, input);
    await this.confirm(what, commands, legacyCommands);
    return "confirmed by the operator";
  }

  setKmsuserPassword(clusterId: string, password: Secret) {
    return this.ask(
      "hsm.set-kmsuser-password",
      `Set the new kmsuser password on cluster ${clusterId}`,
      { ClusterId: clusterId },
      password,
    );
  }

  createKmsuser(clusterId: string, password: Secret) {
    return this.ask(
      "hsm.create-kmsuser",
      `Create kmsuser on cluster ${clusterId}`,
      { ClusterId: clusterId },
      password,
    );
  }

  logoutKmsuser(clusterId: string) {
    return this.ask("hsm.logout-kmsuser", `Log kmsuser out on cluster ${clusterId}`, {
      ClusterId: clusterId,
    });
  }

  deleteKeyMaterial(clusterId: string, target: OrphanTarget, password: Secret) {
    return this.ask(
      "hsm.delete-key-material",
      `Delete the key labelled ${target.label} (backing key ${target.backingKeyId}) on cluster ${clusterId}`,
      {
        ClusterId: clusterId,
        Label: target.label,
        BackingKeyId: target.backingKeyId,
        ...(target.keyHandle ? { KeyHandle: target.keyHandle } : {}),
      },
      password,
    );
  }

  verifyKeyMaterial(clusterId: string, labels: string[], password: Secret) {
    return this.ask(
      "hsm.verify-key-material",
      `Confirm cluster ${clusterId} holds a key for each of ${labels.length} label(s)`,
      { ClusterId: clusterId, Labels: labels },
      password,
    );
  }
}
