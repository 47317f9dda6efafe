import type { StepKind } from "./actions.js";

export const PLAN_SCHEMA_VERSION = 1;

export type ParameterSource = "live state" | "--param" | "default" | "stdin" | "env" | "prompt";

export interface PlanParameter {
  name: string;
  /** Secrets are always "********". */
  value: string;
  source: ParameterSource;
}

/** One step of a plan: the contract's fields plus what a reviewer needs to judge it. */
export interface PlanStep {
  id: string;
  title: string;
  kind: StepKind;
  /** The runbook action the executor carries out. */
  action: string;
  service?: "kms" | "cloudhsmv2";
  operation?: string;
  input: Record<string, unknown>;
  mutating: boolean;
  when?: string;
  expect?: string;
  timeout?: string;
  undo?: string;
  onFailure?: string;
  /** Skipped when the live store is CONNECTED (e.g. add-hsms' reconnect). */
  onlyIfNotConnected?: boolean;
  /** Manual steps: the CloudHSM CLI lines, and the legacy cloudhsm_mgmt_util / key_mgmt_util forms. */
  commands?: string[];
  legacyCommands?: string[];
}

export interface PlanAction {
  finding: string;
  /** Every finding code this action repairs on the store (the first is `finding`). */
  findings: string[];
  runbook: string;
  customKeyStoreId: string;
  customKeyStoreName: string;
  parameters: PlanParameter[];
  steps: PlanStep[];
}

export interface Plan {
  schemaVersion: typeof PLAN_SCHEMA_VERSION;
  kind: "kcs-plan";
  createdAt: string;
  backend: "sim" | "aws";
  region: string;
  basis: { customKeyStoreId: string; fingerprint: string }[];
  actions: PlanAction[];
  /** Findings the plan leaves for later or for a person, and why. */
  notes?: string[];
}

export function planCounts(plan: Plan) {
  const steps = plan.actions.flatMap((a) => a.steps);
  return {
    steps: steps.length,
    mutating: steps.filter((s) => s.mutating && s.kind === "api").length,
    waits: steps.filter((s) => s.kind === "wait").length,
    manual: steps.filter((s) => s.kind === "manual").length,
  };
}
