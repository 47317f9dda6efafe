import * as z from "zod";
import { RUNBOOK_IDS } from "../diagnose/catalog.js";

export const STEP_STATUSES = ["done", "skipped", "failed", "not run"] as const;

/** What became of one plan step in a run (part of kcs-fix-result). */
export const StepOutcomeSchema = z.object({
  customKeyStoreId: z.string(),
  runbook: z.enum(RUNBOOK_IDS),
  stepId: z.string(),
  status: z.enum(STEP_STATUSES),
  /** What the step saw or did, in one line. */
  detail: z.string(),
  /** When the step began and ended (UTC, the run's clock); absent for a step that never ran. */
  startedAt: z.string().optional(),
  endedAt: z.string().optional(),
  /** What the step created (a restored cluster, an HSM): billed resources, by id. */
  created: z.array(z.object({ type: z.enum(["cluster", "hsm"]), id: z.string() })).optional(),
});

export type StepOutcome = z.infer<typeof StepOutcomeSchema>;
