import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, normalize, relative } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The layers of src/, bottom first: a module may import from its own layer and the ones below it,
 * never from one above. Types count too: a type imported upward is a type in the wrong place.
 */
const LAYERS = ["i18n", "core", "sim", "backend", "gather", "diagnose", "report", "remediate", "app", "cli"];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : [],
  );
}

interface Import {
  target: string;
  /** `import type`: gone at run time, so it closes no cycle; it still may not point upward. */
  typeOnly: boolean;
}

/**
 * Every relative module a file imports or re-exports, statically or with import(), in any quotes, as
 * a path under src/.
 */
function importsOf(file: string): Import[] {
  const text = readFileSync(file, "utf8");
  const spec = String.raw`["'\`](\.{1,2}\/[^"'\`]+)["'\`]`;
  const forms = new RegExp(
    String.raw`((?:import|export)\s+type\s[^;]*?from\s*|(?:from|import)\s*\(?\s*)` + spec,
    "g",
  );
  return [...text.matchAll(forms)].map((m) => ({
    target: normalize(join(dirname(file), m[2]!)).replace(/\.js$/, ".ts"),
    typeOnly: /^(?:import|export)\s+type\s/.test(m[1]!),
  }));
}

const layerOf = (file: string) => LAYERS.indexOf(relative("src", file).split("/")[0]!);

const FILES = sourceFiles("src");
const GRAPH = new Map(FILES.map((f) => [f, importsOf(f)]));

describe("the layers of src/", () => {
  it("every top-level folder of src/ is a known layer", () => {
    const folders = [...new Set(FILES.map((f) => relative("src", f).split("/")[0]!))];
    expect(folders.filter((f) => !LAYERS.includes(f))).toEqual([]);
  });

  it("no module imports from a layer above its own", () => {
    const upward = FILES.flatMap((f) =>
      GRAPH.get(f)!
        .filter((i) => layerOf(i.target) > layerOf(f))
        .map((i) => `${f} → ${i.target}`),
    );
    expect(upward).toEqual([]);
  });

  it("every relative import names a file that exists", () => {
    const missing = FILES.flatMap((f) =>
      GRAPH.get(f)!
        // Data (a generated AWS model) is imported as JSON: it must exist, and it imports nothing.
        .filter((i) => !GRAPH.has(i.target) && !(i.target.endsWith(".json") && existsSync(i.target)))
        .map((i) => `${f} → ${i.target}`),
    );
    expect(missing).toEqual([]);
  });

  it("no import cycle at run time, static or dynamic", () => {
    const cycles: string[] = [];
    const state = new Map<string, "open" | "done">();
    const visit = (f: string, path: string[]) => {
      if (state.get(f) === "done") return;
      if (state.get(f) === "open") {
        cycles.push([...path.slice(path.indexOf(f)), f].join(" → "));
        return;
      }
      state.set(f, "open");
      for (const i of GRAPH.get(f) ?? []) if (!i.typeOnly) visit(i.target, [...path, f]);
      state.set(f, "done");
    };
    for (const f of FILES) visit(f, []);
    expect(cycles).toEqual([]);
  });
});
