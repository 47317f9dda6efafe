import { t } from "../i18n/index.js";

/** yargs' English key (its y18n key, also its English text) for each message of our yargs catalog. */
const WORDS = {
  commands: "Commands:",
  options: "Options:",
  examples: "Examples:",
  boolean: "boolean",
  count: "count",
  string: "string",
  number: "number",
  array: "array",
  required: "required",
  default: "default",
  defaultIs: "default:",
  choices: "choices:",
  aliases: "aliases:",
  generatedValue: "generated-value",
  invalidValues: "Invalid values:",
  invalidChoice: "Argument: %s, Given: %s, Choices: %s",
  checkFailed: "Argument check failed: %s",
  implicationsFailed: "Implications failed:",
  notEnoughFollowing: "Not enough arguments following: %s",
  invalidJsonConfig: "Invalid JSON config file: %s",
  jsonConfigPath: "Path to JSON config file",
  showHelp: "Show help",
  showVersion: "Show version number",
  didYouMean: "Did you mean %s?",
  mutuallyExclusive: "Arguments %s and %s are mutually exclusive",
  positionals: "Positionals:",
  command: "command",
  deprecated: "deprecated",
  deprecatedBecause: "deprecated: %s",
} as const;

/** yargs' plural messages (y18n's __n), keyed by their singular English text. */
const PLURALS = {
  notEnoughNonOption: "Not enough non-option arguments: got %s, need at least %s",
  tooManyNonOption: "Too many non-option arguments: got %s, maximum of %s",
  missingValue: "Missing argument value: %s",
  missingRequired: "Missing required argument: %s",
  unknownArgument: "Unknown argument: %s",
  unknownCommand: "Unknown command: %s",
} as const;

export type YargsPlural = keyof typeof PLURALS;

/** y18n's shape of a locale: a word, or a plural as its `one` and `other` forms. */
export type YargsLocale = Record<string, string | { one: string; other: string }>;

/**
 * yargs' words in the run's language, for yargs' updateLocale(). An English run does not call it:
 * yargs' own English is what kcs has always printed.
 */
export function yargsLocale(): YargsLocale {
  const locale: YargsLocale = {};
  for (const [key, english] of Object.entries(WORDS))
    locale[english] = t(`yargs.${key as keyof typeof WORDS}`);
  for (const [key, english] of Object.entries(PLURALS)) {
    const k = `yargs.${key as YargsPlural}` as const;
    locale[english] = { one: t(k, { count: 1 }), other: t(k, { count: 2 }) };
  }
  return locale;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * The `%s` values of yargs' message `key` in `line`, as yargs wrote it in the run's language (either
 * plural form), or undefined when `line` is not that message: kcs rewrites some of yargs' messages
 * (cli/suggest.ts) and must read them first.
 */
export function matchYargs(
  key: YargsPlural | "invalidValues" | "invalidChoice" | "didYouMean",
  line: string,
): string[] | undefined {
  const forms =
    key in PLURALS
      ? [t(`yargs.${key as YargsPlural}`, { count: 1 }), t(`yargs.${key as YargsPlural}`, { count: 2 })]
      : [t(`yargs.${key as Exclude<typeof key, YargsPlural>}`)];
  for (const form of new Set(forms)) {
    const m = new RegExp(`^${escapeRegExp(form).replace(/%s/g, "(.+?)")}$`).exec(line);
    if (m) return m.slice(1);
  }
  return undefined;
}
