import { type ClusterState, GONE_CLUSTER_STATES } from "../../core/aws-states.js";
import { t } from "../../i18n/index.js";
import { CLOUDHSM_ONLY, defineAction } from "./action.js";
import { ClusterInput } from "./inputs.js";
import { describeCluster, learnCluster } from "./live.js";
import { poll } from "./poll.js";

export const waitClusterActive = defineAction({
  storeTypes: CLOUDHSM_ONLY,
  kind: "wait",
  service: "cloudhsmv2",
  operation: "DescribeClusters",
  mutating: false,
  expect: "cluster State ACTIVE",
  plan: (p) => ({ ClusterId: p.targetCluster }),
  input: ClusterInput,
  run: ({ ClusterId: id }, step, _action, ctx, report) =>
    poll(
      ctx,
      step,
      report,
      () => describeCluster(ctx, id),
      (c) => {
        const state = c?.State ?? "absent";
        if (c && !ctx.outputs.NewClusterAz1) learnCluster(ctx, id, c.SubnetMapping ?? {});
        if (state === "absent" || GONE_CLUSTER_STATES.has(state as ClusterState))
          return { done: false, state, terminal: t("steps.wait.clusterIs", { id, state }) };
        return { done: state === "ACTIVE", state };
      },
    ),
});
