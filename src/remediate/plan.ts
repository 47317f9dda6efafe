import * as z from "zod";
import { BACKEND_KINDS } from "../core/backend-options.js";
import { FINDING_CODES, RUNBOOK_IDS } from "../diagnose/catalog.js";
import { STEP_KINDS } from "./actions/action.js";
import { ACTION_IDS } from "./actions/ids.js";

export const PLAN_SCHEMA_VERSION = 1;

export const PARAMETER_SOURCES = ["live state", "--param", "default", "stdin", "env", "prompt"] as const;
export type ParameterSource = (typeof PARAMETER_SOURCES)[number];

const PlanParameterSchema = z.object({
  name: z.string(),
  /** Secrets are always the mask. */
  value: z.string(),
  source: z.enum(PARAMETER_SOURCES),
});

/** One step of a plan: the contract's fields plus what a reviewer needs to judge it. */
export const PlanStepSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    kind: z.enum(STEP_KINDS),
    /** The runbook action the executor carries out (actions/). */
    action: z.enum(ACTION_IDS),
    service: z.enum(["kms", "cloudhsmv2"]).optional(),
    operation: z.string().optional(),
    input: z.record(z.string(), z.unknown()),
    mutating: z.boolean(),
    when: z.string().optional(),
    expect: z.string().optional(),
    timeout: z.string().optional(),
    undo: z.string().optional(),
    onFailure: z.string().optional(),
    /** Skipped when the live store is CONNECTED (e.g. add-hsms' reconnect). */
    onlyIfNotConnected: z.boolean().optional(),
    /** Manual steps: the CloudHSM CLI lines, and the legacy cloudhsm_mgmt_util / key_mgmt_util forms. */
    commands: z.array(z.string()).optional(),
    legacyCommands: z.array(z.string()).optional(),
  })
  .passthrough();

/**
 * What a plan does to the people who use the keys (the contract's `impact`): the stores it
 * disconnects, the keys usable now that are Unavailable while it runs, and the billed resources it
 * creates or leaves behind.
 */
export const ImpactSchema = z.object({
  storesTakenOffline: z.array(z.string()),
  keysMadeUnavailable: z.number().int().min(0),
  /** Billed resources the plan creates. */
  creates: z.array(z.string()).optional(),
  /** Resources the plan stops using but does not delete (still billed): what to clean up afterwards. */
  leavesBehind: z.array(z.string()).optional(),
});

export const PlanActionSchema = z
  .object({
    finding: z.enum(FINDING_CODES),
    /** Every finding code this action repairs on the store (the first is `finding`). */
    findings: z.array(z.enum(FINDING_CODES)),
    runbook: z.enum(RUNBOOK_IDS),
    customKeyStoreId: z.string(),
    customKeyStoreName: z.string(),
    /** A fleet plan: the account and Region whose credentials and clients run this action. */
    account: z.string().optional(),
    region: z.string().optional(),
    parameters: z.array(PlanParameterSchema),
    impact: ImpactSchema.optional(),
    steps: z.array(PlanStepSchema),
  })
  .passthrough();

/** `kcs fix --dry-run -o json` and `--out`: the contract's kcs-plan (schemaVersion 1). */
export const PlanSchema = z
  .object({
    schemaVersion: z.literal(PLAN_SCHEMA_VERSION),
    kind: z.literal("kcs-plan"),
    createdAt: z.string(),
    backend: z.enum(BACKEND_KINDS),
    region: z.string(),
    /** Each store's state the plan was made from (a fleet plan's with the store's account and Region). */
    basis: z.array(
      z.object({
        customKeyStoreId: z.string(),
        fingerprint: z.string(),
        account: z.string().optional(),
        region: z.string().optional(),
      }),
    ),
    impact: ImpactSchema.optional(),
    actions: z.array(PlanActionSchema),
    /** Findings the plan leaves for later or for a person, and why. */
    notes: z.array(z.string()).optional(),
  })
  .passthrough();

export type PlanParameter = z.infer<typeof PlanParameterSchema>;
export type PlanStep = z.infer<typeof PlanStepSchema>;
export type PlanAction = z.infer<typeof PlanActionSchema>;
export type Plan = z.infer<typeof PlanSchema>;
export type Impact = z.infer<typeof ImpactSchema>;

// The views count steps without the schemas above: see ./plan-counts.ts.
export { planCounts } from "./plan-counts.js";
