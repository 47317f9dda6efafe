import type { Caller } from "../context.js";

/** Header names in lower case, absent values dropped. */
export function lowerKeys(headers: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) if (v !== undefined) out[k.toLowerCase()] = v;
  return out;
}

/** Reads the caller's access key id from the SigV4 credential scope; signatures are not checked. */
export function callerOf(headers: Record<string, string>): Partial<Caller> {
  const m = /Credential=([^/,\s]+)\//.exec(headers.authorization ?? "");
  return {
    ...(m ? { accessKeyId: m[1]! } : {}),
    ...(headers["user-agent"] ? { userAgent: headers["user-agent"] } : {}),
  };
}
