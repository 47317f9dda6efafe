// FileWorldStore: the world file shared by every kcs process.
import { spawnSync } from "node:child_process";
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { checkedFileOf, FileWorldStore, WORLD_MAX_BYTES, WorldFileError } from "../../src/sim/persist.js";
import type { World } from "../../src/sim/world.js";
import { freshWorld } from "../helpers/conformance.js";

let dir: string;
let path: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "kcs-persist-"));
  path = join(dir, "world.json");
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const factory = () => freshWorld("user-not-found");
const storeAt = (p = path, lockTimeoutMs?: number) => new FileWorldStore(p, factory, lockTimeoutMs);
/**
 * The next synchronous stretch: a store checks the files once per stretch, so two stores standing in
 * for two processes see each other's writes from the next one, as another process's would be.
 */
const nextStretch = () => new Promise<void>((done) => setImmediate(done));

function expectReinitError(fn: () => unknown) {
  let thrown: unknown;
  try {
    fn();
  } catch (err) {
    thrown = err;
  }
  expect(thrown).toBeInstanceOf(WorldFileError);
  const message = (thrown as Error).message;
  expect(message).not.toContain("\n");
  expect(message).toContain("kcs sim init --scenario NAME --force");
  expect(message).toContain(path);
  return message;
}

describe("FileWorldStore", () => {
  it("creates the world from the factory when the file does not exist", () => {
    const store = storeAt();
    expect(store.exists()).toBe(false);
    const scenario = store.read((w) => w.scenario);
    expect(scenario).toBe("user-not-found");
    expect(store.exists()).toBe(true);
    expect((JSON.parse(readFileSync(path, "utf8")) as World).scenario).toBe("user-not-found");
  });

  it("rejects a corrupt file with a one-line WorldFileError that says how to re-create it", () => {
    writeFileSync(path, '{"schema": "kcs-sim-world", "vers');
    const message = expectReinitError(() => storeAt().read((w) => w.scenario));
    expect(message).toMatch(/corrupt/i);
  });

  it("rejects a JSON file that is not a world", () => {
    writeFileSync(path, JSON.stringify({ hello: "world" }));
    expectReinitError(() => storeAt().read((w) => w.scenario));
    writeFileSync(path, "[1, 2, 3]");
    expectReinitError(() => storeAt().read((w) => w.scenario));
  });

  it("rejects a world with another version", () => {
    writeFileSync(path, JSON.stringify({ ...factory(), version: 99 }));
    const message = expectReinitError(() => storeAt().read((w) => w.scenario));
    expect(message).toContain("99");
  });

  it("does not overwrite an unusable file on update", () => {
    writeFileSync(path, "not json");
    expectReinitError(() => storeAt().update((w) => w.scenario));
    expect(readFileSync(path, "utf8")).toBe("not json");
  });

  it("writes atomically: the file is replaced whole and no .tmp file is left behind", () => {
    const store = storeAt();
    store.read(() => undefined);
    for (let i = 0; i < 5; i++)
      store.update((w) => {
        w.seq += 1000;
      });
    expect(readdirSync(dir).sort()).toEqual(["world.json", "world.json.checked", "world.json.key"]);
    expect(readdirSync(dir).some((f) => f.endsWith(".tmp") || f.endsWith(".lock"))).toBe(false);
    const onDisk = JSON.parse(readFileSync(path, "utf8")) as World;
    expect(onDisk.seq).toBe(store.read((w) => w.seq));
  });

  it("keeps nothing of an update that throws", () => {
    const store = storeAt();
    const before = readOrCreate(store);
    expect(() =>
      store.update((w) => {
        w.scenario = "changed";
        w.stores.splice(0);
        throw new Error("halfway");
      }),
    ).toThrow("halfway");
    expect(store.read((w) => w.scenario)).toBe("user-not-found");
    expect(store.read((w) => w.stores.length)).toBe(before.stores.length);
    const { pepper: _kept, ...onDisk } = before;
    expect(readFileSync(path, "utf8")).toBe(JSON.stringify(onDisk));
    expect(readdirSync(dir).sort()).toEqual(["world.json", "world.json.checked", "world.json.key"]);
  });

  it("gives a world written before security groups were data its clusters' groups, rules as its old flag said", () => {
    const store = storeAt();
    const cluster = store.read((w) => w.clusters[0]!);
    const old = JSON.parse(readFileSync(path, "utf8")) as World & Record<string, unknown>;
    delete old.securityGroups;
    (old.clusters[0] as unknown as Record<string, unknown>).securityGroupValid = false;
    writeFileSync(path, JSON.stringify(old));
    const groups = storeAt().read((w) => w.securityGroups);
    expect(groups).toEqual([
      expect.objectContaining({ GroupId: cluster.SecurityGroup, IpPermissions: [], IpPermissionsEgress: [] }),
    ]);
    old.clusters[0] = { ...old.clusters[0]!, securityGroupValid: true } as never;
    writeFileSync(path, JSON.stringify(old));
    const valid = storeAt().read((w) => w.securityGroups![0]!);
    expect(valid.IpPermissions).toHaveLength(1);
    expect(valid.IpPermissionsEgress).toHaveLength(1);
  });

  it("lets a second store on the same path see the first one's writes", async () => {
    const a = storeAt();
    const b = storeAt();
    expect(b.read((w) => w.scenario)).toBe("user-not-found");
    a.update((w) => {
      w.scenario = "written-by-a";
    });
    await nextStretch();
    expect(b.read((w) => w.scenario)).toBe("written-by-a");
    b.update((w) => {
      w.clusterLimit = 7;
    });
    await nextStretch();
    expect(a.read((w) => [w.scenario, w.clusterLimit])).toEqual(["written-by-a", 7]);
  });

  it("checks the files once per synchronous stretch, and again before every write", async () => {
    const a = storeAt();
    const b = storeAt();
    expect(b.read((w) => w.scenario)).toBe("user-not-found");
    a.update((w) => {
      w.scenario = "written-by-a";
    });
    // The same stretch: b answers from the world it checked at its start, as if a wrote a moment later.
    expect(b.read((w) => w.scenario)).toBe("user-not-found");
    // A write starts from the newest world whatever the stretch: a's change is not lost.
    b.update((w) => {
      w.clusterLimit = 7;
    });
    await nextStretch();
    expect(a.read((w) => [w.scenario, w.clusterLimit])).toEqual(["written-by-a", 7]);
    // A world damaged between stretches is noticed at the next one's first read.
    writeFileSync(path, "{");
    await nextStretch();
    expect(() => b.read((w) => w.scenario)).toThrow(WorldFileError);
  });

  it("recovers a stale lock left by a process that died", () => {
    const store = storeAt(path, 500);
    readOrCreate(store);
    const dead = spawnSync(process.execPath, ["-e", ""]).pid;
    expect(dead).toBeGreaterThan(0);
    writeFileSync(`${path}.lock`, String(dead));
    store.update((w) => {
      w.scenario = "after-stale-lock";
    });
    expect(storeAt().read((w) => w.scenario)).toBe("after-stale-lock");
    expect(existsSync(`${path}.lock`)).toBe(false);
  });

  it("times out on a lock held by a live process, with a clear message", async () => {
    const holder = storeAt();
    const waiter = storeAt(path, 80);
    readOrCreate(holder);
    let thrown: unknown;
    const started = Date.now();
    holder.update((w) => {
      w.scenario = "held";
      expect(readFileSync(`${path}.lock`, "utf8")).toBe(String(process.pid));
      try {
        waiter.update((x) => {
          x.scenario = "never";
        });
      } catch (err) {
        thrown = err;
      }
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(80);
    expect(thrown).toBeInstanceOf(WorldFileError);
    expect((thrown as Error).message).toContain("is locked by another kcs process");
    expect((thrown as Error).message).toContain(`${path}.lock`);
    // The holder's write went through, the waiter's did not; and the lock is free again.
    expect(waiter.read((w) => w.scenario)).toBe("held");
    waiter.update((w) => {
      w.scenario = "after";
    });
    await nextStretch();
    expect(holder.read((w) => w.scenario)).toBe("after");
  });
});

function readOrCreate(store: FileWorldStore): World {
  return store.read((w) => structuredClone(w));
}

describe("world files as a careful Unix tool keeps them (issue 9)", () => {
  const mode = (p: string) => statSync(p).mode & 0o777;

  it("the folder is 0700 and the world, its key and its lock are 0600", () => {
    const nested = join(dir, "state", "world.json");
    storeAt(nested).update((w) => {
      w.seq += 1;
    });
    expect(mode(join(dir, "state"))).toBe(0o700);
    expect(mode(nested)).toBe(0o600);
    expect(mode(`${nested}.key`)).toBe(0o600);
  });

  it("keeps no password-derived value that the world file alone could check a guess against", () => {
    const store = storeAt();
    const world = store.read((w) => w);
    const text = readFileSync(path, "utf8");
    expect(text).not.toContain(world.pepper);
    expect(JSON.parse(text).pepper).toBeUndefined();
    expect(JSON.parse(text).salt).toBeUndefined();
    // Every hash is an HMAC under the pepper, which lives only in the private key file.
    expect(readFileSync(`${path}.key`, "utf8").trim()).toBe(world.pepper);
  });

  it("a world whose key file is missing is refused in one line", () => {
    storeAt().read(() => undefined);
    rmSync(`${path}.key`);
    expectReinitError(() => storeAt().read((w) => w.seq));
  });

  it("a key file of another world is refused in one line, not used to fail every login", () => {
    storeAt().read(() => undefined);
    writeFileSync(`${path}.key`, `${"0123456789abcdef".repeat(4)}\n`);
    expect(expectReinitError(() => storeAt().read((w) => w.seq))).toMatch(/belongs to another world/);
  });

  it("a symlink planted at a temporary name is never written through", () => {
    const victim = join(dir, "victim.txt");
    writeFileSync(victim, "untouched");
    // The old name was predictable (world.json.<pid>.tmp); plant one for this pid anyway.
    symlinkSync(victim, `${path}.${process.pid}.tmp`);
    storeAt().update((w) => {
      w.seq += 1;
    });
    expect(readFileSync(victim, "utf8")).toBe("untouched");
  });

  it("temporary files left by a killed writer are removed once stale", () => {
    storeAt().read(() => undefined);
    const stale = join(dir, `.world.json.${"ab".repeat(12)}.tmp`);
    writeFileSync(stale, "{");
    utimesSync(stale, new Date(Date.now() - 3_600_000), new Date(Date.now() - 3_600_000));
    storeAt().update((w) => {
      w.seq += 1;
    });
    expect(existsSync(stale)).toBe(false);
  });

  it.each([
    ["a device", "/dev/zero", /not a regular file/],
    ["a folder", "/tmp", /not a regular file/],
  ])("%s as the world is refused in one line", (_what, bad, message) => {
    expect(() => new FileWorldStore(bad, factory).read((w) => w.seq)).toThrow(message);
  });

  it("a world larger than the limit is refused without parsing it", () => {
    writeFileSync(path, " ".repeat(WORLD_MAX_BYTES + 1));
    expect(() => storeAt().read((w) => w.seq)).toThrow(/larger than a simulator world can be/);
  });

  type Raw = { stores: unknown[]; clusters: Record<string, unknown>[]; keys: Record<string, unknown>[] };
  it.each([
    ["a null store", (w: Raw) => (w.stores = [null])],
    ["a cluster without HSM data", (w: Raw) => delete w.clusters[0]!.hsm],
    [
      "a key whose baseState is not a KMS state",
      (w: Raw) =>
        w.keys.push({
          KeyId: "k",
          Arn: "a",
          CreationDate: 0,
          Description: "",
          Origin: "AWS_KMS",
          baseState: "Exploded",
        }),
    ],
  ])("a world with %s is refused in one line naming where", (_what, damage) => {
    storeAt().read(() => undefined);
    const w = JSON.parse(readFileSync(path, "utf8")) as Raw;
    damage(w);
    writeFileSync(path, JSON.stringify(w));
    const message = expectReinitError(() => storeAt().read((x) => x.seq));
    expect(message).toMatch(/is damaged at /);
  });
});

describe("the whole-world check is skipped only for the text kcs last checked or wrote", () => {
  it("a hand edit is checked again, and refused when damaged, even after a good load", () => {
    storeAt().read((w) => w.seq);
    expect(readFileSync(checkedFileOf(path), "utf8").trim()).toMatch(/^[0-9a-f]{64}$/);
    const damaged = JSON.parse(readFileSync(path, "utf8")) as { keys: unknown[] };
    damaged.keys.push({ KeyId: 42 });
    writeFileSync(path, JSON.stringify(damaged));
    expect(() => storeAt().read((w) => w.seq)).toThrow(/is damaged at keys\.\d+/);
  });

  it("a world kcs wrote is read without building the schema (10-15 ms of a cold start); an edited one builds it", async () => {
    storeAt().read((w) => w.seq);
    // Fresh copies of the modules, as a new kcs process has.
    vi.resetModules();
    const persist = await import("../../src/sim/persist.js");
    const schema = await import("../../src/sim/world-schema.js");
    new persist.FileWorldStore(path, factory).read((w) => w.seq);
    expect(schema.worldSchemaBuilt()).toBe(false);
    writeFileSync(path, `${readFileSync(path, "utf8")} `);
    new persist.FileWorldStore(path, factory).read((w) => w.seq);
    expect(schema.worldSchemaBuilt()).toBe(true);
  });
});
