import { DEFAULT_STORE, type KeyStoreMemory } from "../gather/gather.js";
import {
  accountCachePath,
  type CacheOwner,
  cacheHeader,
  isAccountId,
  isRecord,
  isText,
  readCacheFile,
  writeCacheFile,
} from "./account-cache-file.js";

/**
 * Which store each key of an account is in, kept in the state folder between runs: a key never
 * changes store, so a key seen once in the default AWS_KMS store need not be described again. Only a
 * speed-up: a missing, damaged or foreign file is ignored and rebuilt, and deleting it is always safe.
 */

/** More keys than any account holds (KMS's quota is 100,000 per Region unless raised): bounds the file. */
export const MAX_CACHED_KEYS = 1_000_000;

interface CacheFile extends CacheOwner {
  kind: "kcs-key-stores";
  version: 1;
  /** Key ids by store: "AWS_KMS" for the default store, else the custom key store's id. */
  stores: Record<string, string[]>;
}

/** A key store cache file's JSON as kcs wrote it, or undefined (see account-cache-file.ts). */
function parseCacheFile(v: unknown): CacheFile | undefined {
  const header = cacheHeader(v, "kcs-key-stores", 1);
  if (!header || !isRecord(header.body.stores)) return undefined;
  const stores: [string, string[]][] = [];
  for (const [store, ids] of Object.entries(header.body.stores)) {
    if (!isText(store, 1) || !Array.isArray(ids) || !ids.every((id) => isText(id, 1))) return undefined;
    stores.push([store, [...ids]]);
  }
  const { accountId, region, scope } = header;
  // fromEntries defines each member: a store named "__proto__" stays a member.
  return { kind: "kcs-key-stores", version: 1, accountId, region, scope, stores: Object.fromEntries(stores) };
}

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
    const f = readCacheFile(this.path(accountId), parseCacheFile, owner, "key store cache");
    const count = f ? Object.values(f.stores).reduce((n, ids) => n + ids.length, 0) : 0;
    return count > MAX_CACHED_KEYS ? undefined : f;
  }
}
