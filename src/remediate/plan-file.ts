import { readFileSync, writeFileSync } from "node:fs";
import { UsageError } from "../core/errors.js";
import { PLAN_SCHEMA_VERSION, type Plan, PlanSchema } from "./plan.js";

/** Reads a saved plan; anything that is not a kcs plan of a supported schemaVersion is refused in one line. */
export function readPlanFile(path: string): Plan {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    throw new UsageError(
      `Cannot read the plan ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}.`,
    );
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new UsageError(
      `${path} is not a kcs plan (not JSON). Make one with: kcs fix --dry-run --out ${path}`,
    );
  }
  const version = (data as { schemaVersion?: unknown } | null)?.schemaVersion;
  if ((data as { kind?: unknown } | null)?.kind === "kcs-plan" && version !== PLAN_SCHEMA_VERSION) {
    throw new UsageError(
      `${path} is a kcs plan of schemaVersion ${String(version)}; this kcs applies schemaVersion ${PLAN_SCHEMA_VERSION}. Make a new plan.`,
    );
  }
  const parsed = PlanSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UsageError(
      `${path} is not a valid kcs plan (${issue.path.join(".") || "root"}: ${issue.message}). Make one with: kcs fix --dry-run --out ${path}`,
    );
  }
  return parsed.data;
}

export function writePlanFile(path: string, plan: Plan): void {
  try {
    writeFileSync(path, `${JSON.stringify(plan, null, 2)}\n`, { mode: 0o644 });
  } catch (err) {
    throw new UsageError(
      `Cannot write the plan to ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}.`,
    );
  }
}
