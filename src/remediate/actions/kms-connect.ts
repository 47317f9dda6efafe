import { ConnectCustomKeyStoreCommand } from "@aws-sdk/client-kms";
import { FAILED_LOGIN_BUDGET } from "../ledger.js";
import { mutate } from "../retry.js";
import { StepFailure } from "../step-context.js";
import { defineAction } from "./action.js";
import { StoreInput, storeInput } from "./inputs.js";
import { storeState } from "./live.js";
import { KNOWN_BAD } from "./passwords.js";

export const kmsConnect = defineAction({
  kind: "api",
  service: "kms",
  operation: "ConnectCustomKeyStore",
  mutating: true,
  expect: "ConnectionState CONNECTING",
  plan: storeInput,
  input: StoreInput,
  async run({ CustomKeyStoreId: id }, _step, _action, ctx) {
    const s = await storeState(ctx, id);
    if (s.ConnectionState === "CONNECTED" || s.ConnectionState === "CONNECTING")
      return `skipped: already ${s.ConnectionState}`;
    if (s.ConnectionState !== "DISCONNECTED")
      throw new StepFailure(`the store is ${s.ConnectionState}; it must be DISCONNECTED to connect`);
    const pw = ctx.storePassword.get(id);
    const unknown = ctx.ledger
      .passwordsInFlight()
      .some((p) => p.customKeyStoreId === id && p.cloudHsmClusterId === s.CloudHsmClusterId);
    if (unknown && !pw) {
      // An earlier run left KMS's password for this cluster unknown: connecting could only add failed logins.
      throw new StepFailure(
        "refusing to connect: KMS may not know kmsuser's password on this cluster (an earlier kcs fix was replacing it)",
        "Run kcs fix with --password-stdin: it sets a new password before connecting.",
      );
    }
    if (pw && ctx.burned.has(pw)) {
      // kmsuser locks after five failed logins: a password that already failed is never tried again.
      if (s.CustomKeyStoreType === "EXTERNAL_KEY_STORE")
        throw new StepFailure(
          pw === KNOWN_BAD
            ? "refusing to connect: the XKS proxy rejected the credential KMS holds (INVALID_CREDENTIALS)"
            : "refusing to connect again with a proxy credential that already failed with INVALID_CREDENTIALS",
          "Tell KMS the proxy's current credential: kcs fix --finding INVALID_CREDENTIALS --xks-credential-stdin.",
        );
      throw new StepFailure(
        pw === KNOWN_BAD
          ? "refusing to connect: the store's kmsuser password failed (INVALID_CREDENTIALS or USER_LOCKED_OUT) and each try counts toward lockout"
          : "refusing to connect again with a kmsuser password that already failed with INVALID_CREDENTIALS",
        pw === KNOWN_BAD
          ? "Repair the password first: kcs fix --finding INVALID_CREDENTIALS (or USER_LOCKED_OUT)."
          : undefined,
      );
    }
    const failed = ctx.ledger.failedLoginsFor(id, s.CloudHsmClusterId ?? "");
    if (failed >= FAILED_LOGIN_BUDGET) {
      // kmsuser locks after five failed logins: kcs never brings it closer than this on its own.
      throw new StepFailure(
        `refusing to connect: connects kcs started have already failed ${failed} times to log in as kmsuser on ${s.CloudHsmClusterId} since the store last connected, and kmsuser locks after five`,
        "Check on the HSMs which password kmsuser has (the CloudHSM CLI's user list shows failed logins), set one you know, then run kcs fix with it.",
      );
    }
    // A connect that failed at once leaves the store DISCONNECTED; one that left it anywhere else was
    // sent. Each attempt is this run's own again: a look in between narrows the watch.
    await mutate(
      ctx,
      () => {
        ctx.watch.ours(id, { states: ["CONNECTING"] });
        return ctx.clients.kms.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId: id }));
      },
      async () => (await storeState(ctx, id)).ConnectionState !== "DISCONNECTED",
    );
    return "CONNECTING";
  },
});
