import { plan as englishPlan } from "../i18n/en/plan.js";
import { currentLang, t } from "../i18n/index.js";

/**
 * The sentences a plan holds in English (its notes, the `#` comments of its manual steps' commands),
 * read back into the run's language when a person sees them. A plan's JSON stays English whatever the
 * language (a saved plan must plan again to exactly itself), and a plan written by an older kcs still
 * reads: so the English catalog's template of each sentence is both how the planner writes it
 * (`english()`) and how a view recognises it (`readBack()`). Words that match no template (a plan from
 * another kcs) are shown as written.
 */

type Values = Record<string, string | number>;
type Templates = Readonly<Record<string, string>>;

/** A template with its {{placeholders}} filled, in English whatever the run's language. */
export function english(template: string, values: Values): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name]));
}

/**
 * `t` for a key and values read back from the English catalog's own templates: the compiler cannot
 * see which placeholders a key read at run time fills, so this is the one untyped call.
 */
const say = t as unknown as (key: string, values: Values) => string;

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
        return `(?<${name}>.+?)`;
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

/** "a, b, c and 2 more" (the planner's short list of key ids), in the run's language. */
function shortList(names: string): string {
  const m = /^(.*) and (\d+) more$/.exec(names);
  return m ? t("plan.noteParts.andMore", { names: m[1]!, count: Number(m[2]) }) : names;
}

/** "subnet-a (eu-west-1a, 12 free addresses), ..." in the run's language. */
function subnetList(text: string): string {
  return text
    .split(/(?<=\)), /)
    .map((item) => {
      const m = readBack(item, { subnet: englishPlan.noteParts.subnet });
      return m ? say("plan.noteParts.subnet", { ...m.values, count: Number(m.values.count) }) : item;
    })
    .join(t("plan.noteParts.itemSeparator"));
}

/** A plan note in the run's language. */
export function noteInRunLanguage(note: string): string {
  if (currentLang() !== "ja") return note;
  const m = readBack(note, englishPlan.note);
  if (!m) return note;
  const v: Values = { ...m.values };
  if (typeof v.names === "string") v.names = shortList(v.names);
  if (typeof v.subnets === "string") v.subnets = subnetList(v.subnets);
  return say(`plan.note.${m.key}`, v);
}

/** The comment after a command (`cmd   # comment`, or a line that is only `# comment`). */
const COMMENT = /^(|.*?\s{2,})# (.*)$/;

/** A manual step's command line with its `#` comment in the run's language; the command stays as it is. */
export function commandInRunLanguage(line: string): string {
  if (currentLang() !== "ja") return line;
  const c = COMMENT.exec(line);
  if (!c) return line;
  const m = readBack(c[2]!, englishPlan.comment);
  if (!m) return line;
  return `${c[1]}# ${say(`plan.comment.${m.key}`, m.values)}`;
}

/** A reason another module gave the planner in English (xks-uri.ts, subnets.ts), in the run's language. */
export function reasonInRunLanguage(reason: string): string {
  if (currentLang() !== "ja") return reason;
  const m = readBack(reason, englishPlan.refusedBecause);
  return m ? say(`plan.refusedBecause.${m.key}`, m.values) : reason;
}
