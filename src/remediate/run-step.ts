import { CONNECTION_ERROR_FINDINGS, runbookFor } from "../diagnose/catalog.js";
import { t } from "../i18n/index.js";
import { type Report, type StepResult, skipped } from "./actions/action.js";
import { ACTIONS } from "./actions/index.js";
import { CREDENTIAL_FAILURES, describeCluster, learnCluster, storeState } from "./actions/live.js";
import type { PlanAction, PlanStep } from "./plan.js";
import { type RunContext, resolveInput, StepFailure, StoppedBeforeManual } from "./step-context.js";

/**
 * Runs one plan step against the live state. The checks every step shares come first (a reconnect
 * that is no longer needed, kmsuser held by KMS); then the step's input, with what earlier steps
 * learned filled in, must satisfy its action's schema; then the action checks its own precondition
 * and acts.
 */
export async function runStep(
  step: PlanStep,
  action: PlanAction,
  ctx: RunContext,
  report: Report,
): Promise<StepResult> {
  const spec = ACTIONS[step.action];
  if (spec.kind === "manual" && ctx.stopBeforeManual) throw new StoppedBeforeManual(step.title);
  // A verification only reads, and tells the truth about what the run did: it runs whatever is left.
  if (ctx.budget?.spent() && spec.kind !== "verify") {
    throw new StepFailure(
      t("steps.failure.budgetSpent", { budget: ctx.budget.describe() }),
      t("steps.failure.budgetHint"),
    );
  }
  // Every step that changes something or waits for something first sees the store where this run
  // expects it (contract: kcs fix rule 10); storeState stops the run when someone else moved it.
  if (step.onlyIfNotConnected || spec.changesKmsuser || spec.mutating || spec.kind === "wait") {
    const live = await storeState(ctx, action.customKeyStoreId);
    if (step.onlyIfNotConnected && live.ConnectionState === "CONNECTED")
      return skipped(t("steps.skip.storeConnected"));
    // A wrong kmsuser password is its own runbook's to fix: reconnecting here would only add a failed
    // login, and disconnecting would erase the evidence.
    const code = live.ConnectionErrorCode ?? "";
    if (step.onlyIfNotConnected && live.ConnectionState === "FAILED" && CREDENTIAL_FAILURES.has(code)) {
      const finding = CONNECTION_ERROR_FINDINGS.get(code);
      const type = live.CustomKeyStoreType === "EXTERNAL_KEY_STORE" ? "EXTERNAL_KEY_STORE" : "AWS_CLOUDHSM";
      const fixer = finding ? runbookFor(finding, type) : null;
      // The runbook that repairs the credential is the one that reconnects it: its steps run.
      if (fixer !== action.runbook)
        return skipped(
          t("steps.skip.credentialRunbook", { code, fixer: fixer ?? t("steps.skip.itsOwnRunbook") }),
        );
    }
    // KMS holds kmsuser's session on the store's own cluster while connected; a restored cluster is free.
    const target =
      step.input.ClusterId === "{{NewClusterId}}" ? ctx.outputs.NewClusterId : step.input.ClusterId;
    if (spec.changesKmsuser && target === live.CloudHsmClusterId && live.ConnectionState !== "DISCONNECTED") {
      throw new StepFailure(t("steps.failure.kmsuserBusy", { state: String(live.ConnectionState) }));
    }
  }
  // A reused restored cluster (named by the plan's parameters) is known before any step learns it.
  const reused = action.parameters.find((p) => p.name === "NewClusterId");
  if (reused && !ctx.outputs.NewClusterId) ctx.outputs.NewClusterId = reused.value;
  if (reused && !ctx.outputs.NewClusterAz1) {
    const c = await describeCluster(ctx, reused.value);
    if (c) learnCluster(ctx, reused.value, c.SubnetMapping ?? {});
  }
  const input = spec.input.safeParse(resolveInput(step.input, ctx.outputs));
  if (!input.success) {
    const issue = input.error.issues[0]!;
    throw new StepFailure(
      t("steps.failure.badInput", {
        step: step.id,
        action: step.action,
        path: issue.path.join(".") || "input",
        message: issue.message,
      }),
    );
  }
  if (spec.kind !== "manual" || !ctx.operator.person) return spec.run(input.data, step, action, ctx, report);
  // The budget bounds kcs and its automation, not the person doing a manual step.
  const started = ctx.now();
  try {
    return await spec.run(input.data, step, action, ctx, report);
  } finally {
    ctx.budget?.giveBack(ctx.now() - started);
  }
}
