import { UpdateCustomKeyStoreCommand } from "@aws-sdk/client-kms";
import * as z from "zod";
import { MASK, redact } from "../../core/secret.js";
import { t } from "../../i18n/index.js";
import { mutate } from "../retry.js";
import { StepFailure } from "../step-context.js";
import { defineAction, EXTERNAL_ONLY } from "./action.js";
import { masked, storeId } from "./inputs.js";
import { storeState } from "./live.js";
import { credentialDigest } from "./xks-credential-digest.js";

export const kmsUpdateXksCredential = defineAction({
  storeTypes: EXTERNAL_ONLY,
  kind: "api",
  service: "kms",
  operation: "UpdateCustomKeyStore",
  mutating: true,
  needsXksCredential: true,
  expect: "KMS signs its requests to the XKS proxy with the new credential",
  plan: (p) => ({
    CustomKeyStoreId: p.store.customKeyStoreId,
    XksProxyAuthenticationCredential: { AccessKeyId: MASK, RawSecretAccessKey: MASK },
  }),
  input: z.object({
    CustomKeyStoreId: storeId,
    XksProxyAuthenticationCredential: z.object({ AccessKeyId: masked, RawSecretAccessKey: masked }).strict(),
  }),
  async run({ CustomKeyStoreId: id }, _step, _action, ctx) {
    const cred = ctx.xksCredential;
    if (!cred) throw new StepFailure(t("steps.failure.needsProxyCredential"));
    // UpdateCustomKeyStore's documentation: the proxy credential can change while the store is
    // CONNECTED or DISCONNECTED; FAILED and the in-between states need a disconnect first.
    const s = await storeState(ctx, id);
    if (s.ConnectionState !== "CONNECTED" && s.ConnectionState !== "DISCONNECTED")
      throw new StepFailure(t("steps.failure.proxyCredentialState", { state: String(s.ConnectionState) }));
    try {
      // Telling KMS the same credential twice changes nothing, so only the answer matters.
      await mutate(ctx, () =>
        ctx.clients.kms.send(
          new UpdateCustomKeyStoreCommand({
            CustomKeyStoreId: id,
            XksProxyAuthenticationCredential: {
              AccessKeyId: cred.accessKeyId.reveal(),
              RawSecretAccessKey: cred.secretAccessKey.reveal(),
            },
          }),
        ),
      );
    } catch (err) {
      if (err instanceof StepFailure) throw err;
      // AWS's messages do not echo the credential; kcs makes sure of it all the same.
      const message = redact(redact((err as Error).message, cred.secretAccessKey), cred.accessKeyId);
      // AWS's own words stay as AWS wrote them, inside kcs's translated frame.
      throw new StepFailure(
        t("steps.failure.proxyCredentialRefused", { error: (err as Error).name, message }),
        t("steps.failure.proxyCredentialHint"),
      );
    }
    // The connect that follows uses this credential: if it ends INVALID_CREDENTIALS, it is never tried again.
    ctx.storePassword.set(id, credentialDigest(cred));
    return `XksProxyAuthenticationCredential ${MASK}`;
  },
});
