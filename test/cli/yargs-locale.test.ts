import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type ParserView, usageMessage } from "../../src/cli/suggest.js";
import { matchYargs, yargsLocale } from "../../src/cli/yargs-locale.js";
import { inLang } from "../helpers/lang.js";

const YARGS_LIB = "node_modules/yargs/build/lib";

/** Every word yargs' code looks up through y18n (`__('...')` and `__n('...', ...)`), by its English key. */
function wordsYargsSays(): Set<string> {
  const keys = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith(".js"))
        for (const m of readFileSync(path, "utf8").matchAll(/\b__n?\(\s*'([^']+)'/g)) keys.add(m[1]!);
    }
  };
  walk(YARGS_LIB);
  return keys;
}

const SIM_INIT: ParserView = {
  commandPath: ["sim", "init"],
  flags: ["scenario", "output", "backend", "help"],
  booleans: ["help"],
};

describe("yargs' words from kcs's catalog", () => {
  it("gives every word yargs looks up, so none is left in English on a Japanese page", async () => {
    const said = wordsYargsSays();
    expect(said.size).toBeGreaterThan(25);
    const locale = await inLang("ja", () => yargsLocale());
    expect([...said].filter((k) => !(k in locale))).toEqual([]);
    for (const [key, value] of Object.entries(locale)) {
      const forms = typeof value === "string" ? [value] : [value.one, value.other];
      for (const form of forms) {
        expect(form, key).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
        // util.format fills %s in order: a translation must keep every one.
        expect(form.split("%s").length, key).toBe(key.split("%s").length);
      }
    }
  });

  it("repeats yargs' English in the English catalog, key for key", () => {
    // y18n falls back to the key itself, which is what a bundled English run prints.
    for (const [key, value] of Object.entries(yargsLocale())) {
      if (typeof value === "string") expect(value).toBe(key);
      else expect(value.one).toBe(key);
    }
  });

  it("reads yargs' messages in the run's language, with their values", async () => {
    expect(matchYargs("unknownArgument", "Unknown arguments: stroe, x")).toEqual(["stroe, x"]);
    expect(matchYargs("unknownArgument", "不明な引数です: stroe")).toBeUndefined();
    await inLang("ja", () => {
      expect(matchYargs("unknownArgument", "不明な引数です: stroe")).toEqual(["stroe"]);
      expect(matchYargs("invalidChoice", '引数: output、指定値: "yaml"、選択肢: "text", "json"')).toEqual([
        "output",
        '"yaml"',
        '"text", "json"',
      ]);
      expect(matchYargs("unknownArgument", "Unknown argument: stroe")).toBeUndefined();
    });
  });
});

describe("usage errors in Japanese", () => {
  it("rewrites yargs' Japanese messages as kcs's one line, with the flag it meant", async () => {
    await inLang("ja", () => {
      const flags: ParserView = { commandPath: ["doctor"], flags: ["store", "region"], booleans: [] };
      expect(usageMessage("不明な引数です: stroe", ["doctor", "--stroe", "x"], flags)).toBe(
        "不明な引数です: --stroe。--store のことですか? (使い方は kcs doctor --help で確認できます)",
      );
      expect(usageMessage("不明な引数です: stroe, regoin", ["doctor", "--stroe", "--regoin"], flags)).toBe(
        "不明な引数です: --stroe, --regoin。--store (--stroe の代わりに), --region (--regoin の代わりに) のことですか? (使い方は kcs doctor --help で確認できます)",
      );
      expect(usageMessage("必須の引数がありません: scenario", ["sim", "init"], SIM_INIT)).toBe(
        "必須の引数がありません: --scenario (使い方は kcs sim init --help で確認できます)",
      );
      expect(
        usageMessage('不正な値です:\n  引数: output、指定値: "yaml"、選択肢: "text", "json"', [], SIM_INIT),
      ).toBe(
        '--output に指定できるのは "text", "json" です。指定値: "yaml" (使い方は kcs sim init --help で確認できます)',
      );
      expect(
        usageMessage("status のことですか?", ["sim", "statsu"], { ...SIM_INIT, commandPath: ["sim"] }),
      ).toBe(
        "不明なコマンドです: statsu。kcs sim status のことですか? (使い方は kcs sim --help で確認できます)",
      );
    });
  });
});
