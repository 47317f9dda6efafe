import { XKS_SIGV4_SERVICE } from "./sigv4.js";
import { canonicalUri, sha256Hex, signatureOf } from "./sigv4-math.js";
import type { XksCredential } from "./state.js";

/**
 * SigV4 as KMS signs its calls to a proxy, computed synchronously: the simulator's operation handlers
 * and settle() are synchronous, and @smithy/signature-v4 only signs asynchronously. A unit test holds
 * this signer to @smithy/signature-v4's output byte for byte (test/sim/xks/sign.test.ts).
 */
export interface XksSignInput {
  /** The path as sent on the wire (percent-encoded). */
  path: string;
  host: string;
  body: string;
  region: string;
  nowMs: number;
}

function amzDate(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
}

/** The headers of a signed POST: host, content-type, x-amz-content-sha256, x-amz-date, Authorization. */
export function signXksRequest(input: XksSignInput, credential: XksCredential): Record<string, string> {
  const date = amzDate(input.nowMs);
  const day = date.slice(0, 8);
  const payloadHash = sha256Hex(input.body);
  // The same headers @smithy/signature-v4 signs for this request, x-amz-content-sha256 included.
  const headers: Record<string, string> = {
    "content-type": "application/json",
    host: input.host,
    "x-amz-content-sha256": payloadHash,
    "x-amz-date": date,
  };
  const names = Object.keys(headers).sort();
  const canonicalHeaders = names.map((n) => `${n}:${headers[n]!.trim()}\n`).join("");
  const signedHeaders = names.join(";");
  const canonicalRequest = [
    "POST",
    canonicalUri(input.path),
    "",
    canonicalHeaders,
    signedHeaders,
    payloadHash,
  ].join("\n");
  const scope = `${day}/${input.region}/${XKS_SIGV4_SERVICE}/aws4_request`;
  const signature = signatureOf(
    credential.secretAccessKey,
    { day, region: input.region, service: XKS_SIGV4_SERVICE },
    date,
    canonicalRequest,
  ).toString("hex");
  return {
    ...headers,
    authorization: `AWS4-HMAC-SHA256 Credential=${credential.accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`,
  };
}
