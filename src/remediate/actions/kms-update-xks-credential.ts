import { UpdateCustomKeyStoreCommand } from "@aws-sdk/client-kms";
import * as z from "zod";
import { MASK, redact } from "../../core/secret.js";
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
    if (!cred)
      throw new StepFailure(
        "this step needs the new XKS proxy credential (--xks-credential-stdin, or KCS_XKS_ACCESS_KEY_ID and KCS_XKS_SECRET_ACCESS_KEY)",
      );
    // UpdateCustomKeyStore's documentation: the proxy credential can change while the store is
    // CONNECTED or DISCONNECTED; FAILED and the in-between states need a disconnect first.
    const s = await storeState(ctx, id);
    if (s.ConnectionState !== "CONNECTED" && s.ConnectionState !== "DISCONNECTED")
      throw new StepFailure(
        `the store is ${s.ConnectionState}; KMS takes a new proxy credential only while it is CONNECTED or DISCONNECTED`,
      );
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
      throw new StepFailure(
        `KMS refused the new proxy credential: ${(err as Error).name}: ${message}`,
        "Check that the XKS proxy has this credential (its access key id and secret), then run kcs fix again with it.",
      );
    }
    // The connect that follows uses this credential: if it ends INVALID_CREDENTIALS, it is never tried again.
    ctx.storePassword.set(id, credentialDigest(cred));
    return `XksProxyAuthenticationCredential ${MASK}`;
  },
});
