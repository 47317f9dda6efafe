import { CreateHsmCommand } from "@aws-sdk/client-cloudhsm-v2";
import * as z from "zod";
import { t } from "../../i18n/index.js";
import { mutate } from "../retry.js";
import { StepFailure } from "../step-context.js";
import { CLOUDHSM_ONLY, defineAction, skipped } from "./action.js";
import { clusterId } from "./inputs.js";
import { describeCluster } from "./live.js";

/** An HSM that is, or is becoming, one of the cluster's. */
const LIVE: ReadonlySet<string> = new Set(["ACTIVE", "CREATE_IN_PROGRESS"]);

export const cloudhsmCreateHsm = defineAction({
  storeTypes: CLOUDHSM_ONLY,
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
    if (!c) throw new StepFailure(t("steps.failure.clusterNotVisible", { id }));
    const existing = c.Hsms?.find((h) => h.AvailabilityZone === az && LIVE.has(h.State ?? ""));
    if (existing)
      return skipped(
        t("steps.skip.hsmExists", { hsm: String(existing.HsmId), state: String(existing.State), az }),
      );
    // One attempt per send (cloudhsmOnce): CreateHsm has no idempotency token and no tags, so a retry
    // after an answer lost on its way back would add a second, billed HSM. After an ambiguous failure
    // kcs looks for an HSM in this AZ (there was none) before it sends again.
    let made: string | undefined;
    const how = await mutate(
      ctx,
      async () => {
        made = (
          await ctx.clients.cloudhsmOnce.send(new CreateHsmCommand({ ClusterId: id, AvailabilityZone: az }))
        ).Hsm?.HsmId;
      },
      async () => {
        made = (await describeCluster(ctx, id))?.Hsms?.find(
          (h) => h.AvailabilityZone === az && LIVE.has(h.State ?? ""),
        )?.HsmId;
        return made !== undefined;
      },
      { unsure: "stop" },
    );
    if (made) ctx.created?.({ type: "hsm", id: made });
    return t("steps.result.hsmIn", {
      hsm: made ?? t("steps.result.anHsm"),
      az,
      note: how === "landed" ? t("steps.result.hsmLanded") : "",
    });
  },
});
