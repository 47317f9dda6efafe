import type { Secret } from "../../core/secret.js";
import { t } from "../../i18n/index.js";
import type { PlanAction } from "../plan.js";
import { type RunContext, StepFailure } from "../step-context.js";

/** Stands for "the password KMS holds, known to be wrong" in the run's password bookkeeping. */
export const KNOWN_BAD = "known-bad";

export function requirePassword(ctx: RunContext): Secret {
  if (!ctx.password) throw new StepFailure(t("steps.failure.needsPassword"));
  return ctx.password;
}

/**
 * Gives kmsuser a new password on a cluster. Until KMS is told it too, the ledger says KMS's password
 * for that cluster is unknown, so an interruption in between cannot lead to a blind connect.
 */
export async function setKmsuser(
  clusterId: string,
  action: PlanAction,
  ctx: RunContext,
  set: (password: Secret) => Promise<string>,
): Promise<string> {
  ctx.ledger.startPassword(action.customKeyStoreId, clusterId, action.runbook);
  const out = await set(requirePassword(ctx));
  ctx.passwordSetOn.add(action.customKeyStoreId);
  return out;
}

/** KMS and the HSMs now share the password kcs set in this run: nothing is in flight any more. */
export function passwordLanded(ctx: RunContext, storeId: string) {
  if (ctx.passwordSetOn.has(storeId)) ctx.ledger.finishPassword(storeId);
}
