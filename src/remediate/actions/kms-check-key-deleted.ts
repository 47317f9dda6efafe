import { DescribeKeyCommand } from "@aws-sdk/client-kms";
import * as z from "zod";
import { errorCode } from "../../backend/aws-errors.js";
import { t } from "../../i18n/index.js";
import { read } from "../retry.js";
import { StepFailure } from "../step-context.js";
import { CLOUDHSM_ONLY, defineAction } from "./action.js";

export const kmsCheckKeyDeleted = defineAction({
  storeTypes: CLOUDHSM_ONLY,
  kind: "api",
  service: "kms",
  operation: "DescribeKey",
  mutating: false,
  expect: "NotFoundException; anything else stops the run before any change",
  plan: (_p, item) => ({ KeyId: item.orphan?.evidence.keyArn }),
  input: z.object({ KeyId: z.string().min(1).max(2048) }),
  async run({ KeyId: keyId }, _step, _action, ctx) {
    try {
      const res = await read(ctx, () => ctx.clients.kms.send(new DescribeKeyCommand({ KeyId: keyId })));
      throw new StepFailure(
        t("steps.failure.keyStillThere", { key: keyId, state: String(res.KeyMetadata?.KeyState) }),
      );
    } catch (err) {
      if (errorCode(err) === "NotFoundException") return t("steps.result.keyGone");
      if (err instanceof StepFailure) throw err;
      throw new StepFailure(t("steps.failure.keyAnswered", { key: keyId, code: String(errorCode(err)) }));
    }
  },
});
