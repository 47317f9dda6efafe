import { describe, expect, it } from "vitest";
import { handleXksRequest } from "../../../src/sim/xks/proxy.js";
import { b64, meta, opts, proxyState, signedRequest } from "./fixture.js";

const ROOT = "/example/kms/xks/v1";
type State = ReturnType<typeof proxyState>;

async function call(state: State, path: string, body: unknown) {
  const r = handleXksRequest(state, await signedRequest(path, body), opts);
  return { status: r.status, json: r.body ? JSON.parse(r.body) : undefined };
}

const encryptBody = (plaintext: string, aad?: string) => ({
  requestMetadata: meta("Encrypt"),
  plaintext: b64(plaintext),
  encryptionAlgorithm: "AES_GCM",
  ...(aad === undefined ? {} : { additionalAuthenticatedData: b64(aad) }),
});

describe("XKS proxy operations", () => {
  it("reports health with mixed key manager states", async () => {
    const state = proxyState();
    state.keyManagers.push({ id: "ekm-3", model: "Model 5.1", healthStatus: "UNAVAILABLE" });
    const r = await call(state, `${ROOT}/health`, { requestMetadata: meta("ConnectCustomKeyStore") });
    expect(r).toEqual({
      status: 200,
      json: {
        xksProxyFleetSize: 2,
        xksProxyVendor: "Acme Corp",
        xksProxyModel: "Acme XKS Proxy 1.0",
        ekmVendor: "Example HSM Co",
        ekmFleetDetails: [
          { id: "ekm-1", model: "Model 5.0", healthStatus: "ACTIVE" },
          { id: "ekm-2", model: "Model 5.1", healthStatus: "DEGRADED" },
          { id: "ekm-3", model: "Model 5.1", healthStatus: "UNAVAILABLE" },
        ],
      },
    });
  });

  it("answers key metadata, a disabled key's included", async () => {
    const state = proxyState();
    expect(await call(state, `${ROOT}/keys/key-1/metadata`, { requestMetadata: meta("CreateKey") })).toEqual({
      status: 200,
      json: { keySpec: "AES_256", keyUsage: ["ENCRYPT", "DECRYPT"], keyStatus: "ENABLED" },
    });
    const off = await call(state, `${ROOT}/keys/key-off/metadata`, { requestMetadata: meta("DescribeKey") });
    expect(off.json.keyStatus).toBe("DISABLED");
  });

  it("round-trips encrypt and decrypt with AAD, and refuses other AAD", async () => {
    const state = proxyState();
    const enc = await call(state, `${ROOT}/keys/key-1/encrypt`, encryptBody("Hello World!", "project=nile"));
    expect(enc.status).toBe(200);
    expect(Buffer.from(enc.json.ciphertext, "base64")).toHaveLength(12);
    expect(Buffer.from(enc.json.initializationVector, "base64")).toHaveLength(12);
    expect(Buffer.from(enc.json.authenticationTag, "base64")).toHaveLength(16);
    const decryptBody = (aad: string) => ({
      requestMetadata: meta("Decrypt"),
      encryptionAlgorithm: "AES_GCM",
      ciphertext: enc.json.ciphertext,
      initializationVector: enc.json.initializationVector,
      authenticationTag: enc.json.authenticationTag,
      additionalAuthenticatedData: b64(aad),
    });
    const dec = await call(state, `${ROOT}/keys/key-1/decrypt`, decryptBody("project=nile"));
    expect(dec).toEqual({ status: 200, json: { plaintext: b64("Hello World!") } });
    const wrongAad = await call(state, `${ROOT}/keys/key-1/decrypt`, decryptBody("project=amazon"));
    expect(wrongAad).toMatchObject({ status: 400, json: { errorName: "InvalidCiphertextException" } });
  });

  it("refuses tampered ciphertext with 400 InvalidCiphertextException", async () => {
    const state = proxyState();
    const enc = await call(state, `${ROOT}/keys/key-1/encrypt`, encryptBody("secret data"));
    const bytes = Buffer.from(enc.json.ciphertext, "base64");
    bytes[0] = bytes[0]! ^ 1;
    const dec = await call(state, `${ROOT}/keys/key-1/decrypt`, {
      requestMetadata: meta("Decrypt"),
      encryptionAlgorithm: "AES_GCM",
      ciphertext: bytes.toString("base64"),
      initializationVector: enc.json.initializationVector,
      authenticationTag: enc.json.authenticationTag,
    });
    expect(dec).toMatchObject({ status: 400, json: { errorName: "InvalidCiphertextException" } });
  });

  it("returns a ciphertext data integrity value when asked", async () => {
    const r = await call(proxyState(), `${ROOT}/keys/key-1/encrypt`, {
      ...encryptBody("x"),
      ciphertextDataIntegrityValueAlgorithm: "SHA_256",
    });
    expect(Buffer.from(r.json.ciphertextDataIntegrityValue, "base64")).toHaveLength(32);
  });
});

describe("XKS proxy errors", () => {
  it("answers 405 to a GET", async () => {
    const req = await signedRequest(`${ROOT}/health`, {});
    expect(handleXksRequest(proxyState(), { ...req, method: "GET" }, opts).status).toBe(405);
  });

  it.each([
    ["a wrong prefix", "/other/kms/xks/v1/health", "InvalidUriPathException", 404],
    ["no prefix", "/kms/xks/v1/health", "InvalidUriPathException", 404],
    ["an unknown operation", `${ROOT}/keys/key-1/sign`, "InvalidUriPathException", 404],
    ["an unknown key", `${ROOT}/keys/nope/metadata`, "KeyNotFoundException", 404],
  ])("answers %s with %s", async (_, path, errorName, status) => {
    expect(await call(proxyState(), path, { requestMetadata: meta("CreateKey") })).toMatchObject({
      status,
      json: { errorName },
    });
  });

  it("serves the API at the root when the store has no prefix", async () => {
    const state = { ...proxyState(), uriPath: "" };
    expect(
      (await call(state, "/kms/xks/v1/health", { requestMetadata: meta("KmsHealthCheck") })).status,
    ).toBe(200);
  });

  it.each([
    ["bad JSON", `${ROOT}/health`, "{not json"],
    ["no requestMetadata", `${ROOT}/health`, {}],
    ["no kmsOperation", `${ROOT}/health`, { requestMetadata: { kmsRequestId: "r" } }],
    [
      "no plaintext",
      `${ROOT}/keys/key-1/encrypt`,
      { requestMetadata: meta("Encrypt"), encryptionAlgorithm: "AES_GCM" },
    ],
    [
      "a plaintext that is not base64",
      `${ROOT}/keys/key-1/encrypt`,
      { ...encryptBody("x"), plaintext: "%%%" },
    ],
    [
      "another algorithm",
      `${ROOT}/keys/key-1/encrypt`,
      { ...encryptBody("x"), encryptionAlgorithm: "AES_CBC" },
    ],
    ["no authenticationTag", `${ROOT}/keys/key-1/decrypt`, { ...encryptBody("x"), ciphertext: b64("x") }],
  ])("answers %s with 400 ValidationException", async (_, path, body) => {
    expect(await call(proxyState(), path, body)).toMatchObject({
      status: 400,
      json: { errorName: "ValidationException" },
    });
  });

  it("answers 400 InvalidStateException to encrypt with a disabled key", async () => {
    expect(await call(proxyState(), `${ROOT}/keys/key-off/encrypt`, encryptBody("x"))).toMatchObject({
      status: 400,
      json: { errorName: "InvalidStateException" },
    });
  });

  it("answers 400 InvalidKeyUsageException when the key may not encrypt", async () => {
    const state = proxyState();
    state.keys[0]!.keyUsage = ["DECRYPT"];
    expect(await call(state, `${ROOT}/keys/key-1/encrypt`, encryptBody("x"))).toMatchObject({
      status: 400,
      json: { errorName: "InvalidKeyUsageException" },
    });
  });
});
