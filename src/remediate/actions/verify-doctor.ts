import { z } from "zod";
import { FINDING_CODES } from "../../diagnose/catalog.js";
import { StepFailure } from "../step-context.js";
import { defineAction } from "./action.js";
import { storeId } from "./inputs.js";

export const verifyDoctor = defineAction({
  kind: "verify",
  mutating: false,
  expect: "the targeted findings are gone",
  plan: (p) => ({
    CustomKeyStoreId: p.store.customKeyStoreId,
    Findings: [...new Set(p.findings.map((f) => f.code))],
  }),
  input: z.object({ CustomKeyStoreId: storeId, Findings: z.array(z.enum(FINDING_CODES)) }),
  async run({ Findings: codes }, _step, action, ctx) {
    const remaining = await ctx.verify(action);
    if (remaining.length) {
      throw new StepFailure(
        `still found: ${remaining.map((f) => f.code).join(", ")}`,
        "Run kcs doctor for the evidence.",
      );
    }
    return `${codes.join(", ")} gone`;
  },
});
