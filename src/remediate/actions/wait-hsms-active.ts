import * as z from "zod";
import { t } from "../../i18n/index.js";
import { CLOUDHSM_ONLY, defineAction } from "./action.js";
import { clusterId } from "./inputs.js";
import { describeCluster } from "./live.js";
import { poll } from "./poll.js";

export const waitHsmsActive = defineAction({
  storeTypes: CLOUDHSM_ONLY,
  kind: "wait",
  service: "cloudhsmv2",
  operation: "DescribeClusters",
  mutating: false,
  expect: "ACTIVE HSMs in two Availability Zones",
  plan: (p) => ({ ClusterId: p.targetCluster, MinimumAvailabilityZones: 2 }),
  input: z.object({ ClusterId: clusterId, MinimumAvailabilityZones: z.number().int().min(1).max(10) }),
  run: ({ ClusterId: id, MinimumAvailabilityZones: want }, step, _action, ctx, report) =>
    poll(
      ctx,
      step,
      report,
      () => describeCluster(ctx, id),
      (c) => {
        const hsms = c?.Hsms ?? [];
        const active = new Set(hsms.filter((h) => h.State === "ACTIVE").map((h) => h.AvailabilityZone));
        const pending = hsms.filter((h) => h.State === "CREATE_IN_PROGRESS").length;
        // Progress JSON's state stays kcs's English summary; a person reads it in the run's language.
        const state = `${active.size} AZ(s) with an ACTIVE HSM, ${pending} creating`;
        const label = t("steps.wait.hsms", { count: active.size, creating: pending });
        if (active.size >= want) return { done: true, state, label };
        if (pending === 0)
          return {
            done: false,
            state,
            label,
            terminal: t("steps.wait.tooFewHsms", { count: active.size }),
          };
        return { done: false, state, label };
      },
    ),
});
