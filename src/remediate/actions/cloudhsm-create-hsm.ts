import { CreateHsmCommand } from "@aws-sdk/client-cloudhsm-v2";
import { z } from "zod";
import { StepFailure } from "../step-context.js";
import { defineAction } from "./action.js";
import { clusterId } from "./inputs.js";
import { describeCluster } from "./live.js";

export const cloudhsmCreateHsm = defineAction({
  kind: "api",
  service: "cloudhsmv2",
  operation: "CreateHsm",
  mutating: true,
  expect: "an HSM, CREATE_IN_PROGRESS then ACTIVE",
  applies: (p) => p.azs.length > 0,
  plan: (p, item) => ({ ClusterId: p.targetCluster, AvailabilityZone: item.availabilityZone }),
  input: z.object({ ClusterId: clusterId, AvailabilityZone: z.string().min(1).max(32) }),
  async run({ ClusterId: id, AvailabilityZone: az }, _step, _action, ctx) {
    const c = await describeCluster(ctx, id);
    if (!c) throw new StepFailure(`cluster ${id} is not visible`);
    const existing = c.Hsms?.find(
      (h) => h.AvailabilityZone === az && (h.State === "ACTIVE" || h.State === "CREATE_IN_PROGRESS"),
    );
    if (existing) return `skipped: ${existing.HsmId} is already ${existing.State} in ${az}`;
    // Not retried here either: a retried CreateHsm whose first answer was lost adds a second HSM.
    const res = await ctx.clients.cloudhsm.send(
      new CreateHsmCommand({ ClusterId: id, AvailabilityZone: az }),
    );
    return `${res.Hsm?.HsmId} in ${az}`;
  },
});
