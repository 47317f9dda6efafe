// The ids alone, apart from the actions' code: plans, runbooks and their schemas name actions
// without loading the AWS SDK that the actions call (a plan is printed by kcs fix --dry-run and
// read by kcs sim status's views, neither of which runs an action).
/** Every action a runbook step may name, by the id the YAML uses. One module each. */
export const ACTION_IDS = [
  "kms.disconnect",
  "kms.connect",
  "kms.update-password",
  "kms.update-cluster",
  "kms.check-key-deleted",
  "kms.update-xks-credential",
  "kms.update-xks-uri",
  "cloudhsm.create-cluster-from-backup",
  "cloudhsm.create-hsm",
  "wait.store-disconnected",
  "wait.store-connected",
  "wait.store-settled",
  "wait.cluster-active",
  "wait.hsms-active",
  "hsm.set-kmsuser-password",
  "hsm.create-kmsuser",
  "hsm.logout-kmsuser",
  "hsm.delete-key-material",
  "hsm.verify-key-material",
  "xks.check-proxy-tls",
  "xks.check-proxy-authorization",
  "xks.check-proxy-health",
  "xks.check-vpc-endpoint-service",
  "xks.check-key",
  "verify.doctor",
] as const;
export type ActionId = (typeof ACTION_IDS)[number];

export const isActionId = (id: string): id is ActionId => (ACTION_IDS as readonly string[]).includes(id);
