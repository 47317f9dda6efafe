import { KcsError } from "../core/errors.js";
import { t } from "../i18n/index.js";

interface SdkErrorLike {
  name?: string;
  message?: string;
  code?: string;
  $metadata?: { httpStatusCode?: number };
}

const IAM_SERVICE: Record<string, string> = {
  kms: "kms",
  cloudhsmv2: "cloudhsm",
  cloudtrail: "cloudtrail",
  ec2: "ec2",
};

export function errorCode(err: unknown): string {
  const e = err as SdkErrorLike;
  return e?.name && e.name !== "Error" ? e.name : (e?.code ?? "Error");
}

export function isAccessDenied(err: unknown): boolean {
  return /AccessDenied|UnauthorizedOperation|NotAuthorized/i.test(errorCode(err));
}

export function isNetworkError(err: unknown): boolean {
  const e = err as SdkErrorLike & { cause?: SdkErrorLike };
  const codes = [e?.code, e?.cause?.code, e?.name].filter(Boolean).join(" ");
  return /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|TimeoutError/.test(codes);
}

/**
 * Errors that stop kcs before it can report anything, turned into one line that says what to do.
 * Returns undefined for errors that belong in a report's `errors` list instead.
 */
export function fatalAwsError(
  err: unknown,
  service: string,
  operation: string,
  endpoint?: string,
): KcsError | undefined {
  const fatal = fatalFor(err, service, operation, endpoint);
  if (fatal) fatal.awsCode = errorCode(err);
  return fatal;
}

function fatalFor(err: unknown, service: string, operation: string, endpoint?: string): KcsError | undefined {
  const e = err as SdkErrorLike;
  const name = errorCode(err);
  if (name === "CredentialsProviderError" || /Could not load credentials/i.test(e?.message ?? "")) {
    return new KcsError(t("errors.aws.noCredentials"));
  }
  if (/Region is missing/i.test(e?.message ?? "")) {
    return new KcsError(t("errors.aws.noRegion"));
  }
  if (name === "TimeoutError" || /timed out|timeout/i.test(e?.message ?? "")) {
    return new KcsError(
      t("errors.aws.timeout", {
        endpoint: endpoint ?? t("errors.aws.theEndpoint", { service }),
        service,
        operation,
      }),
    );
  }
  if (isNetworkError(err)) {
    return new KcsError(
      t("errors.aws.unreachable", {
        endpoint: endpoint ?? t("errors.aws.theEndpointLower", { service }),
        code: (err as { cause?: SdkErrorLike }).cause?.code ?? e?.code ?? name,
      }),
    );
  }
  if (isAccessDenied(err)) {
    const action = `${IAM_SERVICE[service] ?? service}:${operation}`;
    return new KcsError(t("errors.aws.accessDenied", { action }));
  }
  if (
    name === "UnrecognizedClientException" ||
    name === "InvalidSignatureException" ||
    name === "ExpiredTokenException"
  ) {
    return new KcsError(t("errors.aws.rejected", { name }));
  }
  return undefined;
}

const TRANSIENT =
  /Throttl|TooManyRequests|RequestLimitExceeded|KMSInternalException|CloudHsmInternalFailure|ServiceUnavailable|InternalFailure|DependencyTimeout|TimeoutError|ECONNRESET|ECONNREFUSED|ETIMEDOUT|EPIPE/;

/** Throttling, 5xx and "KMS cannot communicate with your CloudHSM cluster" are worth another try. */
export function isTransient(err: unknown): boolean {
  const code = errorCode(err);
  const status = (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode ?? 0;
  return (
    TRANSIENT.test(code) ||
    status >= 500 ||
    /cannot communicate with your CloudHSM cluster/i.test((err as Error).message ?? "")
  );
}

export function isThrottling(err: unknown): boolean {
  return /Throttl|TooManyRequests|RequestLimitExceeded/.test(errorCode(err));
}
