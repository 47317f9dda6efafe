import { existsSync, readFileSync } from "node:fs";

/** One call the simulator answered, as KCS_SIM_CALL_LOG records it (secrets redacted). */
export interface Call {
  service: string;
  operation: string;
  mutating: boolean;
  input: Record<string, unknown>;
  error?: string;
}

/**
 * Every call in the log. A missing log is an error, not "no calls": a test asserting that nothing
 * mutated must not pass because the log never reached the simulator. Use `made no call` for runs
 * that are refused before they read anything.
 */
export function calls(log: string): Call[] {
  if (!existsSync(log))
    throw new Error(`no call log at ${log}: kcs made no call, or KCS_SIM_CALL_LOG never reached it`);
  return readFileSync(log, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Call);
}

export const mutations = (log: string) => calls(log).filter((c) => c.mutating);

/** kcs was refused before its first AWS call. */
export const madeNoCall = (log: string) => !existsSync(log);
