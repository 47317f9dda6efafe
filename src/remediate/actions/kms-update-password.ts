import { UpdateCustomKeyStoreCommand } from "@aws-sdk/client-kms";
import * as z from "zod";
import { MASK } from "../../core/secret.js";
import { mutate } from "../retry.js";
import { digest } from "../step-context.js";
import { CLOUDHSM_ONLY, defineAction } from "./action.js";
import { masked, storeId } from "./inputs.js";
import { passwordLanded, requirePassword } from "./passwords.js";

export const kmsUpdatePassword = defineAction({
  storeTypes: CLOUDHSM_ONLY,
  kind: "api",
  service: "kms",
  operation: "UpdateCustomKeyStore",
  mutating: true,
  needsPassword: true,
  expect: "KMS knows the new kmsuser password; the store stays DISCONNECTED",
  plan: (p) => ({ CustomKeyStoreId: p.store.customKeyStoreId, KeyStorePassword: MASK }),
  input: z.object({ CustomKeyStoreId: storeId, KeyStorePassword: masked }),
  async run({ CustomKeyStoreId: id }, _step, _action, ctx) {
    const pw = requirePassword(ctx);
    // Setting the same password twice changes nothing, so only the answer matters.
    await mutate(ctx, () =>
      ctx.clients.kms.send(
        new UpdateCustomKeyStoreCommand({ CustomKeyStoreId: id, KeyStorePassword: pw.reveal() }),
      ),
    );
    ctx.storePassword.set(id, digest(pw));
    passwordLanded(ctx, id);
    return `KeyStorePassword ${MASK}`;
  },
});
