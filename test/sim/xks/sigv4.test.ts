import { describe, expect, it } from "vitest";
import { handleXksRequest } from "../../../src/sim/xks/proxy.js";
import { isValidAccessKeyId } from "../../../src/sim/xks/state.js";
import { meta, NOW, opts, proxyState, signedRequest } from "./fixture.js";

const HEALTH = "/example/kms/xks/v1/health";
const body = { requestMetadata: meta("KmsHealthCheck") };

const errorOf = (r: { status: number; body: string }) => ({ status: r.status, ...JSON.parse(r.body) });

describe("XKS proxy SigV4 verification", () => {
  it("accepts a request signed by the AWS SDK's SigV4 signer", async () => {
    const req = await signedRequest(HEALTH, body);
    expect(handleXksRequest(proxyState(), req, opts).status).toBe(200);
  });

  it("accepts any region in the credential scope", async () => {
    const req = await signedRequest(HEALTH, body, { region: "eu-west-1" });
    expect(handleXksRequest(proxyState(), req, opts).status).toBe(200);
  });

  it.each([
    ["a wrong secret", { secretAccessKey: "not-the-secret-not-the-secret-not-the-secret" }],
    ["an unknown access key id", { accessKeyId: "ZZZZZZZZZZZZZZZZZZZZ" }],
    ["another service name", { service: "kms" }],
    ["a date six minutes old", { signingDate: new Date(NOW - 6 * 60_000) }],
    ["a date six minutes ahead", { signingDate: new Date(NOW + 6 * 60_000) }],
  ])("answers 401 AuthenticationFailedException for %s", async (_, o) => {
    const req = await signedRequest(HEALTH, body, o);
    expect(errorOf(handleXksRequest(proxyState(), req, opts))).toMatchObject({
      status: 401,
      errorName: "AuthenticationFailedException",
    });
  });

  it("accepts a date four minutes old", async () => {
    const req = await signedRequest(HEALTH, body, { signingDate: new Date(NOW - 4 * 60_000) });
    expect(handleXksRequest(proxyState(), req, opts).status).toBe(200);
  });

  it("answers 401 when there is no Authorization header", async () => {
    const req = await signedRequest(HEALTH, body);
    delete req.headers.authorization;
    expect(errorOf(handleXksRequest(proxyState(), req, opts)).status).toBe(401);
  });

  it("answers 401 when the body was changed after signing", async () => {
    const req = await signedRequest(HEALTH, body);
    req.body = JSON.stringify({ requestMetadata: meta("ConnectCustomKeyStore") });
    expect(errorOf(handleXksRequest(proxyState(), req, opts)).status).toBe(401);
  });

  it("answers 401 when a proxy in between rewrote a signed header", async () => {
    const req = await signedRequest(HEALTH, body);
    req.headers.host = "rewritten.example.com";
    expect(errorOf(handleXksRequest(proxyState(), req, opts)).status).toBe(401);
  });

  it("knows the spec's access key id rule", () => {
    expect(isValidAccessKeyId("ABCDEFGHIJKLMNOPQRST2345")).toBe(true);
    expect(isValidAccessKeyId("ABCDEFGHIJKLMNOPQRS")).toBe(false); // 19 characters
    expect(isValidAccessKeyId("ABCDEFGHIJKLMNOPQRST1")).toBe(false); // 1 is not in base32
    expect(isValidAccessKeyId("abcdefghijklmnopqrst")).toBe(false);
  });
});
