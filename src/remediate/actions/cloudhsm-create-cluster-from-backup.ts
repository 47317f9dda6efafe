import {
  type Cluster,
  CreateClusterCommand,
  DescribeBackupsCommand,
  DescribeClustersCommand,
} from "@aws-sdk/client-cloudhsm-v2";
import * as z from "zod";
import { isAccessDenied } from "../../backend/aws-errors.js";
import { type ClusterState, GONE_CLUSTER_STATES } from "../../core/aws-states.js";
import { t } from "../../i18n/index.js";
import { mutate, read } from "../retry.js";
import { type RunContext, StepFailure } from "../step-context.js";
import { CLOUDHSM_ONLY, defineAction } from "./action.js";
import { learnCluster } from "./live.js";

/** The tag kcs puts on a cluster it creates: the run that made it, so a lost answer can be found. */
export const RUN_TAG = "kcs:run-id";

/** The live clusters restored from this backup: every page of DescribeClusters, not the first 25. */
async function fromBackup(ctx: RunContext, backupId: string) {
  const all: Cluster[] = [];
  let NextToken: string | undefined;
  do {
    const token = NextToken;
    const res = await read(ctx, () =>
      ctx.clients.cloudhsm.send(new DescribeClustersCommand({ ...(token ? { NextToken: token } : {}) })),
    );
    all.push(...(res.Clusters ?? []));
    NextToken = res.NextToken;
  } while (NextToken);
  return all.filter(
    (c) => c.SourceBackupId === backupId && !GONE_CLUSTER_STATES.has((c.State ?? "UNKNOWN") as ClusterState),
  );
}

export const cloudhsmCreateClusterFromBackup = defineAction({
  storeTypes: CLOUDHSM_ONLY,
  kind: "api",
  service: "cloudhsmv2",
  operation: "CreateCluster",
  mutating: true,
  expect: "a cluster, CREATE_IN_PROGRESS then UNINITIALIZED (restored: ACTIVE once an HSM is added)",
  applies: (p) => p.create !== undefined,
  plan: (p) => ({ ...p.create }),
  input: z.object({
    HsmType: z.string().min(1).max(32),
    SubnetIds: z.array(z.string().min(1).max(32)).min(1).max(10),
    SourceBackupId: z.string().min(1).max(256),
  }),
  async run(input, _step, _action, ctx) {
    const backupId = input.SourceBackupId;
    const backups = await read(ctx, () =>
      ctx.clients.cloudhsm.send(new DescribeBackupsCommand({ Filters: { backupIds: [backupId] } })),
    );
    const backup = backups.Backups?.find((b) => b.BackupId === backupId);
    if (backup?.BackupState !== "READY")
      throw new StepFailure(
        t("steps.failure.backupNotReady", {
          backup: backupId,
          state: backup?.BackupState ?? t("steps.failure.gone"),
        }),
      );
    // One attempt per send (cloudhsmOnce): CreateCluster has no idempotency token, so a retry after an
    // answer lost on its way back would make a second, billed cluster. The cluster is tagged with the
    // run's id; after an ambiguous failure kcs looks for it before it sends again.
    const before = new Set((await fromBackup(ctx, backupId)).map((c) => c.ClusterId));
    let tagged = true;
    let made: Cluster | undefined;
    const ours = (c: Cluster) =>
      tagged
        ? c.TagList?.some((t) => t.Key === RUN_TAG && t.Value === ctx.runId) === true
        : !before.has(c.ClusterId);
    const create = async () => {
      try {
        const res = await ctx.clients.cloudhsmOnce.send(
          new CreateClusterCommand({
            HsmType: input.HsmType,
            SubnetIds: input.SubnetIds,
            SourceBackupId: backupId,
            ...(tagged ? { TagList: [{ Key: RUN_TAG, Value: ctx.runId }] } : {}),
          }),
        );
        made = res.Cluster;
      } catch (err) {
        // Tagging at creation also needs cloudhsm:TagResource. AWS refused before acting, so the
        // restore goes on untagged, and a lost answer is found as the one new cluster from the backup.
        if (!(tagged && isAccessDenied(err) && /TagResource/.test((err as Error).message))) throw err;
        tagged = false;
        await create();
      }
    };
    const how = await mutate(
      ctx,
      create,
      async () => {
        const found = (await fromBackup(ctx, backupId)).filter(ours);
        if (found.length > 1) {
          throw new StepFailure(
            t("steps.failure.clustersSeen", { count: found.length, backup: backupId }),
            t("steps.failure.clustersSeenHint"),
          );
        }
        made = found[0];
        return made !== undefined;
      },
      { unsure: "stop" },
    );
    if (!made?.ClusterId) throw new StepFailure(t("steps.failure.noClusterId"));
    learnCluster(ctx, made.ClusterId, made.SubnetMapping ?? {});
    ctx.created?.({ type: "cluster", id: made.ClusterId });
    return t("steps.result.clusterFromBackup", {
      cluster: made.ClusterId,
      backup: backupId,
      tagged: tagged ? t("steps.result.tagged", { tag: `${RUN_TAG}=${ctx.runId}` }) : "",
      note: how === "landed" ? t("steps.result.clusterLanded") : "",
    });
  },
});
