import { UsageError } from "../core/errors.js";
import { printable } from "../core/printable.js";
import { t } from "../i18n/index.js";

type ParamName =
  | "BackupId"
  | "SubnetIds"
  | "HsmType"
  | "AcceptKeyLoss"
  | "XksProxyUriPath"
  | "XksProxyUriEndpoint";

/** What each --param takes (its words: the fix catalog's param.takes), checked before anything is read or changed. */
const PARAM_FORMATS: Record<ParamName, { ok: (value: string) => boolean }> = {
  BackupId: { ok: (v) => /^backup-[2-7a-zA-Z]{11,16}$/.test(v) },
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
  },
  HsmType: { ok: (v) => v === "hsm1.medium" || v === "hsm2m.medium" },
  AcceptKeyLoss: { ok: (v) => v === "yes" },
  // botocore's XksProxyUriPathType and XksProxyUriEndpointType, lengths included.
  XksProxyUriPath: {
    ok: (v) =>
      v.length >= 10 &&
      v.length <= 128 &&
      /^(\/[a-zA-Z0-9/_-]+\/kms\/xks\/v\d{1,2})$|^(\/kms\/xks\/v\d{1,2})$/.test(v),
  },
  XksProxyUriEndpoint: {
    ok: (v) => v.length >= 10 && v.length <= 128 && /^https:\/\/[a-zA-Z0-9.-]+$/.test(v),
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
    const format =
      eq > 0 && Object.hasOwn(PARAM_FORMATS, name) ? PARAM_FORMATS[name as ParamName] : undefined;
    if (!format) {
      throw new UsageError(
        t("fix.param.unknown", {
          names: PARAM_NAMES.join(", "),
          got: eq > 0 && /^[A-Za-z]{1,40}$/.test(name) ? `'${name}=…'` : t("fix.param.somethingElse"),
        }),
      );
    }
    const value = p.slice(eq + 1);
    if (!format.ok(value))
      throw new UsageError(
        t("fix.param.invalid", { name, takes: t(`fix.param.takes.${name as ParamName}`) }),
      );
    if (name in out) throw new UsageError(t("fix.param.twice", { name }));
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
    if (s.trim() === "") throw new UsageError(t("fix.store.empty"));
    if (s.length > 256) throw new UsageError(t("fix.store.tooLong", { length: s.length }));
    if (printable(s) !== s) throw new UsageError(t("fix.store.control"));
  }
}
