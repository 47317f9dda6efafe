// Issue 11, goal 1: V8's compiled code kept between runs, only where nobody else can write it.
import { createHash } from "node:crypto";
import { chmodSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import * as vm from "node:vm";
import { describe, expect, it } from "vitest";
import {
  codeCacheBase,
  commandKey,
  isTrustedDir,
  loadBundle,
  VALUED_GLOBALS,
} from "../../src/cli/code-cache.js";
import { globalOptions } from "../../src/cli/main.js";
import { tempDir } from "../helpers/cli.js";

const me = process.getuid?.();

describe("codeCacheBase", () => {
  it("is the platform's per-user cache folder, or the one asked for, or none when turned off", () => {
    expect(codeCacheBase({}, "linux", "/home/op")).toBe("/home/op/.cache/kcs/code-cache");
    expect(codeCacheBase({ XDG_CACHE_HOME: "/var/cache/op" }, "linux", "/home/op")).toBe(
      "/var/cache/op/kcs/code-cache",
    );
    // The XDG rule: a relative XDG_CACHE_HOME is ignored.
    expect(codeCacheBase({ XDG_CACHE_HOME: "cache" }, "linux", "/home/op")).toBe(
      "/home/op/.cache/kcs/code-cache",
    );
    expect(codeCacheBase({}, "darwin", "/Users/op")).toBe("/Users/op/Library/Caches/kcs/code-cache");
    expect(codeCacheBase({ LOCALAPPDATA: "C:\\Users\\op\\AppData\\Local" }, "win32", "")).toContain(
      "code-cache",
    );
    expect(codeCacheBase({ KCS_CODE_CACHE_DIR: "/srv/cc" }, "linux", "/home/op")).toBe("/srv/cc");
    expect(
      codeCacheBase({ KCS_NO_COMPILE_CACHE: "1", KCS_CODE_CACHE_DIR: "/srv/cc" }, "linux", "/h"),
    ).toBeUndefined();
    expect(codeCacheBase({}, "linux", "")).toBeUndefined();
  });
});

describe.skipIf(me === undefined)("isTrustedDir", () => {
  const privateDir = () => {
    const dir = join(tempDir("kcs-cc-"), "cache");
    mkdirSync(dir, { mode: 0o700 });
    return dir;
  };

  it("trusts a private folder of the user's, under a sticky shared one such as /tmp", () => {
    expect(isTrustedDir(privateDir())).toBe(true);
  });

  it("refuses a cache folder others can write", () => {
    const dir = privateDir();
    chmodSync(dir, 0o777);
    expect(isTrustedDir(dir)).toBe(false);
    chmodSync(dir, 0o720);
    expect(isTrustedDir(dir)).toBe(false);
  });

  it("refuses a folder above it that others can write and is not sticky: they could swap it", () => {
    const dir = privateDir();
    const parent = join(dir, "..");
    chmodSync(parent, 0o777);
    expect(isTrustedDir(dir)).toBe(false);
    chmodSync(parent, 0o1777);
    expect(isTrustedDir(dir)).toBe(true);
  });

  it("refuses a folder someone else owns, a symlink, and a path that is not there", () => {
    const dir = privateDir();
    // Owned by the user running the test, so not by this other (non-root) user.
    expect(isTrustedDir(dir, (me ?? 0) + 4242)).toBe(me === 0);
    const link = join(dir, "..", "link");
    symlinkSync(dir, link);
    expect(isTrustedDir(link)).toBe(false);
    expect(isTrustedDir(join(dir, "missing"))).toBe(false);
  });
});

describe("commandKey", () => {
  it("names the cache by command (and the simulator's subcommand), never by anything else typed", () => {
    const env = {};
    expect(commandKey(["doctor", "-o", "json"], env)).toBe("doctor");
    // A flag's value before the command is not taken for it.
    expect(commandKey(["--backend", "sim", "doctor"], env)).toBe("doctor");
    expect(commandKey(["--region", "eu-west-1", "doctor"], env)).toBe("doctor");
    expect(commandKey(["sim", "status", "--sim-state", "w.json"], env)).toBe("sim-status");
    expect(commandKey(["fix", "--dry-run"], env)).toBe("fix");
    expect(commandKey(["../../etc/passwd"], env)).toBe("other");
    expect(commandKey(["DOCTOR"], env)).toBe("other");
    expect(commandKey([], env)).toBe("other");
  });

  it("knows every global flag that takes a value, so that value is never taken for the command", () => {
    const valued = Object.entries(globalOptions()).flatMap(([name, o]) =>
      "type" in o && o.type === "boolean" ? [] : [`--${name}`, ...("alias" in o ? [`-${o.alias}`] : [])],
    );
    expect([...VALUED_GLOBALS].sort()).toEqual(valued.sort());
  });

  it("keeps an AWS run's code apart from a simulated one's: each compiles another path", () => {
    expect(commandKey(["doctor", "--backend", "aws"], {})).toBe("doctor-aws");
    expect(commandKey(["--backend=aws", "fix", "--dry-run"], {})).toBe("fix-aws");
    expect(commandKey(["doctor"], { KCS_BACKEND: "aws" })).toBe("doctor-aws");
    expect(commandKey(["doctor", "--backend", "sim"], { KCS_BACKEND: "aws" })).toBe("doctor");
    // The simulator's own commands run no backend.
    expect(commandKey(["sim", "status", "--backend", "aws"], {})).toBe("sim-status");
  });
});

describe("loadBundle", () => {
  const wrap = (body: string) => `(function (exports, require, module, __filename, __dirname) {${body}\n})`;
  function write(dir: string, name: string, body: string) {
    const file = join(dir, name);
    const text = wrap(body);
    writeFileSync(file, text);
    writeFileSync(
      `${file}.json`,
      JSON.stringify({ sha256: createHash("sha256").update(text).digest("hex") }),
    );
    return file;
  }

  it("runs a script and the smaller script apart it requires, each read whole through one shared buffer", () => {
    const dir = tempDir();
    // The first is the bigger: the second is read into the buffer the first left, and must not see its tail.
    const big = `/*${"x".repeat(2 * 1024 * 1024)}*/`;
    write(dir, "apart.cjs", `module.exports = { word: "apart", tail: "the end of the smaller script" };`);
    const main = write(
      dir,
      "main.cjs",
      `${big}\nconst a = require("./apart.cjs"); exports.main = () => Promise.resolve(); exports.seen = a;`,
    );
    const { entry, cache } = loadBundle<{ seen: { word: string; tail: string } }>(
      main,
      ["doctor"],
      join(dir, "cache"),
    );
    expect(entry.seen).toEqual({ word: "apart", tail: "the end of the smaller script" });
    expect(cache).toBe("made");
  });

  it("a script whose cache V8 accepted runs as it was built, its bytes not the cache's neighbours'", () => {
    const dir = tempDir();
    const base = join(dir, "cache");
    const main = write(dir, "main.cjs", `exports.value = ${JSON.stringify("y".repeat(100_000))}.length;`);
    // A cache made by hand, as the exit hook makes one, then read back through the shared buffer.
    const first = loadBundle<{ value: number }>(main, ["doctor"], base);
    expect(first.entry.value).toBe(100_000);
    const source = readFileSync(main, "latin1");
    const cacheDir = readdirSync(base)[0]!;
    writeFileSync(
      join(base, cacheDir, "doctor.bin"),
      new vm.Script(source, { filename: main }).createCachedData(),
      {
        mode: 0o600,
      },
    );
    const again = loadBundle<{ value: number }>(main, ["doctor"], base);
    expect(again.cache).toBe("accepted");
    expect(again.entry.value).toBe(100_000);
  });
});
