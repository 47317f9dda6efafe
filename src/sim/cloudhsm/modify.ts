import type { OpContext } from "../context.js";
import { awsError } from "../errors.js";
import { hsmInvalid, type Input, Params } from "../input.js";
import type { ClusterState } from "../world.js";
import { clusterView, findCluster, hsmEvent, retentionPolicy } from "./clusters.js";

const invalidRequest = (message: string) => awsError("CloudHsmInvalidRequestException", message);

/** States in which a cluster is busy changing and takes no other change. */
const BUSY: readonly ClusterState[] = [
  "CREATE_IN_PROGRESS",
  "INITIALIZE_IN_PROGRESS",
  "UPDATE_IN_PROGRESS",
  "MODIFY_IN_PROGRESS",
  "ROLLBACK_IN_PROGRESS",
  "DELETE_IN_PROGRESS",
];

/**
 * ModifyCluster changes how long the cluster's backups are kept, and (on AWS) migrates it to another
 * HSM type. The simulator models no migration: asking for the type the cluster already has changes
 * nothing, and asking for another is refused rather than pretended.
 */
export function modifyCluster(ctx: OpContext, input: Input) {
  const p = new Params(input, hsmInvalid);
  const cluster = findCluster(ctx.world, p.str("ClusterId", { required: true }));
  const hsmType = p.str("HsmType", { max: 32 });
  const retention = retentionPolicy(p);
  if (hsmType === undefined && retention === undefined)
    throw invalidRequest("Specify HsmType or BackupRetentionPolicy (or both) to modify a cluster.");
  if (BUSY.includes(cluster.State))
    throw invalidRequest(
      `Cluster ${cluster.ClusterId} is ${cluster.State}; try again when it is not changing.`,
    );
  if (hsmType !== undefined && hsmType !== cluster.HsmType)
    throw invalidRequest(
      `Cluster ${cluster.ClusterId} is ${cluster.HsmType}: the simulator does not model migrating a cluster to ${hsmType}.`,
    );
  if (retention) cluster.BackupRetentionPolicy = retention;
  const view = clusterView(cluster);
  hsmEvent(
    ctx,
    "ModifyCluster",
    {
      clusterId: cluster.ClusterId,
      ...(hsmType !== undefined ? { hsmType } : {}),
      ...(retention ? { backupRetentionPolicy: { type: retention.Type, value: retention.Value } } : {}),
    },
    { cluster: view },
  );
  return { Cluster: view };
}
