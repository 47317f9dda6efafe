import { createHash } from "node:crypto";
import type { AwsClients } from "../backend/clients.js";
import type { HsmOperator } from "../backend/hsm-operator.js";
import type { Budget } from "../core/budget.js";
import type { ProxyCredential } from "../core/proxy-credential.js";
import type { Secret } from "../core/secret.js";
import type { Finding } from "../diagnose/finding.js";
import { t } from "../i18n/index.js";
import type { Ledger } from "./ledger.js";
import type { PlanAction } from "./plan.js";
import type { StoreWatch } from "./store-watch.js";

/** What every step can use while a plan runs. */
export interface RunContext {
  /** This run's id: the tag on what it creates, so an answer lost on its way back can be found. */
  runId: string;
  clients: AwsClients;
  operator: HsmOperator;
  password?: Secret;
  /** The new XKS proxy credential, when the plan tells KMS one. */
  xksCredential?: ProxyCredential;
  pollIntervalMs: number;
  /** --stop-before-manual: end the run before the first manual step instead of asking for it. */
  stopBeforeManual?: boolean;
  /** --timeout: overrides every wait's own timeout. */
  timeoutMs?: number;
  /** --max-time: the whole run's budget, shared by every action of the run. */
  budget?: Budget;
  /** Values learned while running (the restored cluster's id and AZs) that later inputs refer to. */
  outputs: Record<string, string>;
  /** Digests of passwords that ended a connect with INVALID_CREDENTIALS in this run: never tried again. */
  burned: Set<string>;
  /** Store id → digest of the password kcs last gave KMS for it in this run. */
  storePassword: Map<string, string>;
  /** Stores whose kmsuser password this run set on the HSMs. */
  passwordSetOn: Set<string>;
  ledger: Ledger;
  /** Where each store should be (the plan's basis plus this run's own effects): every store read checks it. */
  watch: StoreWatch;
  /**
   * Gathers and diagnoses the action's store again: what it targeted that is still there, and errors
   * the store did not have when the run began.
   */
  verify(action: PlanAction): Promise<{ remaining: Finding[]; introduced: Finding[] }>;
  /** Told of each billed resource a step creates (its outcome lists it under `created`). */
  created?: (resource: { type: "cluster" | "hsm"; id: string }) => void;
  /** The run's clock and its way to wait: wall time in the CLI, simulated time in tests. */
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const digest = (secret: Secret) => createHash("sha256").update(secret.reveal()).digest("hex");

/**
 * The run stops, on purpose, before a manual step (--stop-before-manual): a person does it in their
 * own time, and a later kcs fix continues from the live state.
 */
export class StoppedBeforeManual extends Error {}

/** A step that cannot go on; the run stops here and says where the store was left. */
export class StepFailure extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }
}

/** Replaces {{Name}} in a step's input with what earlier steps learned. */
export function resolveInput(
  input: Record<string, unknown>,
  outputs: Record<string, string>,
): Record<string, unknown> {
  const sub = (v: unknown): unknown => {
    if (typeof v === "string") {
      return v.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
        const value = outputs[name];
        if (value === undefined) throw new StepFailure(t("steps.failure.notKnownYet", { name }));
        return value;
      });
    }
    if (Array.isArray(v)) return v.map(sub);
    if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, sub(x)]));
    return v;
  };
  return sub(input) as Record<string, unknown>;
}
