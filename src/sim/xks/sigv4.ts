import { timingSafeEqual } from "node:crypto";
import { canonicalUri, sha256Hex, signatureOf } from "./sigv4-math.js";
import type { XksCredential } from "./state.js";

/** KMS signs every proxy request for this service name, whatever the region. */
export const XKS_SIGV4_SERVICE = "kms-xks-proxy";
/** The spec asks the proxy to refuse requests more than five minutes away from its clock (replays). */
export const MAX_CLOCK_SKEW_MS = 5 * 60 * 1000;

export interface SignedRequest {
  method: string;
  /** The path as sent on the wire, already percent-encoded by the client. */
  path: string;
  /** Header names in any case. */
  headers: Record<string, string>;
  body: string;
}

export type SigV4Result = { ok: true; region: string } | { ok: false; reason: string };

const AUTH_PATTERN =
  /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request,\s*SignedHeaders=([a-z0-9;-]+),\s*Signature=([0-9a-f]{64})$/;

/** Parses `20261128T120000Z` into epoch milliseconds, or NaN. */
function parseAmzDate(value: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) return Number.NaN;
  return Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!);
}

/**
 * Recomputes the SigV4 signature of a proxy request and compares it with the one sent, following the
 * four tasks of the spec's Appendix A; any mismatch is a reason string for the 401.
 */
export function verifySigV4(req: SignedRequest, credential: XksCredential, nowMs: number): SigV4Result {
  const headers = new Map<string, string>();
  for (const [k, v] of Object.entries(req.headers)) headers.set(k.toLowerCase(), v);
  const auth = headers.get("authorization");
  if (!auth) return { ok: false, reason: "missing Authorization header" };
  const m = AUTH_PATTERN.exec(auth.trim());
  if (!m) return { ok: false, reason: "malformed Authorization header" };
  const [, accessKeyId, scopeDate, region, service, signedHeaderList, signature] = m as unknown as string[];
  if (service !== XKS_SIGV4_SERVICE)
    return { ok: false, reason: `service ${service} is not ${XKS_SIGV4_SERVICE}` };
  if (accessKeyId !== credential.accessKeyId) return { ok: false, reason: "unknown access key id" };
  const signedHeaders = signedHeaderList!.split(";");
  if (!signedHeaders.includes("host")) return { ok: false, reason: "host is not signed" };
  const amzDate = headers.get("x-amz-date");
  if (!amzDate || !signedHeaders.includes("x-amz-date"))
    return { ok: false, reason: "x-amz-date is not signed" };
  const sentAt = parseAmzDate(amzDate);
  if (Number.isNaN(sentAt)) return { ok: false, reason: "malformed x-amz-date" };
  if (!amzDate.startsWith(scopeDate!))
    return { ok: false, reason: "credential scope date differs from x-amz-date" };
  if (Math.abs(nowMs - sentAt) > MAX_CLOCK_SKEW_MS)
    return { ok: false, reason: "request date is more than 5 minutes off" };

  const canonicalHeaders: string[] = [];
  for (const name of signedHeaders) {
    const value = headers.get(name);
    if (value === undefined) return { ok: false, reason: `signed header ${name} is absent` };
    canonicalHeaders.push(`${name}:${value.trim().replace(/\s+/g, " ")}\n`);
  }
  const canonicalRequest = [
    req.method.toUpperCase(),
    canonicalUri(req.path.split("?")[0]!),
    "", // the XKS API has no query parameters
    canonicalHeaders.join(""),
    signedHeaderList,
    sha256Hex(req.body),
  ].join("\n");
  const expected = signatureOf(
    credential.secretAccessKey,
    { day: scopeDate!, region: region!, service: service! },
    amzDate,
    canonicalRequest,
  );
  const sent = Buffer.from(signature!, "hex");
  if (!timingSafeEqual(expected, sent)) return { ok: false, reason: "signature does not match" };
  return { ok: true, region: region! };
}
