import type * as z from "zod";
import type { ConnectionState } from "../../core/aws-states.js";
import type { StoreType } from "../../diagnose/catalog.js";
import type { Finding } from "../../diagnose/finding.js";
import type { Snapshot, StoreFacts } from "../../gather/snapshot.js";
import type { PlanAction, PlanStep } from "../plan.js";
import type { WaitProgress } from "../progress.js";
import type { RunContext } from "../step-context.js";

export type StepKind = "api" | "wait" | "manual" | "verify";
export const STEP_KINDS = ["api", "wait", "manual", "verify"] as const satisfies readonly StepKind[];

/**
 * What a step did, in one line in the run's language, or why it had nothing to do. A skip is
 * structured, not a word in the line: the executor records status "skipped" from it, whatever the
 * language, and words it ("skipped: <reason>").
 */
export type StepResult = string | { skipped: string };

/** The step found its work already done, or not its to do; `reason` is in the run's language. */
export const skipped = (reason: string): StepResult => ({ skipped: reason });

/** A step's progress line; a wait also says its state and time left (remediate/progress.ts). */
export type Report = (line: string, wait?: WaitProgress) => void;

/**
 * The exact lines a person runs for a manual step: CloudHSM CLI lines (and the legacy Client SDK 3
 * forms, none for an XKS proxy), or the shell commands that inspect an external key store's proxy.
 */
export interface ManualCommands {
  commands: string[];
  legacyCommands: string[];
}

/** A restore's CreateCluster request, as the planner chose it. */
export interface ClusterRequest {
  HsmType: string;
  SubnetIds: string[];
  SourceBackupId: string;
}

/** What the planner knows when it lays out the steps of one runbook on one store. */
export interface PlanningContext {
  snapshot: Snapshot;
  store: StoreFacts;
  /** The ConnectionState the store will have when this runbook starts (earlier runbooks may connect it). */
  state: ConnectionState;
  /** The findings this runbook repairs on the store. */
  findings: Finding[];
  /** The cluster the HSM steps act on: the store's own, a reused one, or {{NewClusterId}}. */
  targetCluster: string;
  /** Availability Zones that need an HSM (or {{NewClusterAz1}}, {{NewClusterAz2}} for a new cluster). */
  azs: string[];
  /** A restore with a cluster an interrupted run already made from the chosen backup. */
  reuse: boolean;
  /** A restore's new cluster (absent when one is reused). */
  create?: ClusterRequest;
  /** A restore from a backup that holds the kmsuser password KMS has: no reset, no new password. */
  keepsPassword?: boolean;
  /** correct-xks-proxy-uri: what the store's proxy URI becomes (from --param, checked by the planner). */
  xksUri?: { XksProxyUriPath?: string; XksProxyUriEndpoint?: string };
}

/** One repetition of a step that repeats: an Availability Zone, or an orphaned backing key. */
export interface RepeatItem {
  availabilityZone?: string;
  orphan?: Finding;
}

/**
 * Everything one runbook action means, in one module: what it calls, whether it mutates, when the
 * planner includes it, the input it takes (validated again before it runs, so a plan file cannot
 * smuggle anything else in), the commands a person runs for it, and how the executor carries it out
 * against the live state.
 */
export interface Action<I = Record<string, unknown>> {
  kind: StepKind;
  service?: "kms" | "cloudhsmv2";
  operation?: string;
  mutating: boolean;
  /** Needs the new kmsuser password (always, or depending on the step's planned input). */
  needsPassword?: boolean | ((input: Record<string, unknown>) => boolean);
  /**
   * The kinds of store the action is for (default: both). The planner refuses to plan a step on any
   * other: a CloudHSM step on an external key store could only fail, or act on a cluster it has not.
   */
  storeTypes?: readonly StoreType[];
  /** Needs the new XKS proxy credential (kcs fix --xks-credential-stdin, the environment, or a prompt). */
  needsXksCredential?: boolean;
  /** Changes kmsuser on the HSMs: CloudHSM refuses while KMS holds kmsuser's session on that cluster. */
  changesKmsuser?: boolean;
  /** What the world looks like after the step, for reviewers. */
  expect: string;
  /** Whether the planner includes the step (default: always). */
  applies?(p: PlanningContext): boolean;
  /** The step's input as the plan shows it: secrets masked, values learned later as {{Name}}. */
  plan(p: PlanningContext, item: RepeatItem): Record<string, unknown>;
  /** The input the step accepts once {{Name}} values are filled in. */
  input: z.ZodType<I>;
  /** Manual steps: what a person runs on the HSM. */
  commands?(input: NoInfer<I>): ManualCommands;
  /** Manual steps: the one line that asks the person, naming what they must check. */
  what?(input: NoInfer<I>): string;
  run(
    input: NoInfer<I>,
    step: PlanStep,
    action: PlanAction,
    ctx: RunContext,
    report: Report,
  ): Promise<StepResult>;
}

/** Typed by its own input schema, kept in the registry as an action over plain records. */
export function defineAction<I>(action: Action<I>): Action {
  return action as unknown as Action;
}

/** For steps that act on a CloudHSM cluster, its HSMs or kmsuser: never planned on an external key store. */
export const CLOUDHSM_ONLY = ["AWS_CLOUDHSM"] as const satisfies readonly StoreType[];
/** For steps that act on an external key store's proxy configuration or its proxy. */
export const EXTERNAL_ONLY = ["EXTERNAL_KEY_STORE"] as const satisfies readonly StoreType[];
