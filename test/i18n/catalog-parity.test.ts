import { describe, expect, it } from "vitest";
import { en } from "../../src/i18n/en/index.js";
import { ja } from "../../src/i18n/ja/index.js";

type Tree = { readonly [k: string]: string | Tree };

function flatten(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === "string") out.set(key, v);
    else for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
  }
  return out;
}

/** The {{name}} and {{name, format}} placeholders a message fills, by name and format. */
const placeholders = (text: string) =>
  [...text.matchAll(/\{\{\s*([^}]+?)\s*\}\}/g)].map((m) => m[1]!.replace(/\s+/g, " ")).sort();

/** Japanese script: hiragana, katakana, CJK ideographs, full-width forms. */
const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff\uff00-\uffef]/;

const english = flatten(en as unknown as Tree);
const japanese = flatten(ja as unknown as Tree);

describe("the Japanese catalog", () => {
  it("has every English key (a plural counts once: Japanese has one form, key_other)", () => {
    const expected = [...english.keys()].filter((k) => !k.endsWith("_one")).sort();
    expect([...japanese.keys()].sort()).toEqual(expected);
  });

  it("gives each English plural both its forms", () => {
    for (const key of english.keys())
      if (key.endsWith("_one")) expect(english.has(key.replace(/_one$/, "_other")), key).toBe(true);
  });

  it("fills the same placeholders as the English, with the same formats", () => {
    for (const [key, text] of japanese) {
      const source = english.get(key)!;
      expect(placeholders(text), key).toEqual(placeholders(source));
    }
  });

  it("is written in Japanese: no message is left empty or in English", () => {
    for (const [key, text] of japanese) {
      // Nothing to translate in a message that is only placeholders and punctuation.
      const words = english.get(key)!.replace(/\{\{[^}]*\}\}/g, "");
      if (/[A-Za-z]/.test(words)) expect(JAPANESE.test(text), `${key}: ${text}`).toBe(true);
    }
  });

  it("says 'run kcs fix again' in its own words wherever the English does (a failed step's line reads it)", () => {
    const said = { en: english.get("fix.problem.resumeSaid")!, ja: japanese.get("fix.problem.resumeSaid")! };
    const hints = [...english].filter(
      ([k, text]) => text.includes(said.en) && k !== "fix.problem.resumeSaid",
    );
    expect(hints.length).toBeGreaterThan(5);
    for (const [key] of hints) expect(japanese.get(key), key).toContain(said.ja);
  });
});
