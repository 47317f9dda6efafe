import type { Secret } from "../cli/secret-input.js";

/** An orphan to delete: identified by its label (the deleted KMS key's ARN) and checked against CloudTrail. */
export interface OrphanTarget {
  label: string;
  backingKeyId: string;
  keyHandle?: string;
}

/**
 * What only a person on the HSM can do (the CloudHSM CLI, as admin or kmsuser). kcs never reaches the
 * HSMs itself: on AWS a person does these steps and confirms; on the sim backend the simulated
 * operator does them on the simulated world.
 */
export interface HsmOperator {
  readonly kind: "simulated" | "manual";
  setKmsuserPassword(clusterId: string, password: Secret): Promise<string>;
  createKmsuser(clusterId: string, password: Secret): Promise<string>;
  logoutKmsuser(clusterId: string): Promise<string>;
  deleteKeyMaterial(clusterId: string, target: OrphanTarget, password: Secret): Promise<string>;
  verifyKeyMaterial(clusterId: string, labels: string[], password: Secret): Promise<string>;
}
