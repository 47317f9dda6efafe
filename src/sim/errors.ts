export type ServiceName = "kms" | "cloudhsmv2" | "cloudtrail" | "ec2";

/** An AWS error as the wire carries it: the exact exception name, its message and HTTP status. */
export class AwsError extends Error {
  /** A fault a test injected: it stands for the network, so CloudTrail never saw the call. */
  injected = false;
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
    this.name = code;
  }
}

export const SERVER_FAULTS: Record<string, number> = {
  KMSInternalException: 500,
  KeyUnavailableException: 500,
  DependencyTimeoutException: 503,
  CloudHsmInternalFailureException: 500,
  InternalFailure: 500,
  ServiceUnavailable: 503,
  // EC2's own server errors.
  InternalError: 500,
  Unavailable: 503,
};

/** Client errors AWS answers with a status other than 400 (EC2's, from its error code reference). */
const CLIENT_STATUS: Record<string, number> = {
  UnauthorizedOperation: 403,
  DryRunOperation: 412,
};

export function awsError(code: string, message: string): AwsError {
  return new AwsError(code, message, SERVER_FAULTS[code] ?? CLIENT_STATUS[code] ?? 400);
}

/** AWS's wording for a constraint violation ("1 validation error detected: ..."). */
/** Stands for a sensitive member's value: AWS never repeats one back in an error. */
export const SENSITIVE = Symbol("sensitive");

export function validationError(field: string, value: unknown, constraint: string): AwsError {
  const shown = value === SENSITIVE ? "" : ` '${typeof value === "string" ? value : JSON.stringify(value)}'`;
  return awsError(
    "ValidationException",
    `1 validation error detected: Value${shown} at '${field}' failed to satisfy constraint: ${constraint}`,
  );
}
