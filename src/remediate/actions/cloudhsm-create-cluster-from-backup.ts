import {
  CreateClusterCommand,
  type CreateClusterCommandOutput,
  DescribeBackupsCommand,
  DescribeClustersCommand,
} from "@aws-sdk/client-cloudhsm-v2";
import { z } from "zod";
import { errorCode, isTransient } from "../../backend/aws-errors.js";
import { type ClusterState, GONE_CLUSTER_STATES } from "../../core/aws-states.js";
import { withRetry } from "../retry.js";
import { type RunContext, StepFailure } from "../step-context.js";
import { defineAction } from "./action.js";
import { learnCluster } from "./live.js";

/** The live clusters restored from this backup. */
async function fromBackup(ctx: RunContext, backupId: string) {
  const res = await withRetry(() => ctx.clients.cloudhsm.send(new DescribeClustersCommand({})));
  return (res.Clusters ?? []).filter(
    (c) => c.SourceBackupId === backupId && !GONE_CLUSTER_STATES.has((c.State ?? "UNKNOWN") as ClusterState),
  );
}

export const cloudhsmCreateClusterFromBackup = defineAction({
  kind: "api",
  service: "cloudhsmv2",
  operation: "CreateCluster",
  mutating: true,
  expect: "a new cluster, CREATE_IN_PROGRESS then ACTIVE, with the backup's users and keys",
  // An interrupted run's cluster from the same backup is reused: never a second billed cluster.
  applies: (p) => !p.reuse,
  plan: (p) => ({ ...p.create }),
  input: z.object({
    HsmType: z.string().min(1).max(32),
    SubnetIds: z.array(z.string().min(1).max(64)).min(1).max(10),
    SourceBackupId: z.string().min(1).max(64),
  }),
  async run(input, _step, _action, ctx) {
    const backupId = input.SourceBackupId;
    const backups = await withRetry(() =>
      ctx.clients.cloudhsm.send(new DescribeBackupsCommand({ Filters: { backupIds: [backupId] } })),
    );
    const backup = backups.Backups?.find((b) => b.BackupId === backupId);
    if (backup?.BackupState !== "READY")
      throw new StepFailure(`backup ${backupId} is ${backup?.BackupState ?? "gone"}, not READY`);
    // One attempt (cloudhsmOnce): CreateCluster has no idempotency token, so a retry after an answer
    // lost on its way back would make a second, billed cluster. After an ambiguous failure kcs looks
    // for the cluster the first attempt made instead.
    const before = new Set((await fromBackup(ctx, backupId)).map((c) => c.ClusterId));
    let res: CreateClusterCommandOutput;
    try {
      res = await ctx.clients.cloudhsmOnce.send(
        new CreateClusterCommand({
          HsmType: input.HsmType,
          SubnetIds: input.SubnetIds,
          SourceBackupId: backupId,
        }),
      );
    } catch (err) {
      if (!isTransient(err)) throw err;
      const made = (await fromBackup(ctx, backupId)).filter((c) => !before.has(c.ClusterId));
      if (made.length !== 1 || !made[0]!.ClusterId) {
        throw new StepFailure(
          `CreateCluster's answer was lost (${errorCode(err)}) and ${made.length === 0 ? "no new cluster" : `${made.length} new clusters`} from ${backupId} can be seen`,
          "Run kcs fix again: it reuses a cluster restored from this backup before it creates another.",
        );
      }
      learnCluster(ctx, made[0]!.ClusterId, made[0]!.SubnetMapping ?? {});
      return `${made[0]!.ClusterId} from ${backupId} (CreateCluster's answer was lost; found the cluster it made)`;
    }
    const created = res.Cluster;
    if (!created?.ClusterId) throw new StepFailure("CreateCluster returned no cluster id");
    learnCluster(ctx, created.ClusterId, created.SubnetMapping ?? {});
    return `${created.ClusterId} from ${backupId}`;
  },
});
