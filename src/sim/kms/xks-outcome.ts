// What KMS makes of one exchange with an XKS proxy, as pure functions: the problem it names, the
// connection error code a connect ends with, the exception a management call throws and the message
// a cryptographic call's KMSInvalidStateException carries. Messages are AWS's own, from the developer
// guide's "Troubleshooting external key stores" (xks-troubleshooting).
import { type AwsError, awsError } from "../errors.js";
import type { ConnectionErrorCode } from "../world.js";

/** KMS gives a proxy 250 ms to answer (xks-troubleshooting, "Latency and timeout errors"). */
export const XKS_TIMEOUT_MS = 250;

/** What went wrong talking to a proxy, in KMS's terms; undefined is success. */
export type XksProblem =
  | "NOT_REACHABLE"
  | "TLS"
  | "TIMED_OUT"
  | "INVALID_URI_PATH"
  | "INVALID_CREDENTIALS"
  | "ACCESS_DENIED"
  | "INVALID_RESPONSE"
  | "UNHEALTHY"
  | "EKM_UNAVAILABLE"
  | "UNSUPPORTED"
  | "KEY_NOT_FOUND"
  | "KEY_DISABLED"
  | "KEY_USAGE"
  | "INVALID_CIPHERTEXT"
  | "VPCE_NOT_FOUND"
  | "VPCE_INVALID";

/** One call as KMS saw it: no answer at all (and why), or an HTTP answer and how long it took. */
export type ProxyExchange =
  | { transport: "no-proxy" | "unreachable" | "tls" }
  | { status: number; body: string; latencyMs: number };

export type XksCallKind = "health" | "metadata" | "encrypt" | "decrypt";

type Json = Record<string, unknown>;

function parse(text: string): Json | undefined {
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Json) : undefined;
  } catch {
    return undefined;
  }
}

const isStr = (v: unknown) => typeof v === "string";
const isB64 = (v: unknown) => typeof v === "string" && /^[A-Za-z0-9+/]*={0,2}$/.test(v) && v.length % 4 === 0;
const HEALTH_STATUSES = ["ACTIVE", "DEGRADED", "UNAVAILABLE"];

/** Whether a 200's body has what the XKS proxy API v1 says the operation answers. */
function completeAnswer(kind: XksCallKind, body: Json): boolean {
  switch (kind) {
    case "health": {
      const fleet = body.ekmFleetDetails;
      return (
        typeof body.xksProxyFleetSize === "number" &&
        body.xksProxyFleetSize > 0 &&
        isStr(body.xksProxyVendor) &&
        isStr(body.xksProxyModel) &&
        isStr(body.ekmVendor) &&
        Array.isArray(fleet) &&
        fleet.length > 0 &&
        fleet.every(
          (m) =>
            typeof m === "object" &&
            m !== null &&
            isStr((m as Json).id) &&
            HEALTH_STATUSES.includes((m as Json).healthStatus as string),
        )
      );
    }
    case "metadata":
      return isStr(body.keySpec) && Array.isArray(body.keyUsage) && isStr(body.keyStatus);
    case "encrypt":
      return isB64(body.ciphertext) && isB64(body.initializationVector) && isB64(body.authenticationTag);
    case "decrypt":
      return isB64(body.plaintext);
  }
}

/** The proxy API's error names (errors.ts) and what each tells KMS. */
const ERROR_PROBLEMS: Record<string, XksProblem> = {
  InvalidUriPathException: "INVALID_URI_PATH",
  AuthenticationFailedException: "INVALID_CREDENTIALS",
  AccessDeniedException: "ACCESS_DENIED",
  KeyNotFoundException: "KEY_NOT_FOUND",
  InvalidStateException: "KEY_DISABLED",
  InvalidKeyUsageException: "KEY_USAGE",
  InvalidCiphertextException: "INVALID_CIPHERTEXT",
  UnsupportedOperationException: "UNSUPPORTED",
};

/**
 * The problem an exchange shows, or undefined when KMS can use the answer. Errors are told apart by
 * status first (the spec fixes each name's status) and then by name. Server-side failures (429, 500,
 * 503) are "the external key store proxy is in an unhealthy state": the guide files that message with
 * XksProxyUriUnreachableException, whose connect-time counterpart is XKS_PROXY_NOT_REACHABLE.
 */
export function exchangeProblem(x: ProxyExchange, kind: XksCallKind): XksProblem | undefined {
  if ("transport" in x) return x.transport === "tls" ? "TLS" : "NOT_REACHABLE";
  if (x.latencyMs > XKS_TIMEOUT_MS) return "TIMED_OUT";
  if (x.status === 200) {
    const body = parse(x.body);
    if (!body || !completeAnswer(kind, body)) return "INVALID_RESPONSE";
    if (
      kind === "health" &&
      (body.ekmFleetDetails as Json[]).every((m) => m.healthStatus === "UNAVAILABLE")
    ) {
      return "EKM_UNAVAILABLE";
    }
    return undefined;
  }
  if (x.status === 401) return "INVALID_CREDENTIALS";
  if (x.status === 403) return "ACCESS_DENIED";
  if (x.status === 429 || x.status === 500 || x.status === 503) return "UNHEALTHY";
  if (x.status === 501) return "UNSUPPORTED";
  const error = parse(x.body);
  const named = typeof error?.errorName === "string" ? ERROR_PROBLEMS[error.errorName] : undefined;
  // A name the status does not allow (or none) is an answer KMS cannot interpret.
  if (x.status === 404 && (named === "INVALID_URI_PATH" || named === "KEY_NOT_FOUND")) return named;
  if (
    x.status === 400 &&
    (named === "KEY_DISABLED" || named === "KEY_USAGE" || named === "INVALID_CIPHERTEXT")
  )
    return named;
  return "INVALID_RESPONSE";
}

/** The ConnectionErrorCode a connect ends with for each problem (the API reference's definitions). */
export const CONNECTION_CODE: Record<XksProblem, ConnectionErrorCode> = {
  NOT_REACHABLE: "XKS_PROXY_NOT_REACHABLE",
  TLS: "XKS_PROXY_INVALID_TLS_CONFIGURATION",
  TIMED_OUT: "XKS_PROXY_TIMED_OUT",
  INVALID_URI_PATH: "XKS_PROXY_INVALID_CONFIGURATION",
  INVALID_CREDENTIALS: "INVALID_CREDENTIALS",
  ACCESS_DENIED: "XKS_PROXY_ACCESS_DENIED",
  INVALID_RESPONSE: "XKS_PROXY_INVALID_RESPONSE",
  // "Connection attempts fail with this connection error code if the proxy reports that all external
  // key manager instances are unavailable."
  EKM_UNAVAILABLE: "XKS_PROXY_NOT_REACHABLE",
  UNHEALTHY: "XKS_PROXY_NOT_REACHABLE",
  // A proxy without GetHealthStatus does not conform to the spec: an answer KMS cannot use.
  UNSUPPORTED: "XKS_PROXY_INVALID_RESPONSE",
  // Key problems never arise from a health check; listed so the table is total.
  KEY_NOT_FOUND: "XKS_PROXY_INVALID_RESPONSE",
  KEY_DISABLED: "XKS_PROXY_INVALID_RESPONSE",
  KEY_USAGE: "XKS_PROXY_INVALID_RESPONSE",
  INVALID_CIPHERTEXT: "XKS_PROXY_INVALID_RESPONSE",
  VPCE_NOT_FOUND: "XKS_VPC_ENDPOINT_SERVICE_NOT_FOUND",
  VPCE_INVALID: "XKS_VPC_ENDPOINT_SERVICE_INVALID_CONFIGURATION",
};

/** The health check -> ConnectionErrorCode mapping: undefined means the store connects. */
export function healthConnectionError(x: ProxyExchange): ConnectionErrorCode | undefined {
  const problem = exchangeProblem(x, "health");
  return problem === undefined ? undefined : CONNECTION_CODE[problem];
}

/** AWS's message for each problem, as cryptographic operations (and CreateKey) carry it. */
export const PROBLEM_MESSAGE: Record<XksProblem, string> = {
  NOT_REACHABLE:
    "AWS KMS cannot communicate with the external key store proxy. Verify that your external key store proxy is active and is connected to the network, and that its URI path and endpoint URI or VPC service name are correct in your external key store.",
  TLS: "AWS KMS cannot establish a TLS connection to the external key store proxy. Verify the TLS configuration, including its certificate.",
  TIMED_OUT:
    "AWS KMS rejected the request because the external key store proxy did not respond in time. Retry the request. If you see this error repeatedly, report it to your external key store proxy administrator.",
  INVALID_URI_PATH:
    "The external key store proxy rejected the request because of an invalid URI path. Verify the URI path for your external key store and update if necessary.",
  INVALID_CREDENTIALS:
    "The external key store proxy rejected the request because it could not authenticate AWS KMS. Verify the credentials for your external key store and update if necessary.",
  ACCESS_DENIED:
    "The external key store proxy denied access to the operation. Verify that the user and the external key are both authorized for this operation, and try the request again.",
  INVALID_RESPONSE:
    "AWS KMS cannot interpret the response from the external key store proxy. If you see this error repeatedly, consult your external key store proxy administrator.",
  UNHEALTHY:
    "The external key store proxy is in an unhealthy state. If you see this message repeatedly, notify your external key store proxy administrator.",
  EKM_UNAVAILABLE:
    "The external key store proxy is in an unhealthy state. If you see this message repeatedly, notify your external key store proxy administrator.",
  UNSUPPORTED:
    "The external key store proxy rejected the request because it does not support the requested cryptographic operation.",
  KEY_NOT_FOUND:
    "The external key store proxy rejected the request because it could not find the external key.",
  KEY_DISABLED:
    "The external key store proxy rejected the request because the external key is not enabled in the external key manager.",
  KEY_USAGE:
    "The external key store proxy rejected the request because the external key does not support the requested operation.",
  INVALID_CIPHERTEXT:
    "The external key store proxy rejected the request because the specified ciphertext or additional authenticated data is corrupted, missing, or otherwise invalid.",
  VPCE_NOT_FOUND:
    "AWS KMS cannot find the VPC endpoint service for the external key store. Verify the VPC endpoint service name and that the Allow principals list of the service includes the KMS service principal for the Region.",
  VPCE_INVALID:
    "The VPC endpoint service for the external key store does not fulfill the requirements for an external key store.",
};

/** A cryptographic operation's answer to a problem: always KMSInvalidStateException (xks-troubleshooting). */
export function cryptoError(problem: XksProblem): AwsError {
  return awsError("KMSInvalidStateException", PROBLEM_MESSAGE[problem]);
}

/** The exception CreateCustomKeyStore and UpdateCustomKeyStore throw for each problem. */
const MANAGEMENT_EXCEPTION: Record<XksProblem, string> = {
  NOT_REACHABLE: "XksProxyUriUnreachableException",
  TIMED_OUT: "XksProxyUriUnreachableException",
  UNHEALTHY: "XksProxyUriUnreachableException",
  EKM_UNAVAILABLE: "XksProxyUriUnreachableException",
  TLS: "XksProxyInvalidConfigurationException",
  INVALID_URI_PATH: "XksProxyInvalidConfigurationException",
  // The API has no access-denied exception for management calls; the proxy is "not configured
  // correctly" for KMS, and the message says how.
  ACCESS_DENIED: "XksProxyInvalidConfigurationException",
  INVALID_CREDENTIALS: "XksProxyIncorrectAuthenticationCredentialException",
  INVALID_RESPONSE: "XksProxyInvalidResponseException",
  UNSUPPORTED: "XksProxyInvalidResponseException",
  KEY_NOT_FOUND: "XksProxyInvalidResponseException",
  KEY_DISABLED: "XksProxyInvalidResponseException",
  KEY_USAGE: "XksProxyInvalidResponseException",
  INVALID_CIPHERTEXT: "XksProxyInvalidResponseException",
  VPCE_NOT_FOUND: "XksProxyVpcEndpointServiceNotFoundException",
  VPCE_INVALID: "XksProxyVpcEndpointServiceInvalidConfigurationException",
};

/** The guide's management-operation wording where it differs from the cryptographic one. */
const MANAGEMENT_MESSAGE: Partial<Record<XksProblem, string>> = {
  NOT_REACHABLE:
    "AWS KMS cannot communicate with the external key store proxy. This might be a transient network issue. If you see this error repeatedly, verify that your external key store proxy is active and is connected to the network, and that its endpoint URI is correct in your external key store.",
  TIMED_OUT:
    "The external key store proxy did not respond to the request in the time allotted. Retry the request. If you see this error repeatedly, report it to your external key store proxy administrator.",
};

export function managementError(problem: XksProblem): AwsError {
  return awsError(MANAGEMENT_EXCEPTION[problem], MANAGEMENT_MESSAGE[problem] ?? PROBLEM_MESSAGE[problem]);
}

/** CreateKey's exception for a proxy problem: XksKey* for the external key, else the store's state. */
export function createKeyError(problem: XksProblem, keySpecOrStatus?: string): AwsError {
  if (problem === "KEY_NOT_FOUND") return awsError("XksKeyNotFoundException", PROBLEM_MESSAGE[problem]);
  if (problem === "KEY_DISABLED" || problem === "KEY_USAGE")
    return awsError("XksKeyInvalidConfigurationException", keySpecOrStatus ?? PROBLEM_MESSAGE[problem]);
  return awsError("CustomKeyStoreInvalidStateException", PROBLEM_MESSAGE[problem]);
}
