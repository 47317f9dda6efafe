import { createHash, createHmac } from "node:crypto";
import { XKS_SIGV4_SERVICE } from "./sigv4.js";
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

const sha256Hex = (data: string): string => createHash("sha256").update(data, "utf8").digest("hex");
const hmac = (key: Buffer | string, data: string): Buffer =>
  createHmac("sha256", key).update(data, "utf8").digest();

/** RFC 3986 escaping of each segment of the path as sent (already escaped once): SigV4 escapes twice. */
function escapeSegment(segment: string): string {
  return encodeURIComponent(segment).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
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
  const canonicalUri = input.path
    .split("/")
    .map((s) => escapeSegment(s))
    .join("/");
  const canonicalRequest = ["POST", canonicalUri, "", canonicalHeaders, signedHeaders, payloadHash].join(
    "\n",
  );
  const scope = `${day}/${input.region}/${XKS_SIGV4_SERVICE}/aws4_request`;
  const stringToSign = ["AWS4-HMAC-SHA256", date, scope, sha256Hex(canonicalRequest)].join("\n");
  let key = hmac(`AWS4${credential.secretAccessKey}`, day);
  for (const part of [input.region, XKS_SIGV4_SERVICE, "aws4_request"]) key = hmac(key, part);
  const signature = createHmac("sha256", key).update(stringToSign, "utf8").digest("hex");
  return {
    ...headers,
    authorization: `AWS4-HMAC-SHA256 Credential=${credential.accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`,
  };
}
