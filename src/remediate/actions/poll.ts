import { formatDuration, parseDuration } from "../../core/duration.js";
import { t } from "../../i18n/index.js";
import type { PlanStep } from "../plan.js";
import { type RunContext, StepFailure } from "../step-context.js";
import type { Report } from "./action.js";
import { CREDENTIAL_FAILURES, storeState } from "./live.js";

export interface Verdict {
  done: boolean;
  /** What AWS says (or kcs's English summary of it): progress JSON's `state`. */
  state: string;
  /** The state in the run's language, when it is kcs's own words (a count of HSMs), not AWS's value. */
  label?: string;
  /** A state the wait cannot end well from: stop at once with this message. */
  terminal?: string;
  hint?: string;
}

/**
 * Reads every --poll-interval until the verdict is done, stopping at once on a terminal state and at
 * the timeout. Time comes from the run's clock and sleep, so tests on simulated time never wait.
 */
export async function poll<T>(
  ctx: RunContext,
  step: PlanStep,
  report: Report,
  read: () => Promise<T>,
  judge: (value: T) => Verdict,
): Promise<string> {
  const own = ctx.timeoutMs ?? (step.timeout ? parseDuration(step.timeout, "timeout") : 20 * 60_000);
  // The run's --max-time cuts a wait short; the message says which limit ended it.
  const left = ctx.budget?.left() ?? own;
  const timeout = Math.min(own, left);
  const limit =
    left < own && ctx.budget
      ? t("steps.wait.budgetSpent", { budget: ctx.budget.describe() })
      : `--timeout ${formatDuration(timeout)}`;
  const start = ctx.now();
  for (let attempt = 1; ; attempt++) {
    const verdict = judge(await read());
    const elapsed = ctx.now() - start;
    const shown = verdict.label ?? verdict.state;
    report(t("steps.wait.progress", { state: shown, attempt, elapsed: formatDuration(elapsed) }), {
      state: verdict.state,
      ...(verdict.label !== undefined ? { label: verdict.label } : {}),
      elapsedMs: elapsed,
      remainingMs: Math.max(0, timeout - elapsed),
    });
    // The runbook's onFailure is English in the plan; the executor gives the person its translation.
    if (verdict.terminal) throw new StepFailure(verdict.terminal, verdict.hint ?? step.onFailure);
    if (verdict.done) return t("steps.result.reached", { state: shown, duration: formatDuration(elapsed) });
    if (elapsed >= timeout) {
      throw new StepFailure(
        t("steps.wait.stillAfter", { state: shown, duration: formatDuration(elapsed), limit }),
        t("steps.wait.runAgainLater"),
      );
    }
    // The last sleep ends at the deadline, so the state is read once more when time is up.
    await ctx.sleep(Math.min(ctx.pollIntervalMs, timeout - elapsed));
  }
}

/**
 * Polls a store's ConnectionState. While connecting, FAILED stops the run at once (and a password that
 * ended INVALID_CREDENTIALS is never tried again), and so does a store someone else disconnected.
 */
export function waitForStore(
  id: string,
  step: PlanStep,
  ctx: RunContext,
  report: Report,
  done: (state: string) => boolean,
  connecting: boolean,
) {
  return poll(
    ctx,
    step,
    report,
    () => storeState(ctx, id),
    (s): Verdict => {
      const state = s.ConnectionState ?? "?";
      if (done(state)) {
        if (state === "CONNECTED") ctx.ledger.connected(id);
        return { done: true, state };
      }
      if (connecting && state === "FAILED") {
        const pw = ctx.storePassword.get(id);
        if (s.ConnectionErrorCode === "INVALID_CREDENTIALS" && pw) ctx.burned.add(pw);
        // Each counts toward kmsuser's lockout, in this run and the next ones (an XKS proxy has no kmsuser).
        if (
          CREDENTIAL_FAILURES.has(s.ConnectionErrorCode ?? "") &&
          s.CustomKeyStoreType !== "EXTERNAL_KEY_STORE"
        )
          ctx.ledger.recordFailedLogin(id, s.CloudHsmClusterId ?? "", new Date(ctx.now()).toISOString());
        return {
          done: false,
          state,
          terminal: t("steps.wait.connectFailed", {
            code: s.ConnectionErrorCode ?? t("steps.wait.noErrorCode"),
          }),
          // The runbook's advice is about its own failure; another code has its own runbook.
          ...(step.onFailure?.includes(s.ConnectionErrorCode ?? "\u0000")
            ? {}
            : {
                hint: t("steps.wait.ownRunbook", {
                  code: s.ConnectionErrorCode ?? t("steps.wait.thisFailure"),
                }),
              }),
        };
      }
      if (connecting && state === "DISCONNECTED") {
        return {
          done: false,
          state,
          terminal: t("steps.wait.disconnected"),
        };
      }
      return { done: false, state };
    },
  );
}
