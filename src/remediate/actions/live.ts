import { DescribeClustersCommand } from "@aws-sdk/client-cloudhsm-v2";
import { DescribeCustomKeyStoresCommand } from "@aws-sdk/client-kms";
import { t } from "../../i18n/index.js";
import { read } from "../retry.js";
import { type RunContext, StepFailure } from "../step-context.js";

/** Connection errors that mean the password KMS holds is wrong: connecting again only adds failed logins. */
export const CREDENTIAL_FAILURES: ReadonlySet<string> = new Set(["INVALID_CREDENTIALS", "USER_LOCKED_OUT"]);

/**
 * The store as KMS describes it now: every step decides from this, never from the plan alone, and a
 * store someone else moved since this run last saw it stops the run here.
 */
export async function storeState(ctx: RunContext, id: string) {
  const res = await read(ctx, () =>
    ctx.clients.kms.send(new DescribeCustomKeyStoresCommand({ CustomKeyStoreId: id })),
  );
  const s = res.CustomKeyStores?.[0];
  if (!s) throw new StepFailure(t("steps.failure.storeGone", { id }));
  ctx.watch.check(id, s);
  return s;
}

export async function describeCluster(ctx: RunContext, id: string) {
  const res = await read(ctx, () =>
    ctx.clients.cloudhsm.send(new DescribeClustersCommand({ Filters: { clusterIds: [id] } })),
  );
  return res.Clusters?.find((c) => c.ClusterId === id);
}

/** What later steps refer to as {{NewClusterId}}, {{NewClusterAz1}} and {{NewClusterAz2}}. */
export function learnCluster(ctx: RunContext, clusterId: string, mapping: Record<string, string>) {
  ctx.outputs.NewClusterId = clusterId;
  const azs = Object.keys(mapping).sort();
  if (azs[0]) ctx.outputs.NewClusterAz1 = azs[0];
  if (azs[1]) ctx.outputs.NewClusterAz2 = azs[1];
}
