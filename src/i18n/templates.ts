/**
 * English sentences kept in data (a plan's notes, a snapshot's probe results) are written from the
 * English catalog's templates and read back by the same templates to be said in the run's language:
 * the English stays byte for byte what it was, and text no template wrote is shown as it is.
 */

import { currentLang, t } from "./index.js";

export type Values = Record<string, string | number>;
export type Templates = Readonly<Record<string, string>>;

/** A template with its {{placeholders}} filled, in English whatever the run's language. */
export function english(template: string, values: Values): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name]));
}

const PATTERNS = new Map<string, RegExp>();

/** The template as a pattern: each placeholder any text (the same text where a name repeats). */
function patternOf(template: string): RegExp {
  let pattern = PATTERNS.get(template);
  if (!pattern) {
    const seen = new Set<string>();
    const source = template
      .split(/(\{\{\w+\}\})/)
      .map((part) => {
        const name = /^\{\{(\w+)\}\}$/.exec(part)?.[1];
        if (!name) return part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
        if (seen.has(name)) return `\\k<${name}>`;
        seen.add(name);
        return `(?<${name}>.*?)`;
      })
      .join("");
    pattern = new RegExp(`^${source}$`);
    PATTERNS.set(template, pattern);
  }
  return pattern;
}

/** Which template of `templates` wrote `text`, and with which values; first match wins. */
export function readBack(
  text: string,
  templates: Templates,
): { key: string; values: Record<string, string> } | undefined {
  for (const [key, template] of Object.entries(templates)) {
    const m = patternOf(template).exec(text);
    if (m) return { key, values: { ...m.groups } };
  }
  return undefined;
}

/**
 * `t` for a key and values read back from the English catalog's own templates: the compiler cannot
 * see which placeholders a key read at run time fills, so this is the one untyped call.
 */
export const say = t as unknown as (key: string, values?: Values) => string;

/**
 * `text` in the run's language when one of `templates` (the English catalog's `area.group`, named by
 * `at`) wrote it; else `text` as it is. English runs get `text` back untouched.
 */
export function sayBack(text: string, templates: Templates, at: string): string {
  if (currentLang() !== "ja") return text;
  const m = readBack(text, templates);
  return m ? say(`${at}.${m.key}`, m.values) : text;
}
