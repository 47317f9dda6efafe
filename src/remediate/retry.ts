import pRetry, { AbortError } from "p-retry";
import { errorCode } from "../backend/aws-errors.js";

const TRANSIENT =
  /Throttl|TooManyRequests|RequestLimitExceeded|KMSInternalException|CloudHsmInternalFailure|ServiceUnavailable|InternalFailure|DependencyTimeout|TimeoutError|ECONNRESET|ECONNREFUSED|ETIMEDOUT|EPIPE/;

/** Throttling, 5xx and "KMS cannot communicate with your CloudHSM cluster" are worth another try. */
export function isTransient(err: unknown): boolean {
  const code = errorCode(err);
  const status = (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode ?? 0;
  return (
    TRANSIENT.test(code) ||
    status >= 500 ||
    /cannot communicate with your CloudHSM cluster/i.test((err as Error).message ?? "")
  );
}

/**
 * One AWS call, retried with backoff on transient errors beyond what the SDK already retried; anything
 * else fails at once. `onRetry` reports each attempt to the task list.
 */
export function withRetry<T>(
  fn: () => Promise<T>,
  onRetry?: (attempt: number, err: unknown) => void,
  minTimeout = 500,
): Promise<T> {
  return pRetry(
    async () => {
      try {
        return await fn();
      } catch (err) {
        if (!isTransient(err)) throw new AbortError(err as Error);
        throw err;
      }
    },
    {
      retries: 4,
      minTimeout,
      factor: 2,
      onFailedAttempt: ({ error, attemptNumber }) => onRetry?.(attemptNumber, error),
    },
  );
}
