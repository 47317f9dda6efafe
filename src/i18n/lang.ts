/** The languages kcs speaks. English is the default and the language of every JSON field but title/detail. */
export const LANGS = ["en", "ja"] as const;
export type Lang = (typeof LANGS)[number];

const isLang = (v: string): v is Lang => (LANGS as readonly string[]).includes(v);

/** `--lang X` or `--lang=X` anywhere on the line: the parser's help texts need it before yargs runs. */
export function langFlag(argv: readonly string[]): string | undefined {
  let found: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--") break;
    if (a === "--lang") found = argv[i + 1];
    else if (a.startsWith("--lang=")) found = a.slice("--lang=".length);
  }
  return found;
}

/**
 * The POSIX locale's language: the first of LC_ALL, LC_MESSAGES and LANG that is set (that is their
 * precedence) names it, as `ja_JP.UTF-8`, `ja_JP` or `ja`. Anything kcs does not speak, and C or
 * POSIX, is English: a locale is a machine's setting, not a request made to kcs.
 */
export function localeLang(env: NodeJS.ProcessEnv): Lang {
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || "";
  const language = locale.split(/[_.@]/, 1)[0]!.toLowerCase();
  return isLang(language) ? language : "en";
}

/** The language of this run, and the value it refused if `--lang` or KCS_LANG named one kcs lacks. */
export interface LangChoice {
  lang: Lang;
  refused?: { source: "flag" | "env"; value: string };
}

/**
 * `--lang`, then KCS_LANG, then the locale. `--lang` and KCS_LANG ask kcs by name, so a value it does
 * not speak is refused (a usage error, said in the locale's language) rather than ignored.
 */
export function chooseLang(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): LangChoice {
  const flag = langFlag(argv);
  if (flag !== undefined)
    return isLang(flag)
      ? { lang: flag }
      : { lang: localeLang(env), refused: { source: "flag", value: flag } };
  const named = env.KCS_LANG;
  if (named)
    return isLang(named)
      ? { lang: named }
      : { lang: localeLang(env), refused: { source: "env", value: named } };
  return { lang: localeLang(env) };
}
