import { Listr, ListrLogger, ProcessOutput } from "listr2";
import { printable } from "../core/printable.js";
import { t } from "../i18n/index.js";
import type { StepOutcome } from "./outcome.js";
import type { Plan, PlanAction } from "./plan.js";
import { jsonSink, lineSink, type ProgressEvent, type ProgressSink, type WaitProgress } from "./progress.js";
import { runStep } from "./run-step.js";
import { stepInRunLanguage } from "./runbook-words.js";
import type { RunContext } from "./step-context.js";
import { StepFailure, StoppedBeforeManual } from "./step-context.js";

/**
 * "default": the live list on a terminal; "simple": listr2's plain list (a person answers prompts in
 * it); "lines" and "json": remediate/progress.ts, for logs and machines; "silent": nothing.
 */
/** A step's title as the person watching reads it: in the run's language (progress JSON keeps the plan's). */
const titleOf = (action: PlanAction, step: PlanAction["steps"][number]) =>
  stepInRunLanguage(action.runbook, step).title;

/**
 * A failure's hint in the run's language: a step whose hint is its runbook's own onFailure advice
 * (English in the plan) gets the runbook's Japanese for it; kcs's other hints are already translated.
 */
const hintOf = (action: PlanAction, step: PlanAction["steps"][number], hint: string) =>
  hint === step.onFailure ? (stepInRunLanguage(action.runbook, step).onFailure ?? hint) : hint;

export type RendererChoice = "default" | "simple" | "silent" | "lines" | "json";

export interface RunResult {
  ok: boolean;
  outcomes: StepOutcome[];
  failure?: {
    action: PlanAction;
    stepId: string;
    message: string;
    hint?: string;
    /** The run stopped on purpose before this manual step (--stop-before-manual). */
    stoppedBeforeManual?: boolean;
  };
}

/**
 * Runs a plan as a live task list on stderr: one group per action, one task per step, each step
 * re-checking the live state before it acts. Stops at the first failure and records where.
 */
export async function executePlan(
  plan: Plan,
  ctx: RunContext,
  renderer: RendererChoice,
  write: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): Promise<RunResult> {
  const outcomes: StepOutcome[] = plan.actions.flatMap((a) =>
    a.steps.map((s) => ({
      customKeyStoreId: a.customKeyStoreId,
      runbook: a.runbook,
      stepId: s.id,
      status: "not run" as const,
      detail: "",
    })),
  );
  const outcome = (a: PlanAction, stepId: string) =>
    outcomes.find(
      (o) => o.customKeyStoreId === a.customKeyStoreId && o.runbook === a.runbook && o.stepId === stepId,
    )!;
  let failure: RunResult["failure"];
  const began = ctx.now();
  const iso = () => new Date(ctx.now()).toISOString();
  /**
   * Runs one step and records its outcome (times, what it created, how it ended), telling `sink`
   * of each change. Throws what the step threw, after recording where the run stopped.
   */
  const runOne = async (
    action: PlanAction,
    step: Plan["actions"][number]["steps"][number],
    actionCtx: RunContext,
    onLine: (line: string) => void,
    sink?: ProgressSink,
  ): Promise<string> => {
    const o = outcome(action, step.id);
    const tell = (event: ProgressEvent["event"], extra: Partial<ProgressEvent> = {}) =>
      sink?.({
        kind: "kcs-progress",
        event,
        at: iso(),
        elapsedMs: ctx.now() - began,
        customKeyStoreId: action.customKeyStoreId,
        customKeyStoreName: action.customKeyStoreName,
        runbook: action.runbook,
        stepId: step.id,
        // Progress JSON is a contract in English; a log's lines are read by people.
        title: renderer === "json" ? step.title : titleOf(action, step),
        ...extra,
      });
    o.startedAt = iso();
    tell("step-start");
    // A copy with its own `created`; `outputs` stays the action's object, shared by its steps.
    const stepCtx: RunContext = {
      ...actionCtx,
      created: (r) => {
        o.created = [...(o.created ?? []), r];
      },
    };
    try {
      const result = await runStep(step, action, stepCtx, (line, wait) => {
        onLine(line);
        // The state is a contract value in JSON; a log's line shows a composite state in the run's language.
        const state = (w: WaitProgress) => (renderer === "json" ? w.state : (w.label ?? w.state));
        tell(
          "step-progress",
          wait ? { state: state(wait), remainingMs: wait.remainingMs } : { detail: line },
        );
      });
      const skip = typeof result !== "string";
      const detail = skip ? t("steps.skipped", { reason: result.skipped }) : result;
      o.status = skip ? "skipped" : "done";
      o.detail = detail;
      o.endedAt = iso();
      tell(o.status === "skipped" ? "step-skipped" : "step-done", { detail });
      return detail;
    } catch (err) {
      const stopped = err instanceof StoppedBeforeManual;
      o.status = stopped ? "not run" : "failed";
      o.detail = stopped ? t("steps.stoppedBeforeManual") : (err as Error).message;
      o.endedAt = iso();
      tell("step-failed", { detail: o.detail });
      failure = {
        action,
        stepId: step.id,
        message: (err as Error).message,
        ...(err instanceof StepFailure && err.hint ? { hint: hintOf(action, step, err.hint) } : {}),
        ...(stopped ? { stoppedBeforeManual: true } : {}),
      };
      throw err;
    }
  };
  if (renderer === "lines" || renderer === "json") {
    const sink = renderer === "json" ? jsonSink(write) : lineSink(write);
    try {
      for (const action of plan.actions) {
        const actionCtx: RunContext = { ...ctx, outputs: {} };
        for (const step of action.steps) await runOne(action, step, actionCtx, () => undefined, sink);
      }
    } catch {
      // The failure was recorded by the step that threw.
    }
    return { ok: !failure, outcomes, ...(failure ? { failure } : {}) };
  }
  const logger = new ListrLogger({ processOutput: new ProcessOutput(process.stderr, process.stderr) });
  const list = new Listr<unknown, "default" | "simple" | "silent", "simple">(
    plan.actions.map((action) => ({
      // Names and messages come from AWS: nothing of theirs may drive the terminal the list is drawn on.
      title: printable(
        t("fix.task.action", {
          runbook: action.runbook,
          name: action.customKeyStoreName,
          id: action.customKeyStoreId,
        }),
      ),
      task: (_ctx, group) => {
        // Each action learns its own restored cluster id: one action's outputs never leak into another's.
        const actionCtx: RunContext = { ...ctx, outputs: {} };
        return group.newListr(
          action.steps.map((step) => ({
            title: printable(titleOf(action, step)),
            // What a --hsm-hook prints on stderr stays on screen, every line, after the step ends.
            ...(step.kind === "manual"
              ? { rendererOptions: { outputBar: Number.POSITIVE_INFINITY, persistentOutput: true } }
              : {}),
            task: async (_c, task) => {
              const detail = await runOne(action, step, actionCtx, (line) => {
                task.output = printable(line);
              });
              task.title = printable(`${titleOf(action, step)} — ${detail}`);
            },
          })),
          { concurrent: false, exitOnError: true },
        );
      },
    })),
    {
      concurrent: false,
      exitOnError: true,
      renderer,
      fallbackRenderer: "simple",
      rendererOptions: { logger, collapseSubtasks: false, showErrorMessage: true },
      fallbackRendererOptions: { logger },
      silentRendererCondition: renderer === "silent",
      fallbackRendererCondition: renderer === "simple",
    } as never,
  );
  try {
    await list.run();
  } catch {
    // The failure was recorded by the step that threw.
  }
  return { ok: !failure, outcomes, ...(failure ? { failure } : {}) };
}
