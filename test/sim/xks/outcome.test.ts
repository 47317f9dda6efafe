import { describe, expect, it } from "vitest";
import {
  createKeyError,
  cryptoError,
  exchangeProblem,
  healthConnectionError,
  managementError,
  type ProxyExchange,
} from "../../../src/sim/kms/xks-outcome.js";

const HEALTHY = {
  xksProxyFleetSize: 2,
  xksProxyVendor: "Acme",
  xksProxyModel: "P1",
  ekmVendor: "HSM Co",
  ekmFleetDetails: [
    { id: "a", model: "m", healthStatus: "ACTIVE" },
    { id: "b", model: "m", healthStatus: "UNAVAILABLE" },
  ],
};
const ok = (body: unknown, latencyMs = 10): ProxyExchange => ({
  status: 200,
  body: typeof body === "string" ? body : JSON.stringify(body),
  latencyMs,
});
const err = (status: number, errorName: string): ProxyExchange => ({
  status,
  body: JSON.stringify({ errorName, errorMessage: "x" }),
  latencyMs: 5,
});

describe("health check -> ConnectionErrorCode", () => {
  it.each<[string, ProxyExchange, string | undefined]>([
    ["a healthy answer (one key manager up is enough)", ok(HEALTHY), undefined],
    ["no proxy at the endpoint", { transport: "no-proxy" }, "XKS_PROXY_NOT_REACHABLE"],
    ["a refused connection", { transport: "unreachable" }, "XKS_PROXY_NOT_REACHABLE"],
    ["a failed TLS handshake", { transport: "tls" }, "XKS_PROXY_INVALID_TLS_CONFIGURATION"],
    ["an answer after 251 ms", ok(HEALTHY, 251), "XKS_PROXY_TIMED_OUT"],
    ["404 InvalidUriPathException", err(404, "InvalidUriPathException"), "XKS_PROXY_INVALID_CONFIGURATION"],
    ["401 AuthenticationFailedException", err(401, "AuthenticationFailedException"), "INVALID_CREDENTIALS"],
    ["403 AccessDeniedException", err(403, "AccessDeniedException"), "XKS_PROXY_ACCESS_DENIED"],
    ["malformed JSON", ok('{"xksProxyFleetSize": 2'), "XKS_PROXY_INVALID_RESPONSE"],
    ["an answer missing fields", ok({ xksProxyFleetSize: 2 }), "XKS_PROXY_INVALID_RESPONSE"],
    ["a fleet size of 0", ok({ ...HEALTHY, xksProxyFleetSize: 0 }), "XKS_PROXY_INVALID_RESPONSE"],
    [
      "an unknown health status",
      ok({ ...HEALTHY, ekmFleetDetails: [{ id: "a", healthStatus: "OK" }] }),
      "XKS_PROXY_INVALID_RESPONSE",
    ],
    [
      "every key manager UNAVAILABLE",
      ok({ ...HEALTHY, ekmFleetDetails: [{ id: "a", model: "m", healthStatus: "UNAVAILABLE" }] }),
      "XKS_PROXY_NOT_REACHABLE",
    ],
    ["500 InternalException", err(500, "InternalException"), "XKS_PROXY_NOT_REACHABLE"],
    ["503 DependencyTimeoutException", err(503, "DependencyTimeoutException"), "XKS_PROXY_NOT_REACHABLE"],
    ["429 ThrottlingException", err(429, "ThrottlingException"), "XKS_PROXY_NOT_REACHABLE"],
    [
      "501 UnsupportedOperationException",
      err(501, "UnsupportedOperationException"),
      "XKS_PROXY_INVALID_RESPONSE",
    ],
    ["405 with no body", { status: 405, body: "", latencyMs: 1 }, "XKS_PROXY_INVALID_RESPONSE"],
    ["a 404 named like a 401", err(404, "AuthenticationFailedException"), "XKS_PROXY_INVALID_RESPONSE"],
  ])("%s", (_, x, code) => {
    expect(healthConnectionError(x)).toBe(code);
  });

  it("takes 250 ms as still in time", () => {
    expect(healthConnectionError(ok(HEALTHY, 250))).toBeUndefined();
  });
});

describe("key operations", () => {
  it.each([
    [err(404, "KeyNotFoundException"), "KEY_NOT_FOUND"],
    [err(400, "InvalidStateException"), "KEY_DISABLED"],
    [err(400, "InvalidKeyUsageException"), "KEY_USAGE"],
    [err(400, "InvalidCiphertextException"), "INVALID_CIPHERTEXT"],
    [err(400, "ValidationException"), "INVALID_RESPONSE"],
  ] as const)("%o is %s", (x, problem) => {
    expect(exchangeProblem(x, "encrypt")).toBe(problem);
  });

  it("wants ciphertext, IV and tag from encrypt and plaintext from decrypt", () => {
    expect(exchangeProblem(ok({ ciphertext: "AAAA" }), "encrypt")).toBe("INVALID_RESPONSE");
    expect(
      exchangeProblem(
        ok({ ciphertext: "AAAA", initializationVector: "AAAA", authenticationTag: "AAAA" }),
        "encrypt",
      ),
    ).toBeUndefined();
    expect(exchangeProblem(ok({ plaintext: "not base64!" }), "decrypt")).toBe("INVALID_RESPONSE");
    expect(
      exchangeProblem(ok({ keySpec: "AES_256", keyUsage: [], keyStatus: "ENABLED" }), "metadata"),
    ).toBeUndefined();
  });
});

describe("what KMS answers for a problem", () => {
  it("cryptographic operations always throw KMSInvalidStateException with AWS's message", () => {
    const e = cryptoError("INVALID_CREDENTIALS");
    expect(e.code).toBe("KMSInvalidStateException");
    expect(e.message).toMatch(/could not authenticate AWS KMS/);
    expect(cryptoError("KEY_DISABLED").message).toMatch(/not enabled in the external key manager/);
  });

  it.each([
    ["NOT_REACHABLE", "XksProxyUriUnreachableException"],
    ["TIMED_OUT", "XksProxyUriUnreachableException"],
    ["EKM_UNAVAILABLE", "XksProxyUriUnreachableException"],
    ["INVALID_CREDENTIALS", "XksProxyIncorrectAuthenticationCredentialException"],
    ["INVALID_URI_PATH", "XksProxyInvalidConfigurationException"],
    ["TLS", "XksProxyInvalidConfigurationException"],
    ["INVALID_RESPONSE", "XksProxyInvalidResponseException"],
    ["VPCE_NOT_FOUND", "XksProxyVpcEndpointServiceNotFoundException"],
    ["VPCE_INVALID", "XksProxyVpcEndpointServiceInvalidConfigurationException"],
  ] as const)("management calls: %s is %s", (problem, code) => {
    expect(managementError(problem).code).toBe(code);
  });

  it("CreateKey names the external key's problems, and the store's state for the rest", () => {
    expect(createKeyError("KEY_NOT_FOUND").code).toBe("XksKeyNotFoundException");
    expect(createKeyError("KEY_DISABLED").code).toBe("XksKeyInvalidConfigurationException");
    expect(createKeyError("ACCESS_DENIED").code).toBe("CustomKeyStoreInvalidStateException");
  });
});
