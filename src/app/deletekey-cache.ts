import * as z from "zod";
import type { DeleteKeyMemory, RememberedDeletes } from "../gather/remembered-deletes.js";
import { accountCachePath, isAccountId, readCacheFile, writeCacheFile } from "./account-cache-file.js";

/**
 * Custom key stores' DeleteKey events CloudTrail has shown, kept in the state folder so that the next
 * run looks up only newer ones (gather/remembered-deletes.ts says which). Only a speed-up: a missing,
 * damaged or foreign file means one full lookup, and deleting it is always safe.
 */

/** Far more than 90 days of any account's custom-store DeleteKey events: bounds the file. */
export const MAX_CACHED_EVENTS = 200_000;

const instant = z.string().refine((s) => !Number.isNaN(Date.parse(s)));

const CacheFile = z.object({
  kind: z.literal("kcs-deletekey-events"),
  version: z.literal(1),
  accountId: z.string().regex(/^\d{12}$/),
  region: z.string().min(1),
  scope: z.string(),
  from: instant,
  until: instant,
  events: z
    .array(
      z.object({
        eventId: z.string(),
        eventTime: instant,
        keyArn: z.string().min(1),
        customKeyStoreId: z.string().min(1),
        cloudHsmClusterId: z.string().min(1).optional(),
        backingKeys: z.array(
          z.object({
            backingKeyId: z.string().min(1),
            keyHandle: z.string().min(1).optional(),
            deletionStatus: z.string().min(1),
          }),
        ),
      }),
    )
    .max(MAX_CACHED_EVENTS),
});

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
    const f = readCacheFile(this.path(accountId), CacheFile, owner, "DeleteKey event cache");
    if (!f) return undefined;
    // zod keeps only the members it knows, and an absent optional member stays absent.
    return { from: f.from, until: f.until, events: f.events as RememberedDeletes["events"] };
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
