import { cdiv, open, seal } from "./aes-gcm.js";
import { errorResponse, XksError, type XksResponse } from "./errors.js";
import { verifySigV4 } from "./sigv4.js";
import type { XksKey, XksProxyState } from "./state.js";

export interface XksRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
}

export interface HandlerOptions {
  /** Epoch milliseconds; injected so tests can check the 5-minute replay window without sleeping. */
  now: () => number;
}

const API_ROOT = "/kms/xks/v1";
const KEY_OP = /^\/keys\/([^/]+)\/(metadata|encrypt|decrypt)$/;

type Json = Record<string, unknown>;

/**
 * Answers one XKS proxy API request from the proxy's state. Transport faults (unreachable, TLS,
 * latency) are the HTTP layer's business; see `transportFault`.
 */
export function handleXksRequest(state: XksProxyState, req: XksRequest, opts: HandlerOptions): XksResponse {
  try {
    return dispatch(state, req, opts);
  } catch (e) {
    if (e instanceof XksError) return errorResponse(e.errorName, e.message);
    return errorResponse("InternalException", String(e));
  }
}

/** Why the HTTP layer would never deliver the request to the handler, if it would not. */
export function transportFault(state: XksProxyState): string | undefined {
  if (state.faults.unreachable) return "connection refused";
  if (state.faults.tls?.failed) return `TLS handshake failed: ${state.faults.tls.reason}`;
  return undefined;
}

function dispatch(state: XksProxyState, req: XksRequest, opts: HandlerOptions): XksResponse {
  // Every XKS call is a POST; a GET (a browser, a load balancer) is told so rather than 404.
  if (req.method.toUpperCase() !== "POST") return { status: 405, body: "" };
  const path = req.path.split("?")[0]!;
  const base = `${state.uriPath.replace(/\/$/, "")}${API_ROOT}`;
  if (!path.startsWith(base)) throw new XksError("InvalidUriPathException", `no XKS API under ${path}`);
  const rest = path.slice(base.length);
  const op = rest === "/health" ? { kind: "health" as const } : keyOp(rest);
  if (!op) throw new XksError("InvalidUriPathException", `no XKS API at ${path}`);

  const auth = verifySigV4(req, state.credential, opts.now());
  if (!auth.ok) throw new XksError("AuthenticationFailedException", auth.reason);
  if (state.faults.rejectCredentials)
    throw new XksError("AuthenticationFailedException", "credential rejected");
  // The spec exempts health from secondary authorization, but KMS documents XKS_PROXY_ACCESS_DENIED as
  // a connect outcome, so the fault applies to every operation.
  if (state.faults.accessDenied)
    throw new XksError("AccessDeniedException", "denied by proxy authorization rules");

  const body = parseBody(req.body);
  const metadata = body.requestMetadata;
  if (
    !isObject(metadata) ||
    typeof metadata.kmsOperation !== "string" ||
    typeof metadata.kmsRequestId !== "string"
  ) {
    throw new XksError("ValidationException", "requestMetadata needs kmsOperation and kmsRequestId");
  }
  const answer = op.kind === "health" ? health(state) : keyOperation(state, op.keyId, op.kind, body);
  return { status: 200, body: render(answer, state.faults.invalidResponse) };
}

function keyOp(rest: string): { kind: "metadata" | "encrypt" | "decrypt"; keyId: string } | undefined {
  const m = KEY_OP.exec(rest);
  if (!m) return undefined;
  return { kind: m[2] as "metadata" | "encrypt" | "decrypt", keyId: decodeURIComponent(m[1]!) };
}

function health(state: XksProxyState): Json {
  return {
    xksProxyFleetSize: state.fleetSize,
    xksProxyVendor: state.vendor,
    xksProxyModel: state.model,
    ekmVendor: state.ekmVendor,
    ekmFleetDetails: state.keyManagers.map(({ id, model, healthStatus }) => ({ id, model, healthStatus })),
  };
}

function keyOperation(
  state: XksProxyState,
  keyId: string,
  kind: "metadata" | "encrypt" | "decrypt",
  body: Json,
): Json {
  const key = state.keys.find((k) => k.keyId === keyId);
  if (!key) throw new XksError("KeyNotFoundException", `external key ${keyId} not found`);
  // Metadata reports the status; only cryptographic use of a disabled key is refused.
  if (kind === "metadata")
    return { keySpec: key.keySpec, keyUsage: [...key.keyUsage], keyStatus: key.keyStatus };
  if (key.keyStatus !== "ENABLED")
    throw new XksError("InvalidStateException", `external key ${keyId} is disabled`);
  if (!state.keyManagers.some((m) => m.healthStatus !== "UNAVAILABLE")) {
    throw new XksError("InternalException", "no external key manager is available");
  }
  if (body.encryptionAlgorithm !== "AES_GCM")
    throw new XksError("ValidationException", "encryptionAlgorithm must be AES_GCM");
  return kind === "encrypt" ? encrypt(key, body) : decrypt(key, body);
}

function encrypt(key: XksKey, body: Json): Json {
  requireUsage(key, "ENCRYPT");
  const plaintext = base64Field(body, "plaintext", true);
  const aad = base64Field(body, "additionalAuthenticatedData", false);
  const algorithm = body.ciphertextDataIntegrityValueAlgorithm;
  if (algorithm !== undefined && algorithm !== "SHA_256") {
    throw new XksError("ValidationException", "ciphertextDataIntegrityValueAlgorithm must be SHA_256");
  }
  const sealed = seal(key.material, plaintext, aad, Buffer.alloc(0));
  const out: Json = {
    ciphertext: sealed.ciphertext.toString("base64"),
    initializationVector: sealed.iv.toString("base64"),
    authenticationTag: sealed.tag.toString("base64"),
  };
  if (algorithm) out.ciphertextDataIntegrityValue = cdiv(aad, Buffer.alloc(0), sealed).toString("base64");
  return out;
}

function decrypt(key: XksKey, body: Json): Json {
  requireUsage(key, "DECRYPT");
  const ciphertext = base64Field(body, "ciphertext", true);
  const iv = base64Field(body, "initializationVector", true);
  const tag = base64Field(body, "authenticationTag", true);
  const aad = base64Field(body, "additionalAuthenticatedData", false);
  const metadata = base64Field(body, "ciphertextMetadata", false);
  if ((iv.length !== 12 && iv.length !== 16) || tag.length !== 16 || metadata.length > 20) {
    throw new XksError(
      "InvalidCiphertextException",
      "initialization vector, tag or metadata has the wrong size",
    );
  }
  const plaintext = open(key.material, { ciphertext, iv, tag }, aad, metadata);
  if (!plaintext)
    throw new XksError("InvalidCiphertextException", "ciphertext or additional data is corrupted");
  return { plaintext: plaintext.toString("base64") };
}

function requireUsage(key: XksKey, usage: string): void {
  if (!key.keyUsage.includes(usage))
    throw new XksError("InvalidKeyUsageException", `key does not allow ${usage}`);
}

function base64Field(body: Json, name: string, required: boolean): Buffer {
  const value = body[name];
  if (value === undefined && !required) return Buffer.alloc(0);
  if (typeof value !== "string" || !/^[A-Za-z0-9+/]*={0,2}$/.test(value) || value.length % 4 !== 0) {
    throw new XksError("ValidationException", `${name} must be a base64 string`);
  }
  return Buffer.from(value, "base64");
}

function parseBody(text: string): Json {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new XksError("ValidationException", "body is not JSON");
  }
  if (!isObject(parsed)) throw new XksError("ValidationException", "body is not a JSON object");
  return parsed;
}

function isObject(v: unknown): v is Json {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Serialises a success, or spoils it the way the `invalidResponse` fault says. */
function render(answer: Json, fault: XksProxyState["faults"]["invalidResponse"]): string {
  if (fault === "malformed-json") return JSON.stringify(answer).slice(0, -1);
  if (fault === "missing-fields") {
    // Keep one field so the body is still JSON but lacks what the spec requires.
    const [first] = Object.entries(answer);
    return JSON.stringify(first ? { [first[0]]: first[1] } : {});
  }
  return JSON.stringify(answer);
}
