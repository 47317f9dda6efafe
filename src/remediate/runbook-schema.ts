import { z } from "zod";
import { FINDING_CODES } from "../diagnose/catalog.js";

export const STEP_KINDS = ["api", "wait", "manual", "verify"] as const;

const DURATION = /^\d+(ms|s|m|h)$/;

export const StepSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9-]*$/, "step ids are kebab-case"),
    title: z.string().min(1),
    kind: z.enum(STEP_KINDS),
    action: z.string().min(1),
    mutating: z.boolean(),
    when: z.string().optional(),
    timeout: z.string().regex(DURATION, "a duration like 10m").optional(),
    undo: z.string().optional(),
    onFailure: z.string().optional(),
    repeat: z.enum(["AvailabilityZones", "OrphanedKeys"]).optional(),
    onlyIfNotConnected: z.boolean().optional(),
  })
  .strict();

export const RunbookSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9-]*$/),
    title: z.string().min(1),
    findings: z.array(z.enum(FINDING_CODES as [string, ...string[]])).min(1),
    summary: z.string().min(1),
    reference: z.string().url(),
    parameters: z
      .array(
        z
          .object({
            name: z.string().regex(/^[A-Z][A-Za-z]+$/),
            description: z.string().min(1),
            secret: z.boolean().optional(),
            required: z.boolean().optional(),
          })
          .strict(),
      )
      .default([]),
    steps: z.array(StepSchema).min(1),
  })
  .strict();

export type Runbook = z.infer<typeof RunbookSchema>;
export type RunbookStep = z.infer<typeof StepSchema>;
