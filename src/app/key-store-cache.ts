import { dirname, join } from "node:path";
import * as z from "zod";
import type { Backend } from "../backend/backend.js";
import { ledgerPath } from "../backend/backend.js";
import { ensurePrivateDir, readRegularFile, writeFileAtomic } from "../core/files.js";
import { DEFAULT_STORE, type KeyStoreMemory } from "../gather/gather.js";

/**
 * Which store each key of an account is in, kept in the state folder between runs: a key never
 * changes store, so a key seen once in the default AWS_KMS store need not be described again. Only a
 * speed-up: a missing, damaged or foreign file is ignored and rebuilt, and deleting it is always safe.
 */

/** More keys than any account holds (KMS's quota is 100,000 per Region unless raised): bounds the file. */
export const MAX_CACHED_KEYS = 1_000_000;
const MAX_FILE_BYTES = 64 * 1024 * 1024;

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
  join(dir, `key-stores-${accountId}-${region.replace(/[^A-Za-z0-9-]/g, "_")}.json`);

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
    if (!/^\d{12}$/.test(accountId) || storeOf.size > MAX_CACHED_KEYS) return;
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
    try {
      ensurePrivateDir(this.dir);
      writeFileAtomic(this.path(accountId), JSON.stringify(file));
    } catch {
      // A state folder kcs cannot write (read-only, full) costs the next run its speed-up, nothing else.
    }
  }

  private read(accountId: string): CacheFile | undefined {
    let text: string;
    try {
      text = readRegularFile(this.path(accountId), MAX_FILE_BYTES, "key store cache");
    } catch {
      return undefined;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return undefined;
    }
    const file = CacheFile.safeParse(parsed);
    if (!file.success) return undefined;
    const f = file.data;
    if (f.accountId !== accountId || f.region !== this.region || f.scope !== this.scope) return undefined;
    const count = Object.values(f.stores).reduce((n, ids) => n + ids.length, 0);
    return count > MAX_CACHED_KEYS ? undefined : f;
  }
}

/**
 * The cache beside the backend's ledger. The simulator's is bound to its world (`kcs sim init` makes
 * a new one whose ids may repeat the old world's), a real account's to the endpoint it was read from.
 */
export function keyStoreCacheFor(backend: Backend): KeyStoreCache {
  const dir = dirname(ledgerPath(backend));
  const scope = backend.sim
    ? `sim:${backend.sim.store.read((w) => w.pepperCheck)}`
    : (backend.endpoint ?? "");
  return new KeyStoreCache(dir, backend.region, scope);
}
