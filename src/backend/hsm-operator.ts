import type { Secret } from "../core/secret.js";

/**
 * One manual step as its action module describes it: what a person does, the exact CloudHSM CLI
 * lines (and the legacy Client SDK 3 forms), and the step's input (what a --hsm-hook receives).
 */
export interface ManualTask {
  /** The action id (a --hsm-hook's one argument), e.g. hsm.set-kmsuser-password. */
  action: string;
  what: string;
  input: Record<string, unknown>;
  commands: string[];
  legacyCommands: string[];
}

/**
 * What only a person on the HSM can do (the CloudHSM CLI, as admin or kmsuser). kcs never reaches the
 * HSMs itself: on AWS a person does the task and confirms (or a --hsm-hook does it); on the sim
 * backend the simulated operator does it on the simulated world. The task comes whole from its action
 * module, so a new manual action needs no new method here. Resolves with one line saying what was
 * done; rejects when the task was refused or not done.
 */
export interface HsmOperator {
  readonly kind: "simulated" | "manual";
  /** A person at a terminal does the steps: their time is theirs, not the run's budget. */
  readonly person?: boolean;
  /** `report` shows progress on the step's task line (a --hsm-hook's stderr, line by line). */
  perform(task: ManualTask, password?: Secret, report?: (line: string) => void): Promise<string>;
}
