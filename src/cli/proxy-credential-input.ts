import { UsageError } from "../core/errors.js";
import {
  checkProxyCredential,
  type ProxyCredential,
  parseProxyCredential,
} from "../core/proxy-credential.js";
import { t } from "../i18n/index.js";
import { promptHidden, readStdin, type SecretSource } from "./secret-input.js";

export const ACCESS_KEY_ID_ENV = "KCS_XKS_ACCESS_KEY_ID";
export const SECRET_ACCESS_KEY_ENV = "KCS_XKS_SECRET_ACCESS_KEY";

/** Where a new proxy credential will come from, before it is read: what a plan says of it. */
export function proxyCredentialSource(stdinFlag: boolean): SecretSource {
  if (stdinFlag) return "stdin";
  return process.env[ACCESS_KEY_ID_ENV] !== undefined && process.env[SECRET_ACCESS_KEY_ENV] !== undefined
    ? "env"
    : "prompt";
}

/**
 * The XKS proxy credential KMS is to be told, as kcs fix takes it: the first line of stdin
 * (--xks-credential-stdin, ACCESS_KEY_ID:SECRET or ACCESS_KEY_ID SECRET), KCS_XKS_ACCESS_KEY_ID and
 * KCS_XKS_SECRET_ACCESS_KEY, or two hidden prompts; never an argument. Checked against the API
 * model's rules before anything changes, and a refused value is never echoed.
 */
export async function readProxyCredential(stdinFlag: boolean): Promise<ProxyCredential> {
  const source = proxyCredentialSource(stdinFlag);
  let parsed: ProxyCredential | { refused: string };
  if (source === "stdin") {
    parsed = parseProxyCredential((await readStdin()).split(/\r?\n/)[0] ?? "");
  } else if (source === "env") {
    parsed = checkProxyCredential(process.env[ACCESS_KEY_ID_ENV]!, process.env[SECRET_ACCESS_KEY_ENV]!);
  } else if (process.stdin.isTTY && process.stderr.isTTY) {
    // The API model marks the access key id sensitive too: neither part is echoed.
    const id = await promptHidden(t("fix.input.proxyKeyIdPrompt"));
    const secret = await promptHidden(t("fix.input.proxySecretPrompt"));
    parsed = checkProxyCredential(id.trim(), secret.trim());
  } else {
    throw new UsageError(
      t("fix.input.proxyNeeded", { idEnv: ACCESS_KEY_ID_ENV, secretEnv: SECRET_ACCESS_KEY_ENV }),
    );
  }
  if ("refused" in parsed) {
    const from = source === "env" ? `${ACCESS_KEY_ID_ENV}/${SECRET_ACCESS_KEY_ENV}` : source;
    throw new UsageError(t("fix.input.proxyInvalid", { from, refused: parsed.refused }));
  }
  return parsed;
}
