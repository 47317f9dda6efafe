// Issue 11, goal 3: which store each key is in, remembered in the state folder between runs.
import { mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { KeyStoreCache, keyStoreCachePath, MAX_CACHED_KEYS } from "../../src/app/key-store-cache.js";
import { tempDir } from "../helpers/cli.js";

const ACCOUNT = "111122223333";
const OTHER = "444455556666";
const stores = (entries: [string, string][]) => new Map(entries);

describe("KeyStoreCache", () => {
  it("remembers the default store's keys for one account and Region, in a private file", () => {
    const dir = join(tempDir("kcs-cache-"), "state");
    const cache = new KeyStoreCache(dir, "eu-west-1");
    expect(cache.recall(ACCOUNT).size).toBe(0);
    cache.remember(
      ACCOUNT,
      stores([
        ["k1", "AWS_KMS"],
        ["k2", "cks-1234567890abcdef0"],
        ["k3", "AWS_KMS"],
      ]),
    );
    const path = keyStoreCachePath(dir, ACCOUNT, "eu-west-1");
    expect(path).toBe(join(dir, `key-stores-${ACCOUNT}-eu-west-1.json`));
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    // Only default-store keys are skipped: custom key stores' keys are described every time.
    expect([...new KeyStoreCache(dir, "eu-west-1").recall(ACCOUNT)].sort()).toEqual(["k1", "k3"]);
    const file = JSON.parse(readFileSync(path, "utf8")) as { stores: Record<string, string[]> };
    expect(file.stores).toEqual({ AWS_KMS: ["k1", "k3"], "cks-1234567890abcdef0": ["k2"] });
  });

  it("keeps accounts, Regions and scopes apart", () => {
    const dir = tempDir("kcs-cache-");
    new KeyStoreCache(dir, "eu-west-1", "sim:a").remember(ACCOUNT, stores([["k1", "AWS_KMS"]]));
    expect(new KeyStoreCache(dir, "eu-west-1", "sim:a").recall(OTHER).size).toBe(0);
    expect(new KeyStoreCache(dir, "us-east-1", "sim:a").recall(ACCOUNT).size).toBe(0);
    // A world made anew at the same path (kcs sim init) may reuse key ids: its cache is not the old one's.
    expect(new KeyStoreCache(dir, "eu-west-1", "sim:b").recall(ACCOUNT).size).toBe(0);
    // A file renamed to another account's name is not believed either.
    writeFileSync(
      keyStoreCachePath(dir, OTHER, "eu-west-1"),
      readFileSync(keyStoreCachePath(dir, ACCOUNT, "eu-west-1")),
    );
    expect(new KeyStoreCache(dir, "eu-west-1", "sim:a").recall(OTHER).size).toBe(0);
  });

  it("ignores a damaged file, and the next complete read rewrites it", () => {
    const dir = tempDir("kcs-cache-");
    const path = keyStoreCachePath(dir, ACCOUNT, "eu-west-1");
    const cache = new KeyStoreCache(dir, "eu-west-1");
    for (const damaged of [
      // What a crash can leave of a file written without a sync (caches are not synced).
      "",
      "{not json",
      JSON.stringify({ kind: "kcs-key-stores", version: 1, accountId: ACCOUNT }),
      JSON.stringify({
        kind: "kcs-key-stores",
        version: 2,
        accountId: ACCOUNT,
        region: "eu-west-1",
        scope: "",
        stores: {},
      }),
      JSON.stringify({
        kind: "kcs-key-stores",
        version: 1,
        accountId: ACCOUNT,
        region: "eu-west-1",
        scope: "",
        stores: { AWS_KMS: [1, 2] },
      }),
    ]) {
      writeFileSync(path, damaged);
      expect(cache.recall(ACCOUNT).size).toBe(0);
    }
    cache.remember(ACCOUNT, stores([["k1", "AWS_KMS"]]));
    expect([...cache.recall(ACCOUNT)]).toEqual(["k1"]);
  });

  it("reads a store named __proto__ as a store, changing no object's prototype", () => {
    const dir = tempDir("kcs-cache-");
    writeFileSync(
      keyStoreCachePath(dir, ACCOUNT, "eu-west-1"),
      `{"kind":"kcs-key-stores","version":1,"accountId":"${ACCOUNT}","region":"eu-west-1","scope":"","stores":{"__proto__":["k9"],"AWS_KMS":["k1"]}}`,
    );
    expect([...new KeyStoreCache(dir, "eu-west-1").recall(ACCOUNT)]).toEqual(["k1"]);
    expect(({} as Record<string, unknown>)[0]).toBeUndefined();
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
  });

  it("is bounded: more keys than any account holds are neither written nor read", () => {
    const dir = tempDir("kcs-cache-");
    const cache = new KeyStoreCache(dir, "eu-west-1");
    const huge = new Map<string, string>();
    for (let i = 0; i <= MAX_CACHED_KEYS; i++) huge.set(`k${i}`, "AWS_KMS");
    cache.remember(ACCOUNT, huge);
    expect(cache.recall(ACCOUNT).size).toBe(0);
    writeFileSync(
      keyStoreCachePath(dir, ACCOUNT, "eu-west-1"),
      JSON.stringify({
        kind: "kcs-key-stores",
        version: 1,
        accountId: ACCOUNT,
        region: "eu-west-1",
        scope: "",
        stores: { AWS_KMS: [...huge.keys()] },
      }),
    );
    expect(cache.recall(ACCOUNT).size).toBe(0);
  });

  it("a folder it cannot write costs only the speed-up", () => {
    const dir = tempDir("kcs-cache-");
    mkdirSync(join(dir, "state"));
    writeFileSync(join(dir, "state", "blocker"), "");
    // The state folder is a file: nothing can be written under it.
    const cache = new KeyStoreCache(join(dir, "state", "blocker"), "eu-west-1");
    expect(() => cache.remember(ACCOUNT, stores([["k1", "AWS_KMS"]]))).not.toThrow();
    expect(cache.recall(ACCOUNT).size).toBe(0);
  });
});
