import type { StoreFacts } from "../gather/snapshot.js";
import { t } from "../i18n/index.js";

/** What correct-xks-proxy-uri changes, or why it cannot be planned. */
export type XksUriChange =
  | { change: { XksProxyUriPath?: string; XksProxyUriEndpoint?: string }; note?: string }
  | { refused: string };

/**
 * The new proxy URI from --param XksProxyUriPath / XksProxyUriEndpoint (params.ts checked their
 * formats). kcs cannot learn the right values from AWS: only the proxy's operator knows where it
 * listens, so at least one must be given, and one that changes nothing is refused rather than
 * reconnecting to the same wrong place.
 */
export function planXksUri(store: StoreFacts, params: Record<string, string>): XksUriChange {
  const path = params.XksProxyUriPath;
  const endpoint = params.XksProxyUriEndpoint;
  if (path === undefined && endpoint === undefined)
    return {
      refused: t("steps.xksUri.unknown"),
    };
  const newPath = path !== undefined && path !== store.xksProxy?.uriPath ? path : undefined;
  const newEndpoint =
    endpoint !== undefined && endpoint !== store.xksProxy?.uriEndpoint ? endpoint : undefined;
  if (newPath === undefined && newEndpoint === undefined)
    return {
      refused: t("steps.xksUri.same"),
    };
  return {
    // Not refused: KMS checks it at connect, and the operator may have renamed the service's DNS name.
    ...(newEndpoint && store.xksProxy?.connectivity === "VPC_ENDPOINT_SERVICE"
      ? {
          // English whatever the language: a note is part of the plan, which must plan again to
          // exactly itself in any language (a view may translate it when it prints the plan).
          note: `${store.customKeyStoreName}: a store with VPC_ENDPOINT_SERVICE connectivity must use https://<the private DNS name of ${store.xksProxy?.vpcEndpointServiceName ?? "its VPC endpoint service"}> as its endpoint`,
        }
      : {}),
    change: {
      ...(newPath ? { XksProxyUriPath: newPath } : {}),
      ...(newEndpoint ? { XksProxyUriEndpoint: newEndpoint } : {}),
    },
  };
}
