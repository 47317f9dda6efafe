import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runKcs, tempDir } from "../helpers/cli.js";
import { initWorld } from "../helpers/world-file.js";

// English users pay nothing for Japanese: its catalog is a file of its own, read only on a Japanese
// run, and none of its text is in the scripts an English run compiles.

/** Every file a kcs run reads with readFileSync, by a preload that wraps it. */
async function filesRead(args: string[], env: Record<string, string> = {}) {
  const dir = tempDir("kcs-lang-cost-");
  const preload = join(dir, "reads.cjs");
  const list = join(dir, "reads.txt");
  writeFileSync(
    preload,
    `const fs = require("node:fs"); const read = fs.readFileSync; const seen = [];
fs.readFileSync = function (p, ...rest) { seen.push(String(p)); return read.call(this, p, ...rest); };
process.on("exit", () => fs.writeFileSync(${JSON.stringify(list)}, seen.join("\\n")));`,
  );
  const state = initWorld(join(dir, "world.json"), "invalid-credentials");
  const res = await runKcs([...args, "--sim-state", state], {
    env: { NODE_OPTIONS: `--require ${preload}`, ...env },
  });
  return { res, read: readFileSync(list, "utf8").split("\n") };
}

/** Two kana in a row, as text or as esbuild's ASCII escapes of them (a range in a regex is not two kana). */
const JAPANESE = /(?:[\u3040-\u30ff]|\\u30[4-9a-f][0-9a-f]){2}/i;

describe("the Japanese catalog costs an English run nothing", () => {
  it("an English doctor never reads dist/i18n/ja.json; a Japanese one does", async () => {
    const en = await filesRead(["doctor"]);
    expect(en.res.code).toBe(2);
    expect(en.read.some((p) => p.endsWith("ja.json"))).toBe(false);
    const ja = await filesRead(["doctor"], { LANG: "ja_JP.UTF-8" });
    expect(ja.res.code).toBe(2);
    expect(ja.read.filter((p) => p.endsWith(join("dist", "i18n", "ja.json")))).toHaveLength(1);
  });

  it("no bundle an English run loads holds a word of Japanese", () => {
    const scripts = readdirSync("dist/bundle-cjs")
      .filter((f) => f.endsWith(".cjs"))
      .map((f) => join("dist/bundle-cjs", f));
    expect(scripts.length).toBeGreaterThan(1);
    for (const f of scripts) expect(JAPANESE.test(readFileSync(f, "utf8")), f).toBe(false);
  });
});
