import * as z from "zod";
import { FINDING_CODES } from "../../diagnose/catalog.js";
import { t } from "../../i18n/index.js";
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
    const { remaining, introduced } = await ctx.verify(action);
    const codesOf = (fs: { code: string }[]) => [...new Set(fs.map((f) => f.code))].join(", ");
    const wrong = [
      ...(remaining.length ? [t("steps.failure.stillFound", { codes: codesOf(remaining) })] : []),
      ...(introduced.length ? [t("steps.failure.newSince", { codes: codesOf(introduced) })] : []),
    ];
    if (wrong.length)
      throw new StepFailure(wrong.join(t("steps.failure.separator")), t("steps.failure.doctorHint"));
    return t("steps.result.gone", { codes: codes.join(", ") });
  },
});
