import { SignatureV4 } from "@smithy/signature-v4";
import { NodeSha256 } from "../../../src/gather/xks-sign.js";
import type { XksRequest } from "../../../src/sim/xks/proxy.js";
import type { XksProxyState } from "../../../src/sim/xks/state.js";

export const NOW = Date.parse("2026-11-28T12:00:00Z");
export const ACCESS_KEY_ID = "ABCDEFGHIJKLMNOPQRST2345";
export const SECRET = "Yk3vW8xq0nD2mP5sR7tU9wZ1bC4eF6hJ8kL0nQ2sT4v=";

export function proxyState(): XksProxyState {
  return {
    uriPath: "/example",
    credential: { accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET },
    vendor: "Acme Corp",
    model: "Acme XKS Proxy 1.0",
    ekmVendor: "Example HSM Co",
    fleetSize: 2,
    keyManagers: [
      { id: "ekm-1", model: "Model 5.0", healthStatus: "ACTIVE" },
      { id: "ekm-2", model: "Model 5.1", healthStatus: "DEGRADED" },
    ],
    keys: [
      {
        keyId: "key-1",
        keySpec: "AES_256",
        keyUsage: ["ENCRYPT", "DECRYPT"],
        keyStatus: "ENABLED",
        material: "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff",
      },
      {
        keyId: "key-off",
        keySpec: "AES_256",
        keyUsage: ["ENCRYPT", "DECRYPT"],
        keyStatus: "DISABLED",
        material: "ffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100",
      },
    ],
    faults: {},
  };
}

export interface SignOptions {
  accessKeyId?: string;
  secretAccessKey?: string;
  service?: string;
  region?: string;
  signingDate?: Date;
  host?: string;
}

/** Signs a POST with AWS's own SigV4 signer, exactly as KMS would sign a proxy call. */
export async function signedRequest(path: string, body: unknown, o: SignOptions = {}): Promise<XksRequest> {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  const host = o.host ?? "xks.example.com";
  const signer = new SignatureV4({
    service: o.service ?? "kms-xks-proxy",
    region: o.region ?? "us-east-2",
    credentials: {
      accessKeyId: o.accessKeyId ?? ACCESS_KEY_ID,
      secretAccessKey: o.secretAccessKey ?? SECRET,
    },
    sha256: NodeSha256,
  });
  const signed = await signer.sign(
    {
      method: "POST",
      protocol: "https:",
      hostname: host,
      path,
      query: {},
      headers: { host, "content-type": "application/json" },
      body: text,
    },
    { signingDate: o.signingDate ?? new Date(NOW) },
  );
  return { method: "POST", path, headers: signed.headers as Record<string, string>, body: text };
}

export const meta = (kmsOperation: string) => ({
  kmsRequestId: "4112f4d6-db54-4af4-ae30-c55a22a8dfae",
  kmsOperation,
  awsPrincipalArn: "arn:aws:iam::123456789012:user/Alice",
  kmsKeyArn: "arn:aws:kms:us-east-2:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
});

export const b64 = (s: string) => Buffer.from(s, "utf8").toString("base64");
export const opts = { now: () => NOW };
