import * as z from "zod";
import { printable } from "../../core/printable.js";
import { UnprintableCommand } from "../../core/shell.js";
import type { PlanningContext } from "./action.js";
import { storeId } from "./inputs.js";

/**
 * What the manual XKS steps put in a shell line, each held to the API model's own pattern
 * (service-2.json's XksProxyUriEndpointType, XksProxyUriPathType, XksProxyVpcEndpointServiceNameType,
 * XksKeyIdType), so a hostile value in a store's configuration cannot reach a command a person pastes.
 */
export const uriEndpoint = z
  .string()
  .min(10)
  .max(128)
  .regex(/^https:\/\/[a-zA-Z0-9.-]+$/, "not an XKS proxy URI endpoint (https://host)");
export const uriPath = z
  .string()
  .min(10)
  .max(128)
  .regex(
    /^(\/[a-zA-Z0-9/_-]+\/kms\/xks\/v\d{1,2})$|^(\/kms\/xks\/v\d{1,2})$/,
    "not an XKS proxy URI path (/…/kms/xks/v1)",
  );
export const vpcEndpointServiceName = z
  .string()
  .min(20)
  .max(64)
  .regex(
    /^(com|eu)\.amazonaws\.vpce\.([a-z]+-){2,3}\d+\.vpce-svc-[0-9a-z]+$/,
    "not a VPC endpoint service name",
  );
export const region = z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d{1,2}$/, "not an AWS Region");
export const xksKeyId = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[a-zA-Z0-9-_.]+$/, "not an external key id");

/** Words a POSIX shell takes as they are: no quoting needed, nothing it would expand. */
const BARE = /^[A-Za-z0-9_/.:=,@%+-]+$/;

/**
 * One shell line from its words: bare where the shell would take them as they are, single-quoted
 * otherwise (shell-quote escapes every colon, which makes URLs hard to read). A word with a control
 * character is refused: no quoting keeps a newline from ending the line it is pasted on.
 */
export function shellLine(words: readonly string[]): string {
  return words
    .map((w) => {
      if (printable(w) !== w)
        throw new UnprintableCommand(`a value holds control characters (${JSON.stringify(w)})`);
      return BARE.test(w) ? w : `'${w.replaceAll("'", `'\\''`)}'`;
    })
    .join(" ");
}

/** The store's proxy as the manual XKS steps see it. */
export const XksStoreInput = z.object({
  CustomKeyStoreId: storeId,
  Region: region,
  Connectivity: z.enum(["PUBLIC_ENDPOINT", "VPC_ENDPOINT_SERVICE"]),
  UriEndpoint: uriEndpoint,
  UriPath: uriPath,
  VpcEndpointServiceName: vpcEndpointServiceName.optional(),
});
export type XksStore = z.infer<typeof XksStoreInput>;

/** The plan input of a manual XKS step: the store's live proxy configuration (checked by the schema). */
export function xksStoreInput(p: PlanningContext): Record<string, unknown> {
  const s = p.store;
  return {
    CustomKeyStoreId: s.customKeyStoreId,
    Region: p.snapshot.region,
    Connectivity: s.xksProxy?.connectivity,
    UriEndpoint: s.xksProxy?.uriEndpoint,
    UriPath: s.xksProxy?.uriPath,
    ...(s.xksProxy?.vpcEndpointServiceName
      ? { VpcEndpointServiceName: s.xksProxy?.vpcEndpointServiceName }
      : {}),
  };
}

export const hostOf = (endpoint: string) => endpoint.replace(/^https:\/\//, "");

/** Where the credential sits while a person runs the commands: named, never written out. */
export const CREDENTIAL_ENV = '"$KCS_XKS_ACCESS_KEY_ID:$KCS_XKS_SECRET_ACCESS_KEY"';

/**
 * A call to the proxy signed as KMS signs it (SigV4, service kms-xks-proxy, the store's Region), with
 * the credential from the environment, printing the status and the time it took (KMS allows 250 ms).
 */
export function signedCurl(store: XksStore, apiPath: string, body: unknown): string {
  const url = `${store.UriEndpoint}${store.UriPath}${apiPath}`;
  const head = shellLine([
    "curl",
    "--silent",
    "--show-error",
    "--max-time",
    "5",
    "--aws-sigv4",
    `aws:amz:${store.Region}:kms-xks-proxy`,
  ]);
  const tail = shellLine([
    "-H",
    "Content-Type: application/json",
    "--data",
    JSON.stringify(body),
    "--write-out",
    "\\nHTTP %{http_code} in %{time_total}s\\n",
    url,
  ]);
  return `${head} --user ${CREDENTIAL_ENV} ${tail}`;
}

export const healthCheck = (store: XksStore) =>
  signedCurl(store, "/health", {
    requestMetadata: { kmsOperation: "KmsHealthCheck", kmsRequestId: "kcs-manual-check" },
  });

/** The comment that says where the credential comes from, first in every list that calls the proxy. */
export const CREDENTIAL_NOTE =
  "# export KCS_XKS_ACCESS_KEY_ID and KCS_XKS_SECRET_ACCESS_KEY (the proxy credential) first; read the secret with: read -rs KCS_XKS_SECRET_ACCESS_KEY";

/** A VPC endpoint service is reached only from inside its VPC: say so where it matters. */
export const whereToRun = (store: XksStore) =>
  store.Connectivity === "VPC_ENDPOINT_SERVICE"
    ? `# run from an instance in the VPC of ${store.VpcEndpointServiceName ?? "the VPC endpoint service"}: ${hostOf(store.UriEndpoint)} is its private DNS name`
    : `# run from anywhere on the internet: KMS reaches ${hostOf(store.UriEndpoint)} over its public endpoint`;
