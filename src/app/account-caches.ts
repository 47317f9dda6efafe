import { dirname } from "node:path";
import type { Backend } from "../backend/backend.js";
import { ledgerPath } from "../backend/backend.js";
import { DeleteKeyCache } from "./deletekey-cache.js";
import { KeyStoreCache } from "./key-store-cache.js";

/**
 * The caches beside the backend's ledger. The simulator's are bound to its world (`kcs sim init` makes
 * a new one whose ids may repeat the old world's), a real account's to the endpoint it was read from.
 */
export function accountCachesFor(backend: Backend): { keyStores: KeyStoreCache; deleteKeys: DeleteKeyCache } {
  const dir = dirname(ledgerPath(backend));
  const scope = backend.sim
    ? `sim:${backend.sim.store.read((w) => w.pepperCheck)}`
    : (backend.endpoint ?? "");
  return {
    keyStores: new KeyStoreCache(dir, backend.region, scope),
    deleteKeys: new DeleteKeyCache(dir, backend.region, scope),
  };
}
