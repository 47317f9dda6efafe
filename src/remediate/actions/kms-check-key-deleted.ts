import { DescribeKeyCommand } from "@aws-sdk/client-kms";
import * as z from "zod";
import { errorCode } from "../../backend/aws-errors.js";
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
        `DescribeKey still finds ${keyId} (${res.KeyMetadata?.KeyState}): its key material is not orphaned, and kcs will not delete material a KMS key may need`,
      );
    } catch (err) {
      if (errorCode(err) === "NotFoundException") return "NotFoundException: the KMS key is gone";
      if (err instanceof StepFailure) throw err;
      throw new StepFailure(
        `DescribeKey ${keyId} answered ${errorCode(err)}, not NotFoundException: refusing to delete its material`,
      );
    }
  },
});
