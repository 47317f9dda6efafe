import type { Secret } from "../core/secret.js";

/** An orphan to delete: identified by its label (the deleted KMS key's ARN) and checked against CloudTrail. */
export interface OrphanTarget {
  label: string;
  backingKeyId: string;
  keyHandle?: string;
}

/**
 * One manual step as its action describes it: what a person does, the exact CloudHSM CLI lines (and
 * the legacy Client SDK 3 forms), and the step's input (what a --hsm-hook receives).
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
 * HSMs itself: on AWS a person does these steps and confirms (or a --hsm-hook does them); on the sim
 * backend the simulated operator does them on the simulated world. Each method receives the task as
 * the action module wrote it, so no operator knows a command line of its own.
 */
export interface HsmOperator {
  readonly kind: "simulated" | "manual";
  setKmsuserPassword(task: ManualTask, clusterId: string, password: Secret): Promise<string>;
  createKmsuser(task: ManualTask, clusterId: string, password: Secret): Promise<string>;
  logoutKmsuser(task: ManualTask, clusterId: string): Promise<string>;
  deleteKeyMaterial(
    task: ManualTask,
    clusterId: string,
    target: OrphanTarget,
    password: Secret,
  ): Promise<string>;
  verifyKeyMaterial(task: ManualTask, clusterId: string, labels: string[], password: Secret): Promise<string>;
}
