// `kcs doctor --probe`, per key: one Encrypt of a single byte with every Enabled key of a CONNECTED
// CloudHSM store. A key whose backing key is gone from the cluster still reads Enabled for a while
// (KMS shows it Unavailable only "eventually"), and only a cryptographic call tells: this is that call.
import { EncryptCommand } from "@aws-sdk/client-kms";
import { errorCode, isAccessDenied } from "../backend/aws-errors.js";
import type { RateLimiter } from "./limits.js";
import type { KeyFacts, KeyProbe, ReadError, StoreFacts } from "./snapshot.js";

/**
 * Key probes per second per store: a CloudHSM key store serves 1,800 cryptographic requests per
 * second for every account using it, applications included; kcs takes under 3% of that.
 */
export const KEY_PROBE_RPS = 50;

export interface KeyProber {
  /** One KMS call through the gather's retries (throttling rides out; other errors are thrown). */
  call<T>(operation: string, fn: () => Promise<T>): Promise<T>;
  encrypt(keyId: string): Promise<unknown>;
  pace(): RateLimiter;
  errors: ReadError[];
}

/** Encrypts one byte with each Enabled key of each connected CloudHSM store, paced per store. */
export async function probeKeys(p: KeyProber, stores: StoreFacts[], keys: KeyFacts[]): Promise<KeyProbe[]> {
  const targets = stores.filter(
    (s) => s.customKeyStoreType === "AWS_CLOUDHSM" && s.connectionState === "CONNECTED",
  );
  const perStore = await Promise.all(
    targets.map(async (store) => {
      const pace = p.pace();
      const out: KeyProbe[] = [];
      const mine = keys.filter(
        (k) => k.customKeyStoreId === store.customKeyStoreId && k.keyState === "Enabled",
      );
      for (const key of mine) {
        await pace.take();
        try {
          await p.call("Encrypt", () => p.encrypt(key.keyId));
          out.push({ keyId: key.keyId, customKeyStoreId: store.customKeyStoreId, ok: true });
        } catch (err) {
          if (isAccessDenied(err)) {
            // One line says kms:Encrypt is missing; probing the store's other keys would say it again.
            p.errors.push({
              service: "kms",
              operation: "Encrypt",
              code: errorCode(err),
              message: (err as Error).message,
            });
            break;
          }
          out.push({
            keyId: key.keyId,
            customKeyStoreId: store.customKeyStoreId,
            ok: false,
            code: errorCode(err),
            message: (err as Error).message,
          });
        }
      }
      return out;
    }),
  );
  return perStore.flat();
}

export const encryptOneByte = (send: (c: EncryptCommand) => Promise<unknown>) => (keyId: string) =>
  send(new EncryptCommand({ KeyId: keyId, Plaintext: new Uint8Array([0x6b]) }));
