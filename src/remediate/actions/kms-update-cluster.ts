import { UpdateCustomKeyStoreCommand } from "@aws-sdk/client-kms";
import { z } from "zod";
import { MASK } from "../../core/secret.js";
import { withRetry } from "../retry.js";
import { digest } from "../step-context.js";
import { defineAction } from "./action.js";
import { clusterId, masked, storeId } from "./inputs.js";
import { storeState } from "./live.js";
import { passwordLanded, requirePassword } from "./passwords.js";

export const kmsUpdateCluster = defineAction({
  kind: "api",
  service: "kms",
  operation: "UpdateCustomKeyStore",
  mutating: true,
  needsPassword: true,
  expect: "the store names the restored cluster; it stays DISCONNECTED",
  plan: (p) => ({
    CustomKeyStoreId: p.store.customKeyStoreId,
    CloudHsmClusterId: p.targetCluster,
    KeyStorePassword: MASK,
  }),
  input: z.object({ CustomKeyStoreId: storeId, CloudHsmClusterId: clusterId, KeyStorePassword: masked }),
  async run({ CustomKeyStoreId: id, CloudHsmClusterId: target }, _step, _action, ctx) {
    const pw = requirePassword(ctx);
    const s = await storeState(ctx, id);
    const moves = s.CloudHsmClusterId !== target;
    await withRetry(() =>
      ctx.clients.kms.send(
        new UpdateCustomKeyStoreCommand({
          CustomKeyStoreId: id,
          KeyStorePassword: pw.reveal(),
          ...(moves ? { CloudHsmClusterId: target } : {}),
        }),
      ),
    );
    ctx.storePassword.set(id, digest(pw));
    passwordLanded(ctx, id);
    return moves ? `${s.CloudHsmClusterId} → ${target}` : `already on ${target}; password updated`;
  },
});
