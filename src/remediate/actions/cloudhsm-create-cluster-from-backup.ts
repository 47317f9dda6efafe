import { CreateClusterCommand, DescribeBackupsCommand } from "@aws-sdk/client-cloudhsm-v2";
import { z } from "zod";
import { withRetry } from "../retry.js";
import { StepFailure } from "../step-context.js";
import { defineAction } from "./action.js";
import { learnCluster } from "./live.js";

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
    // Not retried here: CreateCluster has no idempotency token, and a lost answer retried could make a
    // second cluster. Running kcs fix again finds and reuses the one that was made.
    const res = await ctx.clients.cloudhsm.send(
      new CreateClusterCommand({
        HsmType: input.HsmType,
        SubnetIds: input.SubnetIds,
        SourceBackupId: backupId,
      }),
    );
    const created = res.Cluster;
    if (!created?.ClusterId) throw new StepFailure("CreateCluster returned no cluster id");
    learnCluster(ctx, created.ClusterId, created.SubnetMapping ?? {});
    return `${created.ClusterId} from ${backupId}`;
  },
});
