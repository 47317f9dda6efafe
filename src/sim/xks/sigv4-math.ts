import { createHash, createHmac } from "node:crypto";

/** The pieces of SigV4 that KMS's signer (sign.ts) and the proxy's verifier (sigv4.ts) share. */

export const sha256Hex = (data: string): string => createHash("sha256").update(data, "utf8").digest("hex");

const hmac = (key: Buffer | string, data: string): Buffer =>
  createHmac("sha256", key).update(data, "utf8").digest();

/** RFC 3986 escaping, as SigV4 applies it to each path segment (services other than S3 escape twice). */
function escapeSegment(segment: string): string {
  return encodeURIComponent(segment).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** The canonical URI of a path as sent on the wire (already percent-encoded once). */
export function canonicalUri(path: string): string {
  return path
    .split("/")
    .map((s) => escapeSegment(s))
    .join("/");
}

/** The signature over a canonical request, as raw bytes: the key derived from the secret and scope. */
export function signatureOf(
  secretAccessKey: string,
  scope: { day: string; region: string; service: string },
  amzDate: string,
  canonicalRequest: string,
): Buffer {
  const scopeLine = `${scope.day}/${scope.region}/${scope.service}/aws4_request`;
  const stringToSign = ["AWS4-HMAC-SHA256", amzDate, scopeLine, sha256Hex(canonicalRequest)].join("\n");
  let key = hmac(`AWS4${secretAccessKey}`, scope.day);
  for (const part of [scope.region, scope.service, "aws4_request"]) key = hmac(key, part);
  return createHmac("sha256", key).update(stringToSign, "utf8").digest();
}
