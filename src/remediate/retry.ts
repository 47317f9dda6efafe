import pRetry from "p-retry";
import { errorCode, isThrottling, isTransient } from "../backend/aws-errors.js";
import { backoffMs } from "../core/backoff.js";
import type { Budget } from "../core/budget.js";
import { t } from "../i18n/index.js";
import { StepFailure } from "./step-context.js";

/** The run's clock: wall time in the CLI, simulated time in tests. */
export interface RetryClock {
  now(): number;
  sleep(ms: number): Promise<void>;
  /** The run's --max-time: no retry outlives it. */
  budget?: Budget | undefined;
}

/** How long one step's call may keep retrying throttled or transient answers (contract: kcs fix rule 11). */
export const STEP_RETRY_BUDGET_MS = 60_000;

/**
 * p-retry runs the attempts; the run's clock paces them (its own timer is set to zero), so a retry
 * in a test moves simulated time instead of waiting, and the budget is counted on the same clock as
 * every wait of the run.
 */
function retrying<T>(clock: RetryClock, fn: () => Promise<T>, retryable: (err: unknown) => boolean) {
  const deadline = clock.now() + Math.min(STEP_RETRY_BUDGET_MS, clock.budget?.left() ?? STEP_RETRY_BUDGET_MS);
  return pRetry(fn, {
    retries: Number.POSITIVE_INFINITY,
    minTimeout: 0,
    maxTimeout: 0,
    randomize: false,
    shouldRetry: async ({ error, attemptNumber }) => {
      const wait = backoffMs(attemptNumber);
      if (!retryable(error) || clock.now() + wait >= deadline) return false;
      await clock.sleep(wait);
      return true;
    },
  });
}

/**
 * A read during a run: throttling, 5xx and network failures beyond the SDK's own retries are tried
 * again with jittered back-off within the step's budget, on the run's clock. Anything else fails at once.
 */
export function read<T>(clock: RetryClock, fn: () => Promise<T>): Promise<T> {
  return retrying(clock, fn, isTransient);
}

/**
 * A change that is not safe to send twice blindly (connect, disconnect, moving a store). A throttled
 * call was refused before AWS acted, so it is sent again. Any other failure may have come after AWS
 * acted (an answer lost on its way back, or the SDK's retry of one meeting the changed state), so the
 * live state decides: when `landed` sees the change, the call did its work; otherwise a transient
 * failure is retried and any other is thrown.
 */
export function mutate(
  clock: RetryClock,
  fn: () => Promise<unknown>,
  landed?: () => Promise<boolean>,
  opts: { unsure?: "resend" | "stop" } = {},
): Promise<"sent" | "landed"> {
  return retrying(
    clock,
    async () => {
      try {
        await fn();
        return "sent" as const;
      } catch (err) {
        if (!isThrottling(err) && landed && (await landedSafely(landed, err, opts.unsure ?? "resend")))
          return "landed" as const;
        throw err;
      }
    },
    isTransient,
  );
}

/**
 * A failed look at the live state proves nothing. Sending a connect or disconnect again is safe
 * (a second one meets the changed state and is looked at again); a create without an idempotency
 * token is not (`unsure: "stop"`): the run stops instead, and the next one looks first.
 */
async function landedSafely(landed: () => Promise<boolean>, cause: unknown, unsure: "resend" | "stop") {
  try {
    return await landed();
  } catch (err) {
    if (err instanceof StepFailure) throw err;
    if (unsure === "stop") {
      throw new StepFailure(
        t("fix.retry.lostAnswer", { code: errorCode(cause), lookCode: errorCode(err) }),
        t("fix.retry.lostAnswerHint"),
      );
    }
    return false;
  }
}
