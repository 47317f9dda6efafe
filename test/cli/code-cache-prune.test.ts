// Issue 11: the code cache must not pile up a copy per build or per throwaway clone in the user's cache.
import { existsSync, mkdirSync, readdirSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { IDLE_CACHE_MS, pruneCodeCaches } from "../../src/cli/code-cache-prune.js";
import { tempDir } from "../helpers/cli.js";

const NOW = Date.parse("2026-11-30T12:00:00Z");

function cacheDir(base: string, name: string, ageMs = 0, files = ["doctor.bin"]): string {
  const dir = join(base, name);
  mkdirSync(dir, { recursive: true });
  const at = (NOW - ageMs) / 1000;
  for (const f of files) {
    writeFileSync(join(dir, f), "x");
    utimesSync(join(dir, f), at, at);
  }
  utimesSync(dir, at, at);
  return dir;
}

describe("pruneCodeCaches", () => {
  const NODE = "v20.20.2-x64";

  it("removes this install's caches of older builds and leaves other installs' fresh ones", () => {
    const base = tempDir("kcs-prune-");
    const current = cacheDir(base, `${"a".repeat(20)}-0000beef-${NODE}`);
    cacheDir(base, `${"b".repeat(20)}-0000beef-${NODE}`, 1000, [
      "doctor.bin",
      ".doctor.bin.0123456789abcdef01234567.tmp",
    ]);
    cacheDir(base, `${"c".repeat(20)}-0000cafe-${NODE}`, 1000);
    // Same install under another Node: a user may switch back, so it ages out rather than going now.
    cacheDir(base, `${"d".repeat(20)}-0000beef-v22.1.0-x64`, 1000);
    expect(pruneCodeCaches(current, NOW)).toEqual([`${"b".repeat(20)}-0000beef-${NODE}`]);
    expect(readdirSync(base).sort()).toEqual(
      [
        `${"a".repeat(20)}-0000beef-${NODE}`,
        `${"c".repeat(20)}-0000cafe-${NODE}`,
        `${"d".repeat(20)}-0000beef-v22.1.0-x64`,
      ].sort(),
    );
  });

  it("removes any cache untouched for 30 days, old-style names included", () => {
    const base = tempDir("kcs-prune-");
    const current = cacheDir(base, `${"a".repeat(20)}-0000beef-${NODE}`);
    const idle = cacheDir(base, `${"c".repeat(20)}-0000cafe-${NODE}`, IDLE_CACHE_MS + 1000);
    const oldStyle = cacheDir(base, `${"e".repeat(20)}-${NODE}`, IDLE_CACHE_MS + 1000);
    const recent = cacheDir(base, `${"f".repeat(20)}-0000f00d-${NODE}`, IDLE_CACHE_MS - 60_000);
    pruneCodeCaches(current, NOW);
    expect(existsSync(idle)).toBe(false);
    expect(existsSync(oldStyle)).toBe(false);
    expect(existsSync(recent)).toBe(true);
    expect(existsSync(current)).toBe(true);
  });

  it("never deletes what kcs did not name: other folders, and folders holding other files", () => {
    const base = tempDir("kcs-prune-");
    const current = cacheDir(base, `${"a".repeat(20)}-0000beef-${NODE}`);
    const foreign = cacheDir(base, "photos", IDLE_CACHE_MS * 2, ["cat.jpg"]);
    const mixed = cacheDir(base, `${"b".repeat(20)}-0000beef-${NODE}`, 0, ["doctor.bin", "notes.txt"]);
    pruneCodeCaches(current, NOW);
    expect(readdirSync(foreign)).toEqual(["cat.jpg"]);
    // Its cache goes; the folder and the file kcs did not write stay.
    expect(readdirSync(mixed)).toEqual(["notes.txt"]);
  });

  it("does nothing for a folder not named as kcs names its caches", () => {
    const base = tempDir("kcs-prune-");
    cacheDir(base, `${"b".repeat(20)}-0000beef-${NODE}`, IDLE_CACHE_MS * 2);
    expect(pruneCodeCaches(join(base, "elsewhere"), NOW)).toEqual([]);
    expect(readdirSync(base)).toHaveLength(1);
  });
});
