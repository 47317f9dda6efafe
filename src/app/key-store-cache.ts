import * as z from "zod";
import { DEFAULT_STORE, type KeyStoreMemory } from "../gather/gather.js";
import { accountCachePath, isAccountId, readCacheFile, writeCacheFile } from "./account-cache-file.js";

/**
 * Which store each key of an account is in, kept in the state folder between runs: a key never
 * changes store, so a key seen once in the default AWS_KMS store need not be described again. Only a
 * speed-up: a missing, damaged or foreign file is ignored and rebuilt, and deleting it is always safe.
 */

/** More keys than any account holds (KMS's quota is 100,000 per Region unless raised): bounds the file. */
export const MAX_CACHED_KEYS = 1_000_000;

const CacheFile = z.object({
  kind: z.literal("kcs-key-stores"),
  version: z.literal(1),
  accountId: z.string().regex(/^\d{12}$/),
  region: z.string().min(1),
  /** What else the file is bound to: the endpoint, or for the simulator the world it was made from. */
  scope: z.string(),
  /** Key ids by store: "AWS_KMS" for the default store, else the custom key store's id. */
  stores: z.record(z.string().min(1), z.array(z.string().min(1))),
});
type CacheFile = z.infer<typeof CacheFile>;

export const keyStoreCachePath = (dir: string, accountId: string, region: string) =>
  accountCachePath(dir, "key-stores", accountId, region);

export class KeyStoreCache implements KeyStoreMemory {
  constructor(
    private readonly dir: string,
    private readonly region: string,
    private readonly scope = "",
  ) {}

  path(accountId: string): string {
    return keyStoreCachePath(this.dir, accountId, this.region);
  }

  recall(accountId: string): ReadonlySet<string> {
    const file = this.read(accountId);
    return new Set(file?.stores[DEFAULT_STORE] ?? []);
  }

  remember(accountId: string, storeOf: ReadonlyMap<string, string>): void {
    if (!isAccountId(accountId) || storeOf.size > MAX_CACHED_KEYS) return;
    const stores: Record<string, string[]> = {};
    for (const [keyId, store] of storeOf) {
      const ids = stores[store] ?? [];
      ids.push(keyId);
      stores[store] = ids;
    }
    for (const ids of Object.values(stores)) ids.sort();
    const file: CacheFile = {
      kind: "kcs-key-stores",
      version: 1,
      accountId,
      region: this.region,
      scope: this.scope,
      stores,
    };
    writeCacheFile(this.dir, this.path(accountId), file);
  }

  private read(accountId: string): CacheFile | undefined {
    const owner = { accountId, region: this.region, scope: this.scope };
    const f = readCacheFile(this.path(accountId), CacheFile, owner, "key store cache");
    const count = f ? Object.values(f.stores).reduce((n, ids) => n + ids.length, 0) : 0;
    return count > MAX_CACHED_KEYS ? undefined : f;
  }
}
