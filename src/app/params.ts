import { UsageError } from "../core/errors.js";
import { printable } from "../core/printable.js";

/** What each --param takes, checked before anything is read or changed. */
const PARAM_FORMATS: Record<string, { ok: (value: string) => boolean; takes: string }> = {
  BackupId: { ok: (v) => /^backup-[2-7a-zA-Z]{11,16}$/.test(v), takes: "a CloudHSM backup id (backup-…)" },
  SubnetIds: {
    ok: (v) => {
      const ids = v.split(",").map((s) => s.trim());
      return (
        ids.length >= 1 &&
        ids.length <= 10 &&
        new Set(ids).size === ids.length &&
        ids.every((id) => /^subnet-[0-9a-f]{8,17}$/.test(id))
      );
    },
    takes: "1 to 10 different subnet ids (subnet-…), separated by commas",
  },
  HsmType: { ok: (v) => v === "hsm1.medium" || v === "hsm2m.medium", takes: "hsm1.medium or hsm2m.medium" },
  AcceptKeyLoss: { ok: (v) => v === "yes", takes: "yes" },
  // botocore's XksProxyUriPathType and XksProxyUriEndpointType, lengths included.
  XksProxyUriPath: {
    ok: (v) =>
      v.length >= 10 &&
      v.length <= 128 &&
      /^(\/[a-zA-Z0-9/_-]+\/kms\/xks\/v\d{1,2})$|^(\/kms\/xks\/v\d{1,2})$/.test(v),
    takes: "a path that starts with / and ends with /kms/xks/v1 (e.g. /example/kms/xks/v1)",
  },
  XksProxyUriEndpoint: {
    ok: (v) => v.length >= 10 && v.length <= 128 && /^https:\/\/[a-zA-Z0-9.-]+$/.test(v),
    takes: "https:// and a host name, with no path (e.g. https://xks.example.com)",
  },
};

export const PARAM_NAMES = Object.keys(PARAM_FORMATS);

/**
 * --param NAME=VALUE, each name known and each value in its format. Only a name is ever echoed: a
 * mistaken --param may hold a secret (the password never comes from argv).
 */
export function parseParams(raw: readonly string[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of raw ?? []) {
    const eq = p.indexOf("=");
    const name = p.slice(0, eq);
    const format = eq > 0 ? PARAM_FORMATS[name] : undefined;
    if (!format) {
      throw new UsageError(
        `--param takes NAME=VALUE with NAME one of ${PARAM_NAMES.join(", ")}; got ${eq > 0 && /^[A-Za-z]{1,40}$/.test(name) ? `'${name}=…'` : "something else (not shown: it may be a secret)"}.`,
      );
    }
    const value = p.slice(eq + 1);
    if (!format.ok(value))
      throw new UsageError(
        `--param ${name} takes ${format.takes}; the value given is not one (not shown). Nothing was changed.`,
      );
    if (name in out) throw new UsageError(`--param ${name} is given twice: give it once.`);
    out[name] = value;
  }
  return out;
}

/**
 * --store values: a store id (at most 64 characters) or name (at most 256), as KMS allows them.
 * An empty or oversized selector can match nothing; one with control characters is a paste accident.
 */
export function checkStoreSelectors(stores: readonly string[] | undefined): void {
  for (const s of stores ?? []) {
    if (s.trim() === "") throw new UsageError("--store takes a store id or name; got an empty one.");
    if (s.length > 256)
      throw new UsageError(`--store takes a store id or name of at most 256 characters; got ${s.length}.`);
    if (printable(s) !== s)
      throw new UsageError("--store holds control characters: give the store's id or name.");
  }
}
