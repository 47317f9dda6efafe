import { UsageError } from "../core/errors.js";
import { Secret } from "../core/secret.js";
import { XKS_ENV } from "../gather/xks-probe.js";
import type { XksProbeCredential } from "../gather/xks-sign.js";
import { t } from "../i18n/index.js";
import { promptHidden, readStdin } from "./secret-input.js";

/** The XKS proxy API's rule for an access key id: 20 to 30 characters of A-Z and 2-7. */
const ACCESS_KEY_ID = /^[A-Z2-7]{20,30}$/;

/**
 * Proxy credentials for doctor --probe, from stdin (--xks-credential-stdin: one
 * `ACCESS_KEY_ID:SECRET` or `ACCESS_KEY_ID SECRET` a line, several allowed) or the environment
 * (KCS_XKS_ACCESS_KEY_ID and KCS_XKS_SECRET_ACCESS_KEY): never from an argument. A line that does not
 * parse is refused by its number only, since it may hold a secret.
 */
export async function readXksCredentials(
  fromStdin: boolean,
  env: NodeJS.ProcessEnv = process.env,
  stdin: () => Promise<string> = () => readStdin(),
): Promise<XksProbeCredential[]> {
  if (fromStdin) return parseCredentialLines(await stdin());
  const id = env[XKS_ENV.accessKeyId];
  const secret = env[XKS_ENV.secret];
  if (id === undefined && secret === undefined) return [];
  if (id === undefined || secret === undefined || secret === "") {
    throw new UsageError(t("fix.xks.both", { idEnv: XKS_ENV.accessKeyId, secretEnv: XKS_ENV.secret }));
  }
  if (!ACCESS_KEY_ID.test(id)) throw new UsageError(t("fix.xks.badId", { idEnv: XKS_ENV.accessKeyId }));
  return [{ accessKeyId: id, secretAccessKey: new Secret(secret) }];
}

export function parseCredentialLines(text: string): XksProbeCredential[] {
  const out: XksProbeCredential[] = [];
  const lines = text.split(/\r?\n/);
  for (const [i, raw] of lines.entries()) {
    const line = raw.trim();
    if (line === "") continue;
    const m = /^([^:\s]+)(?::|\s+)(\S.*)$/.exec(line);
    if (!m || !ACCESS_KEY_ID.test(m[1]!)) {
      throw new UsageError(t("fix.xks.badLine", { line: i + 1 }));
    }
    out.push({ accessKeyId: m[1]!, secretAccessKey: new Secret(m[2]!.trim()) });
  }
  if (out.length === 0) throw new UsageError(t("fix.xks.emptyStdin"));
  return out;
}

/**
 * At a terminal, the secret of a store's access key id is asked for when doctor meets the store
 * (hidden, once per access key id; prompts one at a time). Empty skips that proxy.
 */
export function promptForXksSecret(): ((accessKeyId: string) => Promise<Secret | undefined>) | undefined {
  if (!process.stdin.isTTY || !process.stderr.isTTY) return undefined;
  const asked = new Map<string, Promise<Secret | undefined>>();
  let queue: Promise<unknown> = Promise.resolve();
  return (accessKeyId) => {
    const known = asked.get(accessKeyId);
    if (known) return known;
    const answer = queue.then(async () => {
      const value = await promptHidden(t("fix.xks.secretPrompt", { id: accessKeyId }));
      return value === "" ? undefined : new Secret(value);
    });
    queue = answer.catch(() => undefined);
    asked.set(accessKeyId, answer);
    return answer;
  };
}
