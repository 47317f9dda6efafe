import { UpdateCustomKeyStoreCommand } from "@aws-sdk/client-kms";
import * as z from "zod";
import { t } from "../../i18n/index.js";
import { mutate } from "../retry.js";
import { StepFailure } from "../step-context.js";
import { defineAction, EXTERNAL_ONLY, skipped } from "./action.js";
import { storeId } from "./inputs.js";
import { storeState } from "./live.js";
import { uriEndpoint, uriPath } from "./xks-commands.js";

const Input = z
  .object({
    CustomKeyStoreId: storeId,
    XksProxyUriPath: uriPath.optional(),
    XksProxyUriEndpoint: uriEndpoint.optional(),
  })
  .refine((i) => i.XksProxyUriPath !== undefined || i.XksProxyUriEndpoint !== undefined, {
    // Worded when a step is checked (run-step.ts quotes it), in that run's language, not at import.
    error: () => t("steps.failure.noUriChange"),
  });

export const kmsUpdateXksUri = defineAction({
  storeTypes: EXTERNAL_ONLY,
  kind: "api",
  service: "kms",
  operation: "UpdateCustomKeyStore",
  mutating: true,
  expect: "KMS calls the proxy at the corrected endpoint and path",
  plan: (p) => ({ CustomKeyStoreId: p.store.customKeyStoreId, ...p.xksUri }),
  input: Input,
  async run(
    { CustomKeyStoreId: id, XksProxyUriPath: path, XksProxyUriEndpoint: endpoint },
    _step,
    _action,
    ctx,
  ) {
    const s = await storeState(ctx, id);
    const now = s.XksProxyConfiguration;
    if (now?.UriPath === (path ?? now?.UriPath) && now?.UriEndpoint === (endpoint ?? now?.UriEndpoint))
      return skipped(t("steps.skip.sameUri"));
    // UpdateCustomKeyStore's documentation: the path can change while CONNECTED or DISCONNECTED, the
    // endpoint only while DISCONNECTED.
    const allowed = endpoint ? ["DISCONNECTED"] : ["CONNECTED", "DISCONNECTED"];
    if (!allowed.includes(s.ConnectionState ?? ""))
      throw new StepFailure(
        t(endpoint ? "steps.failure.uriEndpointState" : "steps.failure.uriPathState", {
          state: String(s.ConnectionState),
        }),
      );
    await mutate(
      ctx,
      () =>
        ctx.clients.kms.send(
          new UpdateCustomKeyStoreCommand({
            CustomKeyStoreId: id,
            ...(path ? { XksProxyUriPath: path } : {}),
            ...(endpoint ? { XksProxyUriEndpoint: endpoint } : {}),
          }),
        ),
      async () => {
        const x = (await storeState(ctx, id)).XksProxyConfiguration;
        return (!path || x?.UriPath === path) && (!endpoint || x?.UriEndpoint === endpoint);
      },
    );
    return [endpoint ? `XksProxyUriEndpoint ${endpoint}` : "", path ? `XksProxyUriPath ${path}` : ""]
      .filter(Boolean)
      .join(", ");
  },
});
