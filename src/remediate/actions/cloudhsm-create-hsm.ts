import { CreateHsmCommand } from "@aws-sdk/client-cloudhsm-v2";
import { z } from "zod";
import { errorCode, isTransient } from "../../backend/aws-errors.js";
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
    // One attempt (cloudhsmOnce): a retried CreateHsm whose first answer was lost adds a second HSM.
    // After an ambiguous failure kcs looks for the HSM the first attempt made instead.
    try {
      const res = await ctx.clients.cloudhsmOnce.send(
        new CreateHsmCommand({ ClusterId: id, AvailabilityZone: az }),
      );
      return `${res.Hsm?.HsmId} in ${az}`;
    } catch (err) {
      if (!isTransient(err)) throw err;
      const made = (await describeCluster(ctx, id))?.Hsms?.find(
        (h) => h.AvailabilityZone === az && (h.State === "ACTIVE" || h.State === "CREATE_IN_PROGRESS"),
      );
      if (!made) {
        throw new StepFailure(
          `CreateHsm's answer was lost (${errorCode(err)}) and no HSM in ${az} can be seen`,
          "Run kcs fix again: it adds an HSM only where none is ACTIVE or being created.",
        );
      }
      return `${made.HsmId} in ${az} (CreateHsm's answer was lost; found the HSM it made)`;
    }
  },
});
