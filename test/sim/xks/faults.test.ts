import { describe, expect, it } from "vitest";
import { handleXksRequest, transportFault } from "../../../src/sim/xks/proxy.js";
import { b64, meta, opts, proxyState, signedRequest } from "./fixture.js";

const ROOT = "/example/kms/xks/v1";
type State = ReturnType<typeof proxyState>;

async function call(state: State, path: string, body: unknown) {
  return handleXksRequest(state, await signedRequest(path, body), opts);
}
const health = (state: State) =>
  call(state, `${ROOT}/health`, { requestMetadata: meta("ConnectCustomKeyStore") });
const encrypt = (state: State, keyId = "key-1") =>
  call(state, `${ROOT}/keys/${keyId}/encrypt`, {
    requestMetadata: meta("Encrypt"),
    plaintext: b64("x"),
    encryptionAlgorithm: "AES_GCM",
  });

describe("XKS proxy faults", () => {
  it("rejectCredentials answers 401 to a correctly signed request", async () => {
    const state = proxyState();
    state.faults.rejectCredentials = true;
    const r = await health(state);
    expect(r.status).toBe(401);
    expect(JSON.parse(r.body).errorName).toBe("AuthenticationFailedException");
  });

  it("accessDenied answers 403 AccessDeniedException", async () => {
    const state = proxyState();
    state.faults.accessDenied = true;
    const r = await encrypt(state);
    expect(r.status).toBe(403);
    expect(JSON.parse(r.body).errorName).toBe("AccessDeniedException");
  });

  it("invalidResponse malformed-json answers 200 with a body that does not parse", async () => {
    const state = proxyState();
    state.faults.invalidResponse = "malformed-json";
    const r = await health(state);
    expect(r.status).toBe(200);
    expect(() => JSON.parse(r.body)).toThrow();
  });

  it("invalidResponse missing-fields answers JSON without the required fields", async () => {
    const state = proxyState();
    state.faults.invalidResponse = "missing-fields";
    const r = await health(state);
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).not.toHaveProperty("ekmFleetDetails");
  });

  it("invalidResponse leaves errors as they are", async () => {
    const state = proxyState();
    state.faults.invalidResponse = "malformed-json";
    expect(JSON.parse((await encrypt(state, "nope")).body).errorName).toBe("KeyNotFoundException");
  });

  it("all key managers UNAVAILABLE: health still answers, crypto fails with 500 InternalException", async () => {
    const state = proxyState();
    for (const m of state.keyManagers) m.healthStatus = "UNAVAILABLE";
    const h = await health(state);
    expect(h.status).toBe(200);
    expect(JSON.parse(h.body).ekmFleetDetails.map((m: { healthStatus: string }) => m.healthStatus)).toEqual([
      "UNAVAILABLE",
      "UNAVAILABLE",
    ]);
    const e = await encrypt(state);
    expect(e.status).toBe(500);
    expect(JSON.parse(e.body).errorName).toBe("InternalException");
  });

  it("some key managers UNAVAILABLE: crypto still works", async () => {
    const state = proxyState();
    state.keyManagers[0]!.healthStatus = "UNAVAILABLE";
    expect((await encrypt(state)).status).toBe(200);
  });

  it("a missing key answers 404, a disabled key 400 InvalidStateException", async () => {
    const state = proxyState();
    state.keys = state.keys.filter((k) => k.keyId !== "key-1");
    expect((await encrypt(state)).status).toBe(404);
    const off = await encrypt(state, "key-off");
    expect([off.status, JSON.parse(off.body).errorName]).toEqual([400, "InvalidStateException"]);
  });

  it("transport faults are reported for the HTTP layer, not answered by the handler", () => {
    const state = proxyState();
    expect(transportFault(state)).toBeUndefined();
    state.faults.tls = { failed: true, reason: "certificate expired" };
    expect(transportFault(state)).toBe("TLS handshake failed: certificate expired");
    state.faults.unreachable = true;
    expect(transportFault(state)).toBe("connection refused");
  });
});
