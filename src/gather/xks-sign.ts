import { createHash, createHmac, type Hash, type Hmac } from "node:crypto";
import { SignatureV4 } from "@smithy/signature-v4";
import type { Secret } from "../core/secret.js";

/** KMS signs every proxy request for this service name (the XKS proxy API spec, Appendix A). */
export const XKS_SIGV4_SERVICE = "kms-xks-proxy";

/** A proxy credential an operator gave kcs: the id is shown, the secret only ever reaches the signer. */
export interface XksProbeCredential {
  accessKeyId: string;
  secretAccessKey: Secret;
}

function bytes(d: string | ArrayBuffer | ArrayBufferView): string | Uint8Array {
  if (typeof d === "string") return d;
  if (d instanceof ArrayBuffer) return new Uint8Array(d);
  return new Uint8Array(d.buffer, d.byteOffset, d.byteLength);
}

/** SigV4's hash plug-in over node:crypto: the signer needs one, and Node's is already there. */
export class NodeSha256 {
  private readonly h: Hash | Hmac;
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.h = secret === undefined ? createHash("sha256") : createHmac("sha256", bytes(secret));
  }
  update(data: string | ArrayBuffer | ArrayBufferView): void {
    this.h.update(bytes(data));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.h.digest());
  }
  reset(): void {}
}

/** The headers of a POST to `url`, signed as KMS signs its calls to a proxy. */
export async function signXks(
  url: URL,
  body: string,
  credential: XksProbeCredential,
  region: string,
  signingDate = new Date(),
): Promise<Record<string, string>> {
  const signer = new SignatureV4({
    service: XKS_SIGV4_SERVICE,
    region,
    credentials: {
      accessKeyId: credential.accessKeyId,
      secretAccessKey: credential.secretAccessKey.reveal(),
    },
    sha256: NodeSha256,
  });
  const signed = await signer.sign(
    {
      method: "POST",
      protocol: url.protocol,
      hostname: url.hostname,
      ...(url.port ? { port: Number(url.port) } : {}),
      path: url.pathname,
      query: {},
      headers: { host: url.host, "content-type": "application/json" },
      body,
    },
    { signingDate },
  );
  return signed.headers as Record<string, string>;
}
