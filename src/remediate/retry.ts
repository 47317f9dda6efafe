import pRetry, { AbortError } from "p-retry";
import { isTransient } from "../backend/aws-errors.js";

/**
 * One AWS call, retried with backoff on transient errors beyond what the SDK already retried; anything
 * else fails at once.
 */
export function withRetry<T>(fn: () => Promise<T>, minTimeout = 500): Promise<T> {
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
    },
  );
}
