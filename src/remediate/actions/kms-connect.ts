import { ConnectCustomKeyStoreCommand } from "@aws-sdk/client-kms";
import { t } from "../../i18n/index.js";
import { FAILED_LOGIN_BUDGET } from "../ledger.js";
import { mutate } from "../retry.js";
import { StepFailure } from "../step-context.js";
import { defineAction, skipped } from "./action.js";
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
      return skipped(t("steps.skip.already", { state: s.ConnectionState }));
    if (s.ConnectionState !== "DISCONNECTED")
      throw new StepFailure(t("steps.failure.mustBeDisconnected", { state: String(s.ConnectionState) }));
    const pw = ctx.storePassword.get(id);
    const unknown = ctx.ledger
      .passwordsInFlight()
      .some((p) => p.customKeyStoreId === id && p.cloudHsmClusterId === s.CloudHsmClusterId);
    if (unknown && !pw) {
      // An earlier run left KMS's password for this cluster unknown: connecting could only add failed logins.
      throw new StepFailure(t("steps.failure.passwordUnknown"), t("steps.failure.passwordUnknownHint"));
    }
    if (pw && ctx.burned.has(pw)) {
      // kmsuser locks after five failed logins: a password that already failed is never tried again.
      if (s.CustomKeyStoreType === "EXTERNAL_KEY_STORE")
        throw new StepFailure(
          pw === KNOWN_BAD ? t("steps.failure.proxyRejected") : t("steps.failure.proxyBurned"),
          t("steps.failure.proxyHint"),
        );
      throw new StepFailure(
        pw === KNOWN_BAD ? t("steps.failure.passwordRejected") : t("steps.failure.passwordBurned"),
        pw === KNOWN_BAD ? t("steps.failure.passwordRejectedHint") : undefined,
      );
    }
    const failed = ctx.ledger.failedLoginsFor(id, s.CloudHsmClusterId ?? "");
    if (failed >= FAILED_LOGIN_BUDGET) {
      // kmsuser locks after five failed logins: kcs never brings it closer than this on its own.
      throw new StepFailure(
        t("steps.failure.lockout", { count: failed, cluster: String(s.CloudHsmClusterId) }),
        t("steps.failure.lockoutHint"),
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
    return t("steps.result.connecting");
  },
});
