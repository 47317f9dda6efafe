import type { DeleteKeyMemory, RememberedDeletes } from "../gather/remembered-deletes.js";
import {
  accountCachePath,
  type CacheOwner,
  cacheHeader,
  isAccountId,
  isInstant,
  isRecord,
  isText,
  readCacheFile,
  writeCacheFile,
} from "./account-cache-file.js";

/**
 * Custom key stores' DeleteKey events CloudTrail has shown, kept in the state folder so that the next
 * run looks up only newer ones (gather/remembered-deletes.ts says which). Only a speed-up: a missing,
 * damaged or foreign file means one full lookup, and deleting it is always safe.
 */

/** Far more than 90 days of any account's custom-store DeleteKey events: bounds the file. */
export const MAX_CACHED_EVENTS = 200_000;

interface CacheFile extends CacheOwner, RememberedDeletes {
  kind: "kcs-deletekey-events";
  version: 1;
}

type CachedEvent = RememberedDeletes["events"][number];
type BackingKey = CachedEvent["backingKeys"][number];

/** A DeleteKey event cache file's JSON as kcs wrote it, or undefined (see account-cache-file.ts). */
function parseCacheFile(v: unknown): CacheFile | undefined {
  const header = cacheHeader(v, "kcs-deletekey-events", 1);
  if (!header) return undefined;
  const { from, until, events } = header.body;
  if (!isInstant(from) || !isInstant(until) || !Array.isArray(events) || events.length > MAX_CACHED_EVENTS)
    return undefined;
  const kept: CachedEvent[] = [];
  for (const e of events) {
    const event = parseEvent(e);
    if (!event) return undefined;
    kept.push(event);
  }
  const { accountId, region, scope } = header;
  return { kind: "kcs-deletekey-events", version: 1, accountId, region, scope, from, until, events: kept };
}

function parseEvent(e: unknown): CachedEvent | undefined {
  if (!isRecord(e)) return undefined;
  const { eventId, eventTime, keyArn, customKeyStoreId, cloudHsmClusterId, backingKeys } = e;
  if (!isText(eventId) || !isInstant(eventTime) || !isText(keyArn, 1) || !isText(customKeyStoreId, 1))
    return undefined;
  if (cloudHsmClusterId !== undefined && !isText(cloudHsmClusterId, 1)) return undefined;
  if (!Array.isArray(backingKeys)) return undefined;
  const keys: BackingKey[] = [];
  for (const b of backingKeys) {
    if (!isRecord(b)) return undefined;
    const { backingKeyId, keyHandle, deletionStatus } = b;
    if (!isText(backingKeyId, 1) || !isText(deletionStatus, 1)) return undefined;
    if (keyHandle !== undefined && !isText(keyHandle, 1)) return undefined;
    keys.push({
      backingKeyId,
      ...(keyHandle !== undefined ? { keyHandle } : {}),
      deletionStatus,
    } as BackingKey);
  }
  return {
    eventId,
    eventTime,
    keyArn,
    customKeyStoreId,
    ...(cloudHsmClusterId !== undefined ? { cloudHsmClusterId } : {}),
    backingKeys: keys,
  };
}

export const deleteKeyCachePath = (dir: string, accountId: string, region: string) =>
  accountCachePath(dir, "deletekey-events", accountId, region);

export class DeleteKeyCache implements DeleteKeyMemory {
  constructor(
    private readonly dir: string,
    private readonly region: string,
    private readonly scope = "",
  ) {}

  path(accountId: string): string {
    return deleteKeyCachePath(this.dir, accountId, this.region);
  }

  recall(accountId: string): RememberedDeletes | undefined {
    const owner = { accountId, region: this.region, scope: this.scope };
    const f = readCacheFile(this.path(accountId), parseCacheFile, owner, "DeleteKey event cache");
    if (!f) return undefined;
    return { from: f.from, until: f.until, events: f.events };
  }

  remember(accountId: string, deletes: RememberedDeletes): void {
    if (!isAccountId(accountId) || deletes.events.length > MAX_CACHED_EVENTS) return;
    writeCacheFile(this.dir, this.path(accountId), {
      kind: "kcs-deletekey-events",
      version: 1,
      accountId,
      region: this.region,
      scope: this.scope,
      ...deletes,
    });
  }
}
