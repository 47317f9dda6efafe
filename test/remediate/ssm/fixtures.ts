import type { Plan, PlanAction, PlanStep } from "../../../src/remediate/plan.js";

export const STORE = "cks-1234567890abcdef0";
export const CLUSTER = "cluster-1a23b4cdefg";

const store = (id = STORE) => ({ CustomKeyStoreId: id });

/** rotate-kmsuser-password as the planner lays it out, on one store. */
export function rotateSteps(id = STORE): PlanStep[] {
  return [
    {
      id: "disconnect",
      title: "Disconnect",
      kind: "api",
      action: "kms.disconnect",
      service: "kms",
      operation: "DisconnectCustomKeyStore",
      input: store(id),
      mutating: true,
    },
    {
      id: "wait-disconnected",
      title: "Wait",
      kind: "wait",
      action: "wait.store-disconnected",
      service: "kms",
      operation: "DescribeCustomKeyStores",
      input: store(id),
      mutating: false,
      timeout: "10m",
    },
    {
      id: "set-kmsuser-password",
      title: "Set the new kmsuser password",
      kind: "manual",
      action: "hsm.set-kmsuser-password",
      input: { ClusterId: CLUSTER },
      mutating: true,
      commands: [
        "/opt/cloudhsm/bin/cloudhsm-cli interactive",
        "user change-password --username kmsuser --role crypto-user",
      ],
      legacyCommands: [],
    },
    {
      id: "update-store-password",
      title: "Tell KMS",
      kind: "api",
      action: "kms.update-password",
      service: "kms",
      operation: "UpdateCustomKeyStore",
      input: { ...store(id), KeyStorePassword: "********" },
      mutating: true,
    },
    {
      id: "connect",
      title: "Connect",
      kind: "api",
      action: "kms.connect",
      service: "kms",
      operation: "ConnectCustomKeyStore",
      input: store(id),
      mutating: true,
    },
    {
      id: "wait-connected",
      title: "Wait",
      kind: "wait",
      action: "wait.store-connected",
      service: "kms",
      operation: "DescribeCustomKeyStores",
      input: store(id),
      mutating: false,
      timeout: "20m",
    },
    {
      id: "verify",
      title: "Diagnose",
      kind: "verify",
      action: "verify.doctor",
      input: { ...store(id), Findings: ["INVALID_CREDENTIALS"] },
      mutating: false,
    },
  ];
}

export function action(overrides: Partial<PlanAction> = {}): PlanAction {
  return {
    finding: "INVALID_CREDENTIALS",
    findings: ["INVALID_CREDENTIALS"],
    runbook: "rotate-kmsuser-password",
    customKeyStoreId: STORE,
    customKeyStoreName: "payments-cks",
    parameters: [{ name: "KmsUserPassword", value: "********", source: "prompt" }],
    steps: rotateSteps(overrides.customKeyStoreId),
    ...overrides,
  };
}

export function plan(actions: PlanAction[] = [action()]): Plan {
  return {
    schemaVersion: 1,
    kind: "kcs-plan",
    createdAt: "2026-11-28T12:00:00.000Z",
    backend: "aws",
    region: "eu-west-1",
    basis: actions.map((a) => ({ customKeyStoreId: a.customKeyStoreId, fingerprint: "f00d" })),
    impact: { storesTakenOffline: actions.map((a) => a.customKeyStoreId), keysMadeUnavailable: 0 },
    actions,
  };
}
