import { parseDuration } from "../core/duration.js";
import { UsageError } from "../core/errors.js";
import { readRegularFile, writeFileAtomic } from "../core/files.js";
import { t } from "../i18n/index.js";
import { ACTIONS } from "./actions/index.js";
import { PLAN_SCHEMA_VERSION, type Plan, PlanSchema } from "./plan.js";

/** Bounds no plan kcs makes comes near (a fleet of thousands of stores included). */
export const PLAN_LIMITS = { bytes: 8 * 1024 * 1024, actions: 10_000, stepsPerAction: 200 } as const;

/** Parameter names the planner writes. */
const PLAN_PARAMETERS = new Set([
  "AcceptKeyLoss",
  "BackupId",
  "HsmType",
  "KmsUserPassword",
  "NewClusterId",
  "SubnetIds",
]);

/**
 * Everything in a plan that kcs would otherwise find only when it came to it, checked before any
 * step runs: bounds, each step's kind and mutation as kcs's own action table has them, its input
 * as its action takes it, its timeout, and each parameter's name. Returns the first problem.
 */
export function planProblem(plan: Plan): string | undefined {
  if (plan.actions.length > PLAN_LIMITS.actions)
    return `${plan.actions.length} actions (at most ${PLAN_LIMITS.actions})`;
  for (const [i, a] of plan.actions.entries()) {
    const at = `actions.${i}`;
    if (a.steps.length > PLAN_LIMITS.stepsPerAction)
      return `${at}: ${a.steps.length} steps (at most ${PLAN_LIMITS.stepsPerAction})`;
    const unknown = a.parameters.find((p) => !PLAN_PARAMETERS.has(p.name));
    if (unknown)
      return `${at}.parameters: ${JSON.stringify(unknown.name.slice(0, 40))} is not a parameter kcs plans`;
    for (const [j, step] of a.steps.entries()) {
      const spec = ACTIONS[step.action];
      const here = `${at}.steps.${j} (${step.id.slice(0, 40)})`;
      if (step.kind !== spec.kind || step.mutating !== spec.mutating)
        return `${here}: kind or mutating differ from what ${step.action} is`;
      const input = spec.input.safeParse(step.input);
      if (!input.success) {
        const issue = input.error.issues[0]!;
        return `${here}: input ${issue.path.join(".") || ""} ${issue.message}`;
      }
      if (step.timeout !== undefined) {
        try {
          parseDuration(step.timeout, "timeout", { min: 1_000, max: 24 * 3_600_000 });
        } catch {
          return `${here}: timeout is not a duration between 1s and 24h`;
        }
      }
    }
  }
  return undefined;
}

/** Reads a saved plan; anything that is not a kcs plan of a supported schemaVersion is refused in one line. */
export function readPlanFile(path: string): Plan {
  let text: string;
  try {
    text = readRegularFile(path, PLAN_LIMITS.bytes, () => t("errors.file.kinds.plan"));
  } catch (err) {
    if (err instanceof UsageError) throw err;
    throw new UsageError(
      t("fix.planFile.cannotRead", {
        path,
        why: (err as NodeJS.ErrnoException).code ?? (err as Error).message,
      }),
    );
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new UsageError(t("fix.planFile.notJson", { path }));
  }
  const version = (data as { schemaVersion?: unknown } | null)?.schemaVersion;
  if ((data as { kind?: unknown } | null)?.kind === "kcs-plan" && version !== PLAN_SCHEMA_VERSION) {
    throw new UsageError(
      t("fix.planFile.schemaVersion", { path, found: String(version), applies: PLAN_SCHEMA_VERSION }),
    );
  }
  const parsed = PlanSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UsageError(
      t("fix.planFile.invalid", { path, field: issue.path.join(".") || "root", message: issue.message }),
    );
  }
  const problem = planProblem(parsed.data);
  if (problem) throw new UsageError(t("fix.planFile.notOurs", { path, problem }));
  return parsed.data;
}

export function writePlanFile(path: string, plan: Plan): void {
  try {
    // Beside the target and renamed over it: a symlink planted at --out is replaced, never followed.
    writeFileAtomic(path, `${JSON.stringify(plan, null, 2)}\n`);
  } catch (err) {
    throw new UsageError(
      t("fix.planFile.cannotWrite", {
        path,
        why: (err as NodeJS.ErrnoException).code ?? (err as Error).message,
      }),
    );
  }
}
