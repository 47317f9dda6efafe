import { plan as englishPlan } from "../i18n/en/plan.js";
import { currentLang, t } from "../i18n/index.js";
import { readBack, say, type Values } from "../i18n/templates.js";

/**
 * The sentences a plan holds in English (its notes, the `#` comments of its manual steps' commands),
 * read back into the run's language when a person sees them. A plan's JSON stays English whatever the
 * language (a saved plan must plan again to exactly itself), and a plan written by an older kcs still
 * reads: so the English catalog's template of each sentence is both how the planner writes it
 * (`english()`) and how a view recognises it (`readBack()`). Words that match no template (a plan from
 * another kcs) are shown as written.
 */

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

/** The command's placeholders for secrets (`<admin password>`) in the run's language. */
function placeholdersInRunLanguage(command: string): string {
  let out = command;
  for (const [key, english] of Object.entries(englishPlan.placeholder))
    out = out.replaceAll(english, t(`plan.placeholder.${key as keyof typeof englishPlan.placeholder}`));
  return out;
}

/**
 * A manual step's command line with its `#` comment and its placeholders in the run's language; the
 * command itself stays as it is.
 */
export function commandInRunLanguage(line: string): string {
  if (currentLang() !== "ja") return line;
  const c = COMMENT.exec(line);
  if (!c) return placeholdersInRunLanguage(line);
  const m = readBack(c[2]!, englishPlan.comment);
  const command = placeholdersInRunLanguage(c[1]!);
  return `${command}# ${m ? say(`plan.comment.${m.key}`, m.values) : c[2]}`;
}
