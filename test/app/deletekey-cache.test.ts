// Issue 11, goal 3: custom key stores' DeleteKey events, remembered in the state folder between runs.
import { readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DeleteKeyCache, deleteKeyCachePath, MAX_CACHED_EVENTS } from "../../src/app/deletekey-cache.js";
import type { RememberedDeletes } from "../../src/gather/remembered-deletes.js";
import type { DeleteKeyEvent } from "../../src/gather/snapshot.js";
import { tempDir } from "../helpers/cli.js";

const ACCOUNT = "111122223333";
const OTHER = "444455556666";

const event = (id: string, extra: Partial<DeleteKeyEvent> = {}): DeleteKeyEvent => ({
  eventId: id,
  eventTime: "2026-11-20T10:00:00.000Z",
  keyArn: `arn:aws:kms:eu-west-1:${ACCOUNT}:key/${id}`,
  customKeyStoreId: "cks-1234567890abcdef0",
  backingKeys: [{ backingKeyId: `bk-${id}`, deletionStatus: "FAILURE" }],
  ...extra,
});

const deletes = (events: DeleteKeyEvent[]): RememberedDeletes => ({
  from: "2026-09-01T12:00:00.000Z",
  until: "2026-11-30T11:00:00.000Z",
  events,
});

const fileOf = (events: unknown[], over: Record<string, unknown> = {}) =>
  JSON.stringify({
    kind: "kcs-deletekey-events",
    version: 1,
    accountId: ACCOUNT,
    region: "eu-west-1",
    scope: "",
    ...deletes([]),
    events,
    ...over,
  });

describe("DeleteKeyCache", () => {
  it("gives back exactly what it was given, from a private file per account and Region", () => {
    const dir = join(tempDir("kcs-cache-"), "state");
    const cache = new DeleteKeyCache(dir, "eu-west-1");
    expect(cache.recall(ACCOUNT)).toBeUndefined();
    const given = deletes([
      event("a", { cloudHsmClusterId: "cluster-234abcdefgh" }),
      event("b", { backingKeys: [{ backingKeyId: "bk", keyHandle: "0x2a", deletionStatus: "SUCCESS" }] }),
    ]);
    cache.remember(ACCOUNT, given);
    const path = deleteKeyCachePath(dir, ACCOUNT, "eu-west-1");
    expect(path).toBe(join(dir, `deletekey-events-${ACCOUNT}-eu-west-1.json`));
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(new DeleteKeyCache(dir, "eu-west-1").recall(ACCOUNT)).toEqual(given);
  });

  it("keeps accounts, Regions and scopes apart, whatever a file is renamed to", () => {
    const dir = tempDir("kcs-cache-");
    new DeleteKeyCache(dir, "eu-west-1", "sim:a").remember(ACCOUNT, deletes([event("a")]));
    expect(new DeleteKeyCache(dir, "eu-west-1", "sim:a").recall(OTHER)).toBeUndefined();
    expect(new DeleteKeyCache(dir, "us-east-1", "sim:a").recall(ACCOUNT)).toBeUndefined();
    expect(new DeleteKeyCache(dir, "eu-west-1", "sim:b").recall(ACCOUNT)).toBeUndefined();
    writeFileSync(
      deleteKeyCachePath(dir, OTHER, "eu-west-1"),
      readFileSync(deleteKeyCachePath(dir, ACCOUNT, "eu-west-1")),
    );
    expect(new DeleteKeyCache(dir, "eu-west-1", "sim:a").recall(OTHER)).toBeUndefined();
  });

  it("ignores a damaged or edited file (a full lookup follows), and the next run rewrites it", () => {
    const dir = tempDir("kcs-cache-");
    const path = deleteKeyCachePath(dir, ACCOUNT, "eu-west-1");
    const cache = new DeleteKeyCache(dir, "eu-west-1");
    for (const damaged of [
      "{not json",
      fileOf([], { version: 2 }),
      fileOf([], { until: "tomorrow" }),
      fileOf([{ ...event("a"), eventTime: "not a time" }]),
      fileOf([{ ...event("a"), backingKeys: [{ backingKeyId: "" }] }]),
      fileOf([{ ...event("a"), keyArn: 42 }]),
      fileOf([{ ...event("a"), cloudHsmClusterId: null }]),
      fileOf([
        { ...event("a"), backingKeys: [{ backingKeyId: "bk", deletionStatus: "FAILURE", keyHandle: "" }] },
      ]),
      fileOf([{ ...event("a"), backingKeys: "bk-a" }]),
      fileOf(["an event"]),
      fileOf([], { accountId: "1111" }),
      fileOf([], { scope: 7 }),
      "[]",
    ]) {
      writeFileSync(path, damaged);
      expect(cache.recall(ACCOUNT)).toBeUndefined();
    }
    cache.remember(ACCOUNT, deletes([event("a")]));
    expect(cache.recall(ACCOUNT)?.events).toEqual([event("a")]);
  });

  it("drops members it does not know rather than carrying them into a report", () => {
    const dir = tempDir("kcs-cache-");
    writeFileSync(
      deleteKeyCachePath(dir, ACCOUNT, "eu-west-1"),
      fileOf([{ ...event("a"), injected: "\u001b[2J" }]),
    );
    expect(new DeleteKeyCache(dir, "eu-west-1").recall(ACCOUNT)?.events).toEqual([event("a")]);
    const withHsm = event("b", {
      cloudHsmClusterId: "cluster-1234567890a",
      backingKeys: [{ backingKeyId: "bk-b", keyHandle: "0x2a", deletionStatus: "SUCCESS" }],
    });
    writeFileSync(
      deleteKeyCachePath(dir, ACCOUNT, "eu-west-1"),
      fileOf([{ ...withHsm, backingKeys: [{ ...withHsm.backingKeys[0], note: "x" }] }], { extra: true }),
    );
    expect(new DeleteKeyCache(dir, "eu-west-1").recall(ACCOUNT)?.events).toEqual([withHsm]);
  });

  it("is bounded: more events than any account makes are neither written nor read", () => {
    const dir = tempDir("kcs-cache-");
    const cache = new DeleteKeyCache(dir, "eu-west-1");
    const many = Array.from({ length: MAX_CACHED_EVENTS + 1 }, (_, i) => event(`e${i}`));
    cache.remember(ACCOUNT, deletes(many));
    expect(cache.recall(ACCOUNT)).toBeUndefined();
    writeFileSync(deleteKeyCachePath(dir, ACCOUNT, "eu-west-1"), fileOf(many));
    expect(cache.recall(ACCOUNT)).toBeUndefined();
  });

  it("refuses an account id that could not name a file of its own", () => {
    const dir = tempDir("kcs-cache-");
    new DeleteKeyCache(dir, "eu-west-1").remember("../../etc", deletes([]));
    expect(new DeleteKeyCache(dir, "eu-west-1").recall("../../etc")).toBeUndefined();
  });
});
