import { t } from "../i18n/index.js";
import { matchYargs } from "./yargs-locale.js";

/**
 * Turns yargs' validation messages into kcs's one-line usage errors, with a "Did you mean" for a
 * mistyped flag or command (yargs suggests commands only, and drops the word that was typed).
 */

/** What the parser knew when it failed: the command it was parsing and that command's flags. */
export interface ParserView {
  /** Command words from the root, e.g. ["sim", "hsm"]. */
  commandPath: readonly string[];
  /** Long names of every flag the command takes, its own and the global ones (no dashes, no positionals). */
  flags: readonly string[];
  /** The flags among them that are booleans, which also take a --no- form. */
  booleans: readonly string[];
}

/** Edit distance counting a swap of two neighbours as one edit ("stroe" is one from "store"). */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * The candidate `word` most likely meant: within an edit for every three letters, else the only
 * candidate it begins (--endpoint for --endpoint-url). None for a single letter: no guess is good.
 */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  if (word.length < 2) return undefined;
  const limit = Math.max(1, Math.floor(word.length / 3));
  let best: { name: string; distance: number } | undefined;
  for (const name of candidates) {
    const distance = editDistance(word, name);
    if (distance <= limit && (!best || distance < best.distance)) best = { name, distance };
  }
  if (best) return best.name;
  const extending = word.length >= 3 ? candidates.filter((c) => c.startsWith(word)) : [];
  return extending.length === 1 ? extending[0] : undefined;
}

const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** Stray words up to this long are repeated in the usage error; longer ones are not. */
const SHOWN_WORD_MAX = 16;

/** How the user typed an unknown name yargs reports without dashes: as a flag, or as a word. */
function asTyped(name: string, argv: readonly string[]): { shown: string; flag?: string } {
  for (const token of argv) {
    const m = /^(--?)([^=]+)/.exec(token);
    if (!m || token === "--") continue;
    const typed = m[2]!;
    if (typed === name) return { shown: `${m[1]}${typed}`, flag: kebab(typed) };
    if (typed === `no-${name}`) return { shown: `--${typed}`, flag: kebab(typed) };
  }
  // yargs splits -xy into x and y: a single letter not seen whole was typed in such a cluster.
  if (name.length === 1 && !argv.includes(name)) return { shown: `-${name}` };
  // A long stray word may be a secret pasted where it does not belong (a proxy's secret access key
  // after --probe): it is refused without being repeated.
  if (name.length > SHOWN_WORD_MAX) return { shown: t("errors.usage.secretWord", { length: name.length }) };
  return { shown: name };
}

function unknownArguments(reported: string[], argv: readonly string[], view: ParserView): string {
  // yargs names --some-flag twice, also as someFlag.
  const names = reported.filter((n) => !reported.includes(kebab(n)) || kebab(n) === n);
  const flags = [...view.flags, ...view.booleans.map((b) => `no-${b}`)];
  const typed = names.map((n) => asTyped(n, argv));
  const ideas = typed.flatMap(({ shown, flag }) => {
    const idea = flag === undefined ? undefined : closest(flag, flags);
    return idea === undefined ? [] : [{ shown, idea: `--${idea}` }];
  });
  const head = t("errors.usage.unknownArgument", {
    count: names.length,
    names: typed.map((w) => w.shown).join(", "),
  });
  if (ideas.length === 0) return head;
  if (names.length === 1) return t("errors.usage.didYouMeanFlag", { head, idea: ideas[0]!.idea });
  const idea = ideas.map((i) => t("errors.usage.ideaFor", { idea: i.idea, shown: i.shown })).join(", ");
  return t("errors.usage.didYouMeanFlag", { head, idea });
}

/** yargs' recommendCommands says only "Did you mean status?": name the word it was said about. */
function unknownCommand(suggestion: string, argv: readonly string[], view: ParserView): string {
  const words = argv.filter((a) => !a.startsWith("-") && !view.commandPath.includes(a));
  const typed = [...words].sort((a, b) => editDistance(a, suggestion) - editDistance(b, suggestion))[0];
  const full = ["kcs", ...view.commandPath, suggestion].join(" ");
  return typed === undefined
    ? t("errors.usage.didYouMeanCommand", { full })
    : t("errors.usage.unknownCommand", { typed, full });
}

/** Names flags as they are typed: yargs says "Missing required argument: scenario". */
function asFlags(msg: string, view: ParserView): string {
  const flag = (name: string) => (view.flags.includes(name) ? `--${name}` : name);
  return msg
    .split("\n")
    .map((line) => {
      const missing = matchYargs("missingRequired", line);
      if (missing) {
        const names = missing[0]!.split(", ").map(flag);
        return t("errors.usage.missingRequired", { count: names.length, names: names.join(", ") });
      }
      // "Invalid values:" heads the lines that say which; each of those becomes a sentence.
      if (matchYargs("invalidValues", line.trim())) return "";
      const choice = matchYargs("invalidChoice", line.trim());
      if (choice) {
        const [name, given, choices] = choice as [string, string, string];
        return t("errors.usage.invalidChoice", { flag: flag(name), choices, given });
      }
      return line;
    })
    .join("\n");
}

/** yargs' lines as sentences on one line. */
function oneLine(msg: string): string {
  const lines = msg
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "");
  // Japanese sentences end in 。 or full-width ？！： (written as escapes: the bundle must stay ASCII).
  const end = t("errors.usage.sentenceEnd");
  return lines
    .map((l, i) => (i < lines.length - 1 && !/[.?!:\u3002\uff1f\uff01\uff1a]$/.test(l) ? `${l}${end}` : l))
    .join(" ");
}

/** One line: what was wrong, a suggestion when there is a likely one, and where the usage is. */
export function usageMessage(msg: string, argv: readonly string[], view: ParserView): string {
  const line = oneLine(asFlags(msg, view));
  const unknown = matchYargs("unknownArgument", line);
  const command = matchYargs("didYouMean", line);
  const said = unknown
    ? unknownArguments(unknown[0]!.split(", "), argv, view)
    : command && !/\s/.test(command[0]!)
      ? unknownCommand(command[0]!, argv, view)
      : line;
  return t("errors.usage.showsUsage", { said, help: ["kcs", ...view.commandPath, "--help"].join(" ") });
}
