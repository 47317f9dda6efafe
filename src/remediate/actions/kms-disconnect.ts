import { DisconnectCustomKeyStoreCommand } from "@aws-sdk/client-kms";
import { t } from "../../i18n/index.js";
import { mutate } from "../retry.js";
import { StepFailure } from "../step-context.js";
import { defineAction, skipped } from "./action.js";
import { StoreInput, storeInput } from "./inputs.js";
import { CREDENTIAL_FAILURES, storeState } from "./live.js";
import { KNOWN_BAD } from "./passwords.js";

export const kmsDisconnect = defineAction({
  kind: "api",
  service: "kms",
  operation: "DisconnectCustomKeyStore",
  mutating: true,
  expect: "ConnectionState DISCONNECTING, then DISCONNECTED; keys read Unavailable",
  // Only what is needed: a store that is already disconnected is not disconnected again. UNKNOWN: an
  // earlier runbook waits for a connection in progress; the step re-checks the live state.
  applies: (p) => ["CONNECTED", "CONNECTING", "FAILED", "UNKNOWN"].includes(p.state),
  plan: storeInput,
  input: StoreInput,
  async run({ CustomKeyStoreId: id }, _step, action, ctx) {
    const s = await storeState(ctx, id);
    if (s.ConnectionState === "DISCONNECTED" || s.ConnectionState === "DISCONNECTING") {
      return skipped(t("steps.skip.already", { state: s.ConnectionState }));
    }
    if (s.ConnectionState === "CONNECTING") {
      // kcs waits for its own connects to end; a connect in progress here is someone else's.
      throw new StepFailure(t("steps.failure.someoneConnecting"), t("steps.failure.someoneConnectingHint"));
    }
    if (s.ConnectionState === "FAILED" && CREDENTIAL_FAILURES.has(s.ConnectionErrorCode ?? "")) {
      // The password KMS holds is known to be wrong: no connect until kcs gives it a new one.
      ctx.storePassword.set(id, KNOWN_BAD);
      ctx.burned.add(KNOWN_BAD);
      // The ledger remembers it past this run, since the disconnect erases FAILED's evidence. An XKS
      // proxy credential locks nothing out: a later connect with it only fails again, so only kmsuser's
      // password is remembered.
      if (s.CustomKeyStoreType !== "EXTERNAL_KEY_STORE")
        ctx.ledger.startPassword(id, s.CloudHsmClusterId ?? "", "known-bad");
    }
    // A disconnect on the way to a restored cluster: if the run ends before the store connects there,
    // the next one must finish the move rather than reconnect it to the cluster it is leaving.
    if (action.steps.some((step) => step.action === "kms.update-cluster"))
      ctx.ledger.startMove(id, action.runbook, new Date(ctx.now()).toISOString(), s.CloudHsmClusterId);
    // A lost answer, or the SDK's retry of one meeting a store already DISCONNECTING, is still this
    // disconnect. Each attempt is this run's own again: a look in between narrows the watch.
    await mutate(
      ctx,
      () => {
        ctx.watch.ours(id, { states: ["DISCONNECTING"] });
        return ctx.clients.kms.send(new DisconnectCustomKeyStoreCommand({ CustomKeyStoreId: id }));
      },
      async () =>
        ["DISCONNECTING", "DISCONNECTED"].includes((await storeState(ctx, id)).ConnectionState ?? ""),
    );
    return t("steps.result.was", {
      state: String(s.ConnectionState),
      code: s.ConnectionErrorCode ? ` (${s.ConnectionErrorCode})` : "",
    });
  },
});
