import { SignatureV4 } from "@smithy/signature-v4";
import { describe, expect, it } from "vitest";
import { NodeSha256 } from "../../../src/gather/xks-sign.js";
import { handleXksRequest } from "../../../src/sim/xks/proxy.js";
import { signXksRequest } from "../../../src/sim/xks/sign.js";
import { ACCESS_KEY_ID, NOW, proxyState, SECRET } from "./fixture.js";

const credential = { accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET };

describe("KMS's synchronous SigV4 signer for proxy calls", () => {
  it.each(["/example/kms/xks/v1/health", "/kms/xks/v1/keys/key-1.a_b/encrypt"])(
    "signs %s exactly as @smithy/signature-v4 does",
    async (path) => {
      const body = JSON.stringify({ requestMetadata: { kmsOperation: "Encrypt", kmsRequestId: "r" } });
      const ours = signXksRequest(
        { path, host: "xks.example.com", body, region: "eu-west-1", nowMs: NOW },
        credential,
      );
      const signer = new SignatureV4({
        service: "kms-xks-proxy",
        region: "eu-west-1",
        credentials: credential,
        sha256: NodeSha256,
      });
      const theirs = await signer.sign(
        {
          method: "POST",
          protocol: "https:",
          hostname: "xks.example.com",
          path,
          query: {},
          headers: { host: "xks.example.com", "content-type": "application/json" },
          body,
        },
        { signingDate: new Date(NOW) },
      );
      expect(ours.authorization).toBe(theirs.headers.authorization);
      expect(ours["x-amz-date"]).toBe(theirs.headers["x-amz-date"]);
    },
  );

  it("is accepted by the simulated proxy, and refused with another secret", () => {
    const path = "/example/kms/xks/v1/health";
    const body = JSON.stringify({ requestMetadata: { kmsOperation: "KmsHealthCheck", kmsRequestId: "r" } });
    const sign = (secretAccessKey: string) =>
      signXksRequest(
        { path, host: "xks.example.com", body, region: "eu-west-1", nowMs: NOW },
        { ...credential, secretAccessKey },
      );
    const send = (headers: Record<string, string>) =>
      handleXksRequest(proxyState(), { method: "POST", path, headers, body }, { now: () => NOW }).status;
    expect(send(sign(SECRET))).toBe(200);
    expect(send(sign(`${SECRET.slice(0, -2)}Q=`))).toBe(401);
  });
});
