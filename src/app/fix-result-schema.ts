import * as z from "zod";
import { FINDING_CODES } from "../diagnose/catalog.js";
import { StepOutcomeSchema } from "../remediate/outcome.js";
import { PlanSchema } from "../remediate/plan.js";
import { FindingSchema } from "../report/doctor-report-schema.js";

/** `kcs fix -o json` once a plan was applied (or found nothing to do): schemaVersion 1. */
export const FixResultSchema = z.object({
  schemaVersion: z.literal(1),
  kind: z.literal("kcs-fix-result"),
  /** True only when every step ran and a fresh diagnosis no longer finds what the plan targeted. */
  ok: z.boolean(),
  plan: PlanSchema,
  outcomes: z.array(StepOutcomeSchema),
  /** Targeted findings a fresh diagnosis still shows. */
  remaining: z.array(FindingSchema),
  /** Errors on the stores the plan touched that were not there before it ran: what the run broke. */
  newFindings: z.array(FindingSchema).optional(),
  /** Keys of those stores that were Enabled before the run and are not now. */
  keysNoLongerEnabled: z.array(z.string()).optional(),
  /** Findings of severity error or warning that no runbook repairs: a person decides. */
  needsPerson: z.array(z.enum(FINDING_CODES)).optional(),
});

export type FixResult = z.infer<typeof FixResultSchema>;
