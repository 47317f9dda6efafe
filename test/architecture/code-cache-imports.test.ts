import { readFileSync } from "node:fs";
import { dirname, join, normalize } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * bin/kcs.js loads src/cli/launch.ts (and the code cache's loader it imports) as a script of its own,
 * launch.cjs, before the bundle that holds the rest of kcs. Whatever it imports is loaded twice on
 * every run (once outside the bundle, without a code cache):
 * the i18n catalogs and i18next cost about 40 ms there once, unnoticed until a cold-start benchmark.
 */
function reach(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  const text = readFileSync(file, "utf8");
  for (const m of text.matchAll(/(?:from|import)\s*\(?\s*"(\.{1,2}\/[^"]+)"/g))
    reach(normalize(join(dirname(file), m[1]!)).replace(/\.js$/, ".ts"), seen);
  return seen;
}

describe("the launcher and the code cache's loader", () => {
  it("import nothing that speaks: no i18n catalog, no i18next", () => {
    const files = [...reach("src/cli/launch.ts")];
    expect(files).toContain("src/cli/code-cache.ts");
    expect(files.filter((f) => f.startsWith("src/i18n/"))).toEqual([]);
    for (const f of files) expect(readFileSync(f, "utf8"), f).not.toMatch(/from "i18next"/);
  });
});
