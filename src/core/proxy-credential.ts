import { t } from "../i18n/index.js";
import { Secret } from "./secret.js";

/**
 * An external key store's proxy authentication credential, as kcs holds it: both parts are Secrets
 * (the API model marks AccessKeyId sensitive too), so neither prints anywhere but in the one call
 * that tells KMS.
 */
export interface ProxyCredential {
  accessKeyId: Secret;
  secretAccessKey: Secret;
}

/** botocore's XksProxyAuthenticationAccessKeyIdType: 20-30 characters of A-Z and 2-7. */
export const ACCESS_KEY_ID_RULE = /^[A-Z2-7]{20,30}$/;
/** botocore's XksProxyAuthenticationRawSecretAccessKeyType: 43-64 characters of a-z, A-Z, 0-9, /, + and =. */
export const SECRET_ACCESS_KEY_RULE = /^[a-zA-Z0-9/+=]{43,64}$/;

/**
 * One credential from `ACCESS_KEY_ID:SECRET` or `ACCESS_KEY_ID SECRET` (the line a person pipes in),
 * or a reason it is not one that never repeats the value.
 */
export function parseProxyCredential(line: string): ProxyCredential | { refused: string } {
  const m = /^\s*([^\s:]+)\s*[:\s]\s*(\S+)\s*$/.exec(line);
  if (!m) return { refused: t("errors.proxyCredential.notAPair") };
  return checkProxyCredential(m[1]!, m[2]!);
}

/** Both parts checked against the API model's rules before anything changes. */
export function checkProxyCredential(
  accessKeyId: string,
  secretAccessKey: string,
): ProxyCredential | { refused: string } {
  if (!ACCESS_KEY_ID_RULE.test(accessKeyId)) return { refused: t("errors.proxyCredential.accessKeyId") };
  if (!SECRET_ACCESS_KEY_RULE.test(secretAccessKey)) return { refused: t("errors.proxyCredential.secret") };
  return { accessKeyId: new Secret(accessKeyId), secretAccessKey: new Secret(secretAccessKey) };
}
