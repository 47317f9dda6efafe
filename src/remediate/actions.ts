import type { STEP_KINDS } from "./runbook-schema.js";

export type StepKind = (typeof STEP_KINDS)[number];

/** What a runbook step's `action` means: the one place that knows which AWS call (if any) it makes. */
export interface ActionSpec {
  kind: StepKind;
  service?: "kms" | "cloudhsmv2";
  operation?: string;
  mutating: boolean;
  /** Needs the new kmsuser password. */
  needsPassword?: boolean;
  /** What the world looks like after the step, for reviewers. */
  expect: string;
}

export const ACTIONS: Record<string, ActionSpec> = {
  "kms.disconnect": {
    kind: "api",
    service: "kms",
    operation: "DisconnectCustomKeyStore",
    mutating: true,
    expect: "ConnectionState DISCONNECTING, then DISCONNECTED; keys read Unavailable",
  },
  "kms.connect": {
    kind: "api",
    service: "kms",
    operation: "ConnectCustomKeyStore",
    mutating: true,
    expect: "ConnectionState CONNECTING",
  },
  "kms.update-password": {
    kind: "api",
    service: "kms",
    operation: "UpdateCustomKeyStore",
    mutating: true,
    needsPassword: true,
    expect: "KMS knows the new kmsuser password; the store stays DISCONNECTED",
  },
  "kms.update-cluster": {
    kind: "api",
    service: "kms",
    operation: "UpdateCustomKeyStore",
    mutating: true,
    needsPassword: true,
    expect: "the store names the restored cluster; it stays DISCONNECTED",
  },
  "kms.check-key-deleted": {
    kind: "api",
    service: "kms",
    operation: "DescribeKey",
    mutating: false,
    expect: "NotFoundException; anything else stops the run before any change",
  },
  "cloudhsm.create-cluster-from-backup": {
    kind: "api",
    service: "cloudhsmv2",
    operation: "CreateCluster",
    mutating: true,
    expect: "a new cluster, CREATE_IN_PROGRESS then ACTIVE, with the backup's users and keys",
  },
  "cloudhsm.create-hsm": {
    kind: "api",
    service: "cloudhsmv2",
    operation: "CreateHsm",
    mutating: true,
    expect: "an HSM, CREATE_IN_PROGRESS then ACTIVE",
  },
  "wait.store-disconnected": {
    kind: "wait",
    service: "kms",
    operation: "DescribeCustomKeyStores",
    mutating: false,
    expect: "ConnectionState DISCONNECTED",
  },
  "wait.store-connected": {
    kind: "wait",
    service: "kms",
    operation: "DescribeCustomKeyStores",
    mutating: false,
    expect: "ConnectionState CONNECTED; FAILED stops the run with its error code",
  },
  "wait.store-settled": {
    kind: "wait",
    service: "kms",
    operation: "DescribeCustomKeyStores",
    mutating: false,
    expect: "ConnectionState CONNECTED or DISCONNECTED; FAILED stops the run",
  },
  "wait.cluster-active": {
    kind: "wait",
    service: "cloudhsmv2",
    operation: "DescribeClusters",
    mutating: false,
    expect: "cluster State ACTIVE",
  },
  "wait.hsms-active": {
    kind: "wait",
    service: "cloudhsmv2",
    operation: "DescribeClusters",
    mutating: false,
    expect: "ACTIVE HSMs in two Availability Zones",
  },
  "hsm.set-kmsuser-password": {
    kind: "manual",
    mutating: true,
    needsPassword: true,
    expect: "kmsuser has the new password and is unlocked",
  },
  "hsm.create-kmsuser": {
    kind: "manual",
    mutating: true,
    needsPassword: true,
    expect: "a crypto user kmsuser exists, without MFA",
  },
  "hsm.logout-kmsuser": { kind: "manual", mutating: true, expect: "no session is logged in as kmsuser" },
  "hsm.delete-key-material": {
    kind: "manual",
    mutating: true,
    needsPassword: true,
    expect: "no key labelled with the deleted KMS key's ARN remains",
  },
  "hsm.verify-key-material": {
    kind: "manual",
    mutating: false,
    needsPassword: true,
    expect: "one key labelled with each missing KMS key's ARN",
  },
  "verify.doctor": { kind: "verify", mutating: false, expect: "the targeted findings are gone" },
};
