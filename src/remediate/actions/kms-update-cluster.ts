import { UpdateCustomKeyStoreCommand } from "@aws-sdk/client-kms";
import * as z from "zod";
import { MASK } from "../../core/secret.js";
import { t } from "../../i18n/index.js";
import { mutate } from "../retry.js";
import { digest } from "../step-context.js";
import { CLOUDHSM_ONLY, defineAction, skipped } from "./action.js";
import { clusterId, masked, storeId } from "./inputs.js";
import { storeState } from "./live.js";
import { passwordLanded, requirePassword } from "./passwords.js";

export const kmsUpdateCluster = defineAction({
  storeTypes: CLOUDHSM_ONLY,
  kind: "api",
  service: "kms",
  operation: "UpdateCustomKeyStore",
  mutating: true,
  needsPassword: (input) => "KeyStorePassword" in input,
  expect: "the store names the restored cluster; it stays DISCONNECTED",
  plan: (p) => ({
    CustomKeyStoreId: p.store.customKeyStoreId,
    CloudHsmClusterId: p.targetCluster,
    // A backup that holds the password KMS has: tell KMS only the new cluster.
    ...(p.keepsPassword ? {} : { KeyStorePassword: MASK }),
  }),
  input: z.object({
    CustomKeyStoreId: storeId,
    CloudHsmClusterId: clusterId,
    KeyStorePassword: masked.optional(),
  }),
  async run({ CustomKeyStoreId: id, CloudHsmClusterId: target, KeyStorePassword }, _step, _action, ctx) {
    const pw = KeyStorePassword ? requirePassword(ctx) : undefined;
    const s = await storeState(ctx, id);
    const moves = s.CloudHsmClusterId !== target;
    if (!moves && !pw) return skipped(t("steps.skip.alreadyOn", { target }));
    // Setting the same cluster and password twice changes nothing, so only the answer matters.
    await mutate(ctx, () => {
      if (moves) ctx.watch.ours(id, { clusterId: target });
      return ctx.clients.kms.send(
        new UpdateCustomKeyStoreCommand({
          CustomKeyStoreId: id,
          ...(pw ? { KeyStorePassword: pw.reveal() } : {}),
          ...(moves ? { CloudHsmClusterId: target } : {}),
        }),
      );
    });
    if (pw) {
      ctx.storePassword.set(id, digest(pw));
      passwordLanded(ctx, id);
    }
    return moves
      ? t("steps.result.moved", {
          from: String(s.CloudHsmClusterId),
          to: target,
          kept: pw ? "" : t("steps.result.passwordKept"),
        })
      : t("steps.result.passwordUpdated", { target });
  },
});
