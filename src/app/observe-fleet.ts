import { errorCode } from "../backend/aws-errors.js";
import type { Backend } from "../backend/backend.js";
import { ledgerPath } from "../backend/backend.js";
import type { Fleet, TargetFailure } from "../backend/fleet.js";
import { KcsError, UsageError } from "../core/errors.js";
import { Ledger } from "../remediate/ledger.js";
import type { TargetObservation } from "../report/fleet-report.js";
import { type ObserveOptions, observe } from "./observe.js";

/**
 * How many targets are read at once. Each has its own quotas (AWS's are per account and Region), so
 * more would be faster still; four keeps a laptop's sockets and a CI runner's memory in bounds.
 */
export const FLEET_CONCURRENCY = 4;

export interface FleetObservation {
  parts: TargetObservation[];
  failed: TargetFailure[];
}

/** Runs `fn` over `items`, at most `limit` at a time, keeping their order. */
export async function bounded<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/**
 * observe() on every target of a fleet, each with its own ledger and options (its own caches). A
 * target whose reads cannot even start (credentials its Region refuses, an unreachable endpoint) is
 * a failed target; a usage error (an unknown --store) is everyone's and stops the run.
 */
export async function observeFleet(
  fleet: Fleet,
  optionsFor: (backend: Backend) => ObserveOptions,
): Promise<FleetObservation> {
  const failed: TargetFailure[] = [...fleet.failures];
  const seen = await bounded(fleet.targets, FLEET_CONCURRENCY, async (backend) => {
    try {
      const o = await observe(backend, new Ledger(ledgerPath(backend)), optionsFor(backend));
      return {
        account: backend.account ?? "",
        region: backend.region,
        ...(backend.via ? { via: backend.via } : {}),
        ...o,
      };
    } catch (err) {
      if (err instanceof UsageError) throw err;
      const code = (err instanceof KcsError && err.awsCode) || errorCode(err);
      failed.push({
        account: backend.account ?? "",
        region: backend.region,
        service: "kms",
        operation: "DescribeCustomKeyStores",
        code,
        message:
          code === "UnrecognizedClientException"
            ? `AWS refused the account's credentials in ${backend.region}: an opt-in Region the account has not enabled answers so (enable it, or leave it out of --region), as do expired credentials.`
            : (err instanceof Error ? err.message : String(err)).split("\n")[0]!,
      });
      return undefined;
    }
  });
  return { parts: seen.filter((p): p is TargetObservation => p !== undefined), failed };
}
