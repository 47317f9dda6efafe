import * as z from "zod";
import { type FindingCode, RUNBOOK_IDS } from "../diagnose/catalog.js";
import type { StepKind } from "./actions/action.js";
import { ACTION_IDS } from "./actions/ids.js";

const DURATION = /^\d+(ms|s|m|h)$/;

/** A Japanese text beside its English one: non-empty, and written in Japanese. */
const JA_TEXT = z
  .string()
  .min(1)
  .regex(/[\u3040-\u30ff\u3400-\u9fff\uff00-\uffef]|^[A-Za-z]+$/, "a Japanese text (or an API name)");

/**
 * Every English text a person reads has its Japanese beside it in the same file (`ja:`), so a runbook
 * cannot gain a step or a sentence that `kcs --lang ja` would show in English.
 */
function japaneseFor<T extends string>(
  english: Record<string, unknown>,
  ja: Record<string, unknown>,
  fields: T[],
) {
  return fields.flatMap((f) =>
    english[f] !== undefined && ja[f] === undefined
      ? [{ field: f, message: `${f} has no Japanese: add ja.${f}` }]
      : english[f] === undefined && ja[f] !== undefined
        ? [{ field: f, message: `ja.${f} translates nothing: there is no ${f}` }]
        : [],
  );
}

const StepJaSchema = z
  .object({
    title: JA_TEXT,
    when: JA_TEXT.optional(),
    undo: JA_TEXT.optional(),
    onFailure: JA_TEXT.optional(),
  })
  .strict();

export const RunbookStepSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9-]*$/, "step ids are kebab-case"),
    title: z.string().min(1),
    /** What the step does: an action module under src/remediate/actions/ (its kind, call and mutating flag come from there). */
    action: z.enum(ACTION_IDS),
    when: z.string().optional(),
    timeout: z.string().regex(DURATION, "a duration like 10m").optional(),
    undo: z.string().optional(),
    onFailure: z.string().optional(),
    repeat: z.enum(["AvailabilityZones", "OrphanedKeys"]).optional(),
    onlyIfNotConnected: z.boolean().optional(),
    /** The step's words in Japanese: its title, and its when, undo and onFailure where it has them. */
    ja: StepJaSchema,
  })
  .strict()
  .superRefine((step, ctx) => {
    for (const { field, message } of japaneseFor(step, step.ja, ["when", "undo", "onFailure"]))
      ctx.addIssue({ code: "custom", path: ["ja", field], message });
  });

/** How a runbook that restores a cluster chooses what to restore and where. */
const RestoreSchema = z
  .object({
    /** newest: the newest READY backup of the cluster's lineage; holds-every-key: the oldest taken after the store's newest key. */
    backup: z.enum(["newest", "holds-every-key"]),
    /**
     * current: the cluster's own subnets; chosen: subnets kcs picks from EC2 (one per AZ, with room,
     * in the cluster's VPC); named: --param SubnetIds is required. --param SubnetIds overrides each.
     */
    subnets: z.enum(["current", "chosen", "named"]),
  })
  .strict();

/**
 * One runbook file. Besides its steps it says how the planner composes it with the other runbooks
 * on a store, so the planner itself names no runbook.
 */
export const RunbookSchema = z
  .object({
    id: z.enum(RUNBOOK_IDS),
    title: z.string().min(1),
    summary: z.string().min(1),
    /** The runbook's title and summary in Japanese (`kcs --lang ja runbooks show`, the plan). */
    ja: z.object({ title: JA_TEXT, summary: JA_TEXT }).strict(),
    reference: z.string().url(),
    /** Runbooks on one store run in ascending order: make the cluster usable, then connect, then tidy up. */
    order: z.number().int().min(0),
    /**
     * always: it ends with the store CONNECTED, so a runbook before it may leave the connect to it;
     * if-needed: it connects only a store that is not connected; for-itself: it disconnects for its
     * own work and connects again at its end, which connects nothing for the runbooks before it;
     * never: it does not connect.
     */
    connects: z.enum(["always", "if-needed", "for-itself", "never"]),
    /** Its whole job is a connect: left out when another runbook on the store connects it. */
    connectOnly: z.boolean().default(false),
    /** What a store gets instead of a connectOnly runbook while KMS may not know kmsuser's password. */
    repairsPassword: z.boolean().default(false),
    /** It moves the store to a cluster restored from a backup: every runbook but the ones that only wait is left for a later run. */
    restore: RestoreSchema.optional(),
    parameters: z
      .array(
        z
          .object({
            name: z.string().regex(/^[A-Z][A-Za-z]+$/),
            description: z.string().min(1),
            secret: z.boolean().optional(),
            required: z.boolean().optional(),
            ja: z.object({ description: JA_TEXT }).strict(),
          })
          .strict(),
      )
      .default([]),
    steps: z.array(RunbookStepSchema).min(1),
  })
  .strict();

/** A step as the planner reads it: its words in English (the plan's JSON); ../runbooks.ts keeps the Japanese. */
export type RunbookStep = Omit<z.infer<typeof RunbookStepSchema>, "ja">;

/** A loaded step: the file's, plus what its action module says it is. */
export type LoadedStep = RunbookStep & {
  kind: StepKind;
  mutating: boolean;
  service?: "kms" | "cloudhsmv2";
  operation?: string;
};

/** A loaded runbook: the file, plus the findings the catalog sends to it and each step's action facts. */
export type Runbook = Omit<z.infer<typeof RunbookSchema>, "steps" | "ja" | "parameters"> & {
  parameters: Omit<z.infer<typeof RunbookSchema>["parameters"][number], "ja">[];
  findings: FindingCode[];
  steps: LoadedStep[];
};
