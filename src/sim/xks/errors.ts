/** The XKS proxy API v1 error names and the HTTP status each is sent with. */
export const XKS_ERROR_STATUS = {
  ValidationException: 400,
  InvalidStateException: 400,
  InvalidCiphertextException: 400,
  InvalidKeyUsageException: 400,
  AuthenticationFailedException: 401,
  AccessDeniedException: 403,
  KeyNotFoundException: 404,
  InvalidUriPathException: 404,
  ThrottlingException: 429,
  InternalException: 500,
  UnsupportedOperationException: 501,
  DependencyTimeoutException: 503,
} as const;

export type XksErrorName = keyof typeof XKS_ERROR_STATUS;

export interface XksResponse {
  status: number;
  /** Raw text, not an object: a faulty proxy must be able to send malformed JSON. */
  body: string;
}

/** Thrown inside the handler and turned into `{errorName, errorMessage}` at its edge. */
export class XksError extends Error {
  constructor(
    readonly errorName: XksErrorName,
    message: string,
  ) {
    super(message);
  }
}

export function errorResponse(name: XksErrorName, message: string): XksResponse {
  return { status: XKS_ERROR_STATUS[name], body: JSON.stringify({ errorName: name, errorMessage: message }) };
}
